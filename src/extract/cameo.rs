//! The CAMEO event table: every code with its name, root, quad class, Goldstein value, PLOVER
//! category and target rule; and the code shifts that markers apply ("agreed to" + a material
//! cooperation code gives the matching intent code).

use std::collections::HashMap;

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
    entries: HashMap<String, CameoEntry>,
}

/// How a marker before a trigger shifts its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// "agreed to", "will", "pledged to": the action becomes an intention (03x).
    Intent,
    /// "refused to", "rejected calls to": the action becomes a rejection (12x).
    Refuse,
    /// "threatened to": the action becomes a threat (13x).
    Threaten,
    /// "urged X to", "called on X to": the action becomes an appeal (02x).
    Appeal,
    /// "demanded that X": the action becomes a demand (10x).
    Demand,
    /// "is considering sending", "explored the possibility of": the action is a policy option
    /// weighed (014), a comment that needs a target.
    Consider,
    /// "claimed that they had attacked": a hostile act claimed by its author is a claim of
    /// responsibility (015); anything else claimed is coded as it is.
    Claim,
}

impl CameoTable {
    /// Validates and compiles the table.
    pub fn new(file: &CameoFile) -> Result<Self, DictionaryError> {
        let mut entries = HashMap::new();
        for raw in &file.code {
            let bad = |reason: String| DictionaryError::invalid(FILE, &raw.code, reason);
            let digits = raw.code.len();
            if !(2..=4).contains(&digits) || !raw.code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("code must be 2 to 4 digits".into()));
            }
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
            if entries.insert(raw.code.clone(), entry).is_some() {
                return Err(DictionaryError::invalid(
                    FILE,
                    &raw.code,
                    "code listed twice",
                ));
            }
        }
        Ok(Self { entries })
    }

    /// The entry of `code`.
    pub fn get(&self, code: &str) -> Option<&CameoEntry> {
        self.entries.get(code)
    }

    /// Whether `code` is in the table.
    pub fn contains(&self, code: &str) -> bool {
        self.entries.contains_key(code)
    }

    /// The code `code` becomes under `shift`; `None` when the shift makes no sense for it
    /// (a threat to cooperate), in which case the event is not coded.
    pub fn shift(&self, code: &str, shift: Shift) -> Option<String> {
        if kept_under(code, shift) {
            return self.contains(code).then(|| code.to_owned());
        }
        let shifted = shifted(code, shift)?;
        self.contains(shifted).then(|| shifted.to_owned())
    }
}

/// Codes a shift leaves as they are. A verbal act of conflict announced ("will investigate",
/// "will demand", "would reject") is performed by announcing it: PLOVER makes only cooperative
/// acts in the future tense intentions (AGREE). A hostile material act announced is a threat
/// (CAMEO 13: "will withdraw the inspectors" is 136, "would boycott all contact" 1313). A claim
/// of anything but a hostile act codes that act.
fn kept_under(code: &str, shift: Shift) -> bool {
    let root = code.get(..2).unwrap_or(code);
    match shift {
        Shift::Intent => matches!(root, "09" | "10" | "11" | "12"),
        Shift::Claim => !hostile(root),
        _ => false,
    }
}

/// Roots of material conflict: protest, force posture, coercion, assault, fighting, mass
/// violence (the reduction of relations aside).
fn hostile(root: &str) -> bool {
    matches!(root, "14" | "15" | "17" | "18" | "19" | "20")
}

fn shifted(code: &str, shift: Shift) -> Option<&'static str> {
    let root = code.get(..2)?;
    match shift {
        Shift::Intent => intent_of(code, root),
        Shift::Refuse => refusal_of(code, root),
        Shift::Threaten => threat_of(code, root),
        Shift::Appeal => appeal_of(code, root),
        Shift::Demand => demand_of(code, root),
        Shift::Consider => Some("014"),
        Shift::Claim => hostile(root).then_some("015"),
    }
}

