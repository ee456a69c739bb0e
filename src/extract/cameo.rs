//! The CAMEO event table: every code with its name, root, quad class, Goldstein value, PLOVER
//! category and target rule; and the code shifts that markers apply ("agreed to" + a material
//! cooperation code gives the matching intent code).

mod code;
mod shift;

use std::collections::HashMap;

pub use code::CameoCode;
use shift::Shifted;
pub use shift::{Shift, ShiftTables};

use crate::model::{CameoRef, PloverRef};

use super::dictionary::{CameoFile, TargetRule};
use super::DictionaryError;

const FILE: &str = "cameo.toml";

/// One compiled code.
#[derive(Debug, Clone)]
pub struct CameoEntry {
    /// The output form.
    pub cameo: CameoRef,
    /// The PLOVER category, if any.
    pub plover: Option<PloverRef>,
    /// Whether a target is required.
    pub target: TargetRule,
}

/// Every CAMEO code, validated.
#[derive(Debug, Clone)]
pub struct CameoTable {
    entries: HashMap<CameoCode, CameoEntry>,
    shifted: Shifted,
}

impl CameoTable {
    /// Validates and compiles the table.
    pub fn new(file: &CameoFile) -> Result<Self, DictionaryError> {
        let mut entries = HashMap::new();
        for raw in &file.code {
            let bad = |reason: String| DictionaryError::invalid(FILE, &raw.code, reason);
            let code = CameoCode::parse(&raw.code).map_err(|e| bad(e.to_string()))?;
            if !raw.code.starts_with(&raw.root) || raw.root.len() != 2 {
                return Err(bad(format!(
                    "root {:?} is not the code's first two digits",
                    raw.root
                )));
            }
            if !(1..=4).contains(&raw.quad_class) {
                return Err(bad(format!(
                    "quad_class must be 1-4, got {}",
                    raw.quad_class
                )));
            }
            if !(-10.0..=10.0).contains(&raw.goldstein) {
                return Err(bad(format!(
                    "goldstein must be -10 to 10, got {}",
                    raw.goldstein
                )));
            }
            let plover = match &raw.plover {
                None => None,
                Some(category) => {
                    let quad = file.plover.get(category).ok_or_else(|| {
                        bad(format!("plover category {category:?} is not in [plover]"))
                    })?;
                    Some(PloverRef {
                        category: category.clone(),
                        quad: quad.clone(),
                    })
                }
            };
            let entry = CameoEntry {
                cameo: CameoRef {
                    code: raw.code.clone(),
                    root: raw.root.clone(),
                    name: raw.name.clone(),
                    quad_class: raw.quad_class,
                    goldstein: raw.goldstein,
                },
                plover,
                target: raw.target,
            };
            if entries.insert(code, entry).is_some() {
                return Err(DictionaryError::invalid(
                    FILE,
                    &raw.code,
                    "code listed twice",
                ));
            }
        }
        let shifted = Shifted::compile(&file.shift, entries.keys().copied())?;
        Ok(Self { entries, shifted })
    }

    /// The entry of `code`.
    pub fn get(&self, code: CameoCode) -> Option<&CameoEntry> {
        self.entries.get(&code)
    }

    /// Whether `code` is in the table.
    pub fn contains(&self, code: CameoCode) -> bool {
        self.entries.contains_key(&code)
    }

    /// The code `code` becomes under `shift`; `None` when the shift makes no sense for it
    /// (a threat to cooperate), in which case the event is not coded.
    pub fn shift(&self, code: CameoCode, shift: Shift) -> Option<CameoCode> {
        self.shifted.get(code, shift)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dictionary::Sources;

    fn table() -> CameoTable {
        CameoTable::new(&Sources::embedded().parse().expect("parse").cameo).expect("table")
    }

    #[test]
    fn the_table_has_every_reference_code_with_its_facts() {
        let t = table();
        let get = |code: &str| t.get(CameoCode::of(code)).expect(code);
        let e = get("0312");
        assert_eq!((e.cameo.root.as_str(), e.cameo.quad_class), ("03", 1));
        assert_eq!(
            e.plover.as_ref().map(|p| p.category.as_str()),
            Some("AGREE")
        );
        assert!(get("010").plover.is_none());
        assert_eq!(get("195").cameo.goldstein, -10.0);
    }

    #[test]
    fn shifts() {
        let t = table();
        let cases: &[(&str, Shift, Option<&str>)] = &[
            ("062", Shift::Intent, Some("0312")),
            ("061", Shift::Intent, Some("0311")),
            ("040", Shift::Intent, Some("036")),
            ("0831", Shift::Intent, Some("0341")),
            ("0312", Shift::Intent, Some("0312")),
            ("111", Shift::Intent, Some("111")),
            // an announced hostile act is a threat; an announced verbal act of conflict is
            // that act
            ("163", Shift::Intent, Some("1312")),
            ("161", Shift::Intent, Some("1313")),
            ("090", Shift::Intent, Some("090")),
            ("1056", Shift::Intent, Some("1056")),
            ("120", Shift::Intent, Some("120")),
            ("190", Shift::Intent, Some("1384")),
            ("141", Shift::Intent, Some("133")),
            ("062", Shift::Refuse, Some("1212")),
            ("046", Shift::Refuse, Some("125")),
            // declining a military act rejects it
            ("154", Shift::Refuse, Some("120")),
            ("111", Shift::Refuse, None),
            ("190", Shift::Threaten, Some("1384")),
            ("163", Shift::Threaten, Some("1312")),
            ("040", Shift::Threaten, None),
            ("0841", Shift::Demand, Some("1053")),
            ("062", Shift::Appeal, Some("0212")),
            ("111", Shift::Appeal, Some("020")),
            ("070", Shift::Consider, Some("014")),
            // a claimed attack is a claim of responsibility; a claimed meeting is a meeting
            ("190", Shift::Claim, Some("015")),
            ("1832", Shift::Claim, Some("015")),
            ("040", Shift::Claim, Some("040")),
        ];
        for (code, shift, want) in cases {
            assert_eq!(
                t.shift(CameoCode::of(code), *shift),
                want.map(CameoCode::of),
                "{code} under {shift:?}"
            );
        }
    }
}
