//! veldtoets: fieldwork for inspectors of a Dutch inspectorate, offline on a laptop.
//!
//! Crate map (dependencies point one way, towards `domain`):
//! - [`clock`]: where the app reads the clock (`Stamp::now`); the domain never does.
//! - [`domain`]: the pure core — kader, oordelen, scoring with the beslisregels, termijnen.
//! - [`kader_io`]: the versioned kader file format (TOML DTOs) → validated [`domain::Framework`];
//!   the kaders compiled into the binary.
//! - [`json`]: the JSON shapes the CLI prints (stable contract).
//! - [`overzicht`]: the landelijk overzicht — many organisations' inspections of one kader
//!   ranked and compared (plain data, for JSON and the PDF).
//! - [`store`]: the inspection file (SQLite), the only module that knows rusqlite.
//! - [`report`]: the PDF rapport (inspection → report model → PDF bytes), the only module that
//!   knows printpdf.
//! - [`ui`]: the desktop app (eframe/egui), the only module that knows egui.
//! - [`cli`]: the command line; `main.rs` only calls [`cli::main`].

pub mod cli;
pub mod clock;
pub mod demo;
pub mod domain;
pub mod fsutil;
pub mod json;
pub mod kader_io;
pub mod overzicht;
pub mod report;
pub mod store;
pub mod ui;
