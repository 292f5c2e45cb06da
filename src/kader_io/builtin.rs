//! The kaders compiled into the binary (`assets/kaders/*.toml`), parsed and validated once per
//! process.

use std::sync::OnceLock;

use crate::domain::kader::Framework;

use super::parse;

/// The kaders shipped inside the binary: (id, file text).
pub const BUILTIN: [(&str, &str); 4] = [
    (
        "vt-2016-stap2",
        include_str!("../../assets/kaders/vt-2016-stap2.toml"),
    ),
    (
        "vt-2015-stap1",
        include_str!("../../assets/kaders/vt-2015-stap1.toml"),
    ),
    (
        "vt-2024-tijdigheid",
        include_str!("../../assets/kaders/vt-2024-tijdigheid.toml"),
    ),
    (
        "vng-2016-risicoscan",
        include_str!("../../assets/kaders/vng-2016-risicoscan.toml"),
    ),
];

/// The ids of the built-in kaders, in the order shipped.
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}

/// A built-in kader by id. Parsed once per process.
pub fn builtin(id: &str) -> Option<&'static Framework> {
    static PARSED: OnceLock<Vec<Framework>> = OnceLock::new();
    let all = PARSED.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(id, text)| {
                parse(text, &format!("ingebouwd:{id}")).unwrap_or_else(|e| {
                    panic!("built-in kader {id} is invalid (a build defect): {e}")
                })
            })
            .collect()
    });
    all.iter().find(|f| f.id == id)
}