fn intent_of(code: &str, root: &str) -> Option<&'static str> {
    Some(match (root, code) {
        (_, "061") => "0311",
        (_, "062") => "0312",
        (_, "063") => "0313",
        (_, "064") => "0314",
        ("06", _) => "031",
        (_, "071") => "0331",
        (_, "072") => "0332",
        (_, "073") => "0333",
        (_, "074") => "0334",
        ("07", _) => "033",
        ("04", _) => "036",
        ("05", _) => "032",
        (_, "081") | (_, "0811") | (_, "0812") => "0351",
        (_, "082") => "0352",
        (_, "0831") => "0341",
        (_, "0832") => "0342",
        (_, "0833") => "0343",
        (_, "0834") => "0344",
        (_, "083") => "034",
        (_, "084") | (_, "0841") | (_, "0842") => "0353",
        (_, "085") => "0354",
        (_, "086") | (_, "0861") | (_, "0862") | (_, "0863") => "0355",
        (_, "087") | (_, "0871") | (_, "0872") | (_, "0873") | (_, "0874") => "0356",
        ("08", _) => "035",
        ("03", _) => return Some(static_code(code)),
        // An announced hostile act ("will impose sanctions", "would attack") is a threat.
        ("14" | "15" | "16" | "17" | "18" | "19" | "20", _) => return threat_of(code, root),
        _ => return None,
    })
}

fn refusal_of(code: &str, root: &str) -> Option<&'static str> {
    Some(match (root, code) {
        (_, "061") | (_, "0311") => "1211",
        (_, "062") | (_, "0312") => "1212",
        (_, "063") | (_, "0313") => "1213",
        // CAMEO has no code for refusing to share intelligence: reject material cooperation.
        (_, "064") | (_, "0314") => "121",
        ("06", _) | (_, "031") => "121",
        (_, "071") | (_, "0331") => "1221",
        (_, "072") | (_, "0332") => "1222",
        (_, "073") | (_, "0333") => "1223",
        (_, "074") | (_, "0334") => "1224",
        ("07", _) | (_, "033") => "122",
        ("04", _) | (_, "036") => "125",
        (_, "0831") | (_, "0341") => "1231",
        (_, "0832") | (_, "0342") => "1232",
        (_, "0833") | (_, "0343") => "1233",
        (_, "0834") | (_, "0344") => "1234",
        ("02", _) | ("10", _) | (_, "045") | (_, "038") => "126",
        (_, "057") | (_, "0351") => "127",
        (_, "085") | (_, "0354") => "1244",
        (_, "084") | (_, "0841") | (_, "0353") => "1243",
        (_, "086") | (_, "0355") => "1245",
        (_, "087") | (_, "0356") => "1246",
        ("08", _) | (_, "035") => "124",
        // Declining a coercive or military act ("refused to send troops") rejects it.
        ("03" | "05" | "13" | "14" | "15" | "16" | "17" | "18" | "19" | "20", _) => "120",
        _ => return None,
    })
}

