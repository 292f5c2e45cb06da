//! The integration tests, as one test binary.
//!
//! Every file here is a module of this crate rather than a test target of its own: one crate to
//! compile and one binary to link instead of 42, and `cargo test` runs all of it in parallel.
//! Shared helpers are in [`common`] (the CLI and temporary folders) and [`support`] (the app under
//! egui_kittest). Run one file's tests with `cargo test --test suite merge::`.

mod common;
mod support;

mod cli_dossier;
mod cli_encryption;
mod cli_inspection;
mod cli_kerndata;
mod cli_score;
mod conflicts;
mod demo_stap1;
mod disk_full;
mod drafts;
mod duplicates;
mod durability;
mod durability_settings;
mod encryption;
mod errors_dutch;
mod gui;
mod gui_dossiers;
mod gui_encryption;
mod gui_kerndata;
mod gui_keyboard;
mod gui_overzicht;
mod kader_2024;
mod kader_risicoscan;
mod kader_validation;
mod manpages;
mod merge;
mod norms;
mod output_safety;
mod overzicht;
mod pdf_structure;
mod privacy;
mod read_only;
mod report;
mod rounds;
mod scoring;
mod steekproef;
mod store;
mod store_seam;
mod termijn;
mod tidy;
mod wachtlijst;
mod wederhoor;
mod wederhoor_cli;