/// The 02x appeal or 10x demand for an action (`table` holds the appeal and demand codes of
/// each kind of action).
fn requested(code: &str, root: &str, demand: bool) -> &'static str {
    let pick = |a: &'static str, d: &'static str| if demand { d } else { a };
    match (root, code) {
        (_, "061") | (_, "0311") => pick("0211", "1011"),
        (_, "062") | (_, "0312") => pick("0212", "1012"),
        (_, "063") | (_, "0313") => pick("0213", "1013"),
        (_, "064") | (_, "0314") => pick("0214", "1014"),
        ("06", _) => pick("021", "101"),
        (_, "071") | (_, "0331") => pick("0231", "1031"),
        (_, "072") | (_, "0332") => pick("0232", "1032"),
        (_, "073") | (_, "0333") => pick("0233", "1033"),
        (_, "074") | (_, "0334") => pick("0234", "1034"),
        ("07", _) => pick("023", "103"),
        (_, "045") | (_, "038") => pick("028", "108"),
        ("04", _) | (_, "036") => pick("026", "106"),
        (_, "037") => pick("027", "107"),
        ("05", _) | (_, "032") => pick("022", "102"),
        (_, "0831") | (_, "0341") => pick("0241", "1041"),
        (_, "0832") | (_, "0342") => pick("0242", "1042"),
        (_, "0833") | (_, "0343") => pick("0243", "1043"),
        (_, "0834") | (_, "0344") => pick("0244", "1044"),
        (_, "083") | (_, "034") => pick("024", "104"),
        (_, "081") | (_, "0811") | (_, "0812") | (_, "0813") | (_, "0814") | (_, "0351") => {
            pick("0251", "1051")
        }
        (_, "082") | (_, "0352") => pick("0252", "1052"),
        (_, "084") | (_, "0841") | (_, "0842") | (_, "0353") => pick("0253", "1053"),
        (_, "085") | (_, "0354") => pick("0254", "1054"),
        (_, "086") | (_, "0861") | (_, "0862") | (_, "0863") | (_, "0355") => pick("0255", "1055"),
        (_, "087") | (_, "0871") | (_, "0872") | (_, "0873") | (_, "0874") | (_, "0356") => {
            pick("0256", "1056")
        }
        ("08", _) | (_, "035") => pick("025", "105"),
        _ => pick("020", "100"),
    }
}

fn appeal_of(code: &str, root: &str) -> Option<&'static str> {
    Some(requested(code, root, false))
}

fn demand_of(code: &str, root: &str) -> Option<&'static str> {
    Some(requested(code, root, true))
}

fn threat_of(code: &str, root: &str) -> Option<&'static str> {
    Some(match (root, code) {
        (_, "163") | (_, "1621") | (_, "1622") => "1312",
        (_, "161") => "1313",
        (_, "164") => "134",
        (_, "165") => "135",
        (_, "166") | (_, "1661") | (_, "1662") | (_, "1663") => "136",
        (_, "1721") => "1321",
        (_, "1722") => "1322",
        (_, "1723") => "1323",
        (_, "1724") => "1324",
        (_, "172") => "132",
        ("16", _) => "131",
        ("17", _) => "137",
        (_, "191") => "1381",
        (_, "192") => "1382",
        ("18", _) => "1383",
        ("19", _) => "1384",
        ("20", _) => "1385",
        ("15", _) => "138",
        ("14", _) => "133",
        ("13", _) => return Some(static_code(code)),
        _ => return None,
    })
}

/// Codes kept as they are under a shift, as `'static` strings.
fn static_code(code: &str) -> &'static str {
    const KEEP: &[&str] = &[
        "030", "031", "0311", "0312", "0313", "0314", "032", "033", "0331", "0332", "0333", "0334",
        "034", "0341", "0342", "0343", "0344", "035", "0351", "0352", "0353", "0354", "0355",
        "0356", "036", "037", "038", "039", "130", "131", "1311", "1312", "1313", "132", "1321",
        "1322", "1323", "1324", "133", "134", "135", "136", "137", "138", "1381", "1382", "1383",
        "1384", "1385", "139",
    ];
    KEEP.iter().find(|k| **k == code).copied().unwrap_or("030")
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
        let e = t.get("0312").expect("0312");
        assert_eq!((e.cameo.root.as_str(), e.cameo.quad_class), ("03", 1));
        assert_eq!(
            e.plover.as_ref().map(|p| p.category.as_str()),
            Some("AGREE")
        );
        assert!(t.get("010").expect("010").plover.is_none());
        assert_eq!(t.get("195").expect("195").cameo.goldstein, -10.0);
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
                t.shift(code, *shift).as_deref(),
                *want,
                "{code} under {shift:?}"
            );
        }
    }
}
