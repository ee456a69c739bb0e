//! Code shifts: what a marker before a trigger makes of the act it governs ("agreed to" + 062
//! gives the intent 0312, "refused to" + 062 the rejection 1212). The tables are data, the
//! `[shift]` section of `cameo.toml`; they are compiled once, for every code of the table, into
//! the code each shift gives, so that a shift is a lookup and every code it gives is known.

use std::collections::HashMap;

use serde::Deserialize;

use super::{CameoCode, FILE};
use crate::extract::DictionaryError;

/// How a marker before a trigger shifts its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
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

impl Shift {
    /// Every shift, in the order of the `[shift]` section.
    pub const ALL: [Shift; 7] = [
        Shift::Intent,
        Shift::Refuse,
        Shift::Threaten,
        Shift::Appeal,
        Shift::Demand,
        Shift::Consider,
        Shift::Claim,
    ];

    /// The shift named `name` in the dictionaries ("intent", "refuse", ...).
    pub fn named(name: &str) -> Option<Shift> {
        Shift::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The shift's name in the dictionaries.
    pub fn name(self) -> &'static str {
        match self {
            Shift::Intent => "intent",
            Shift::Refuse => "refuse",
            Shift::Threaten => "threaten",
            Shift::Appeal => "appeal",
            Shift::Demand => "demand",
            Shift::Consider => "consider",
            Shift::Claim => "claim",
        }
    }
}

/// `[shift]` of `cameo.toml`: one list of rules per shift, tried in order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShiftTables {
    intent: Vec<RawRule>,
    refuse: Vec<RawRule>,
    threaten: Vec<RawRule>,
    appeal: Vec<RawRule>,
    demand: Vec<RawRule>,
    consider: Vec<RawRule>,
    claim: Vec<RawRule>,
}

impl ShiftTables {
    fn rules(&self, shift: Shift) -> &[RawRule] {
        match shift {
            Shift::Intent => &self.intent,
            Shift::Refuse => &self.refuse,
            Shift::Threaten => &self.threaten,
            Shift::Appeal => &self.appeal,
            Shift::Demand => &self.demand,
            Shift::Consider => &self.consider,
            Shift::Claim => &self.claim,
        }
    }
}

/// One rule: which codes it holds (`codes`, `roots`, or `all`) and what it makes of them (`to`
/// a code, `keep` it, or what the shift `via` makes of it).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(default)]
    codes: Vec<String>,
    #[serde(default)]
    roots: Vec<String>,
    #[serde(default)]
    all: bool,
    to: Option<String>,
    #[serde(default)]
    keep: bool,
    via: Option<Shift>,
}

/// What a rule makes of the codes it holds.
enum Decision<'a> {
    To(&'a str),
    Keep,
    Via(Shift),
}

impl RawRule {
    fn holds(&self, code: CameoCode) -> bool {
        let code = code.as_str();
        self.all
            || self.codes.iter().any(|c| c == code)
            || self.roots.iter().any(|r| code.get(..2) == Some(r.as_str()))
    }

    fn decision(&self) -> Result<Decision<'_>, String> {
        match (&self.to, self.keep, self.via) {
            (Some(to), false, None) => Ok(Decision::To(to)),
            (None, true, None) => Ok(Decision::Keep),
            (None, false, Some(via)) => Ok(Decision::Via(via)),
            _ => Err("a rule says exactly one of `to`, `keep = true` or `via`".into()),
        }
    }

    fn check(&self, is_code: impl Fn(&str) -> bool) -> Result<(), String> {
        if !self.all && self.codes.is_empty() && self.roots.is_empty() {
            return Err("a rule holds `codes`, `roots` or `all = true`".into());
        }
        if let Some(code) = self.codes.iter().find(|c| !is_code(c)) {
            return Err(format!("{code:?} is not a code of the table"));
        }
        if let Some(root) = self
            .roots
            .iter()
            .find(|r| r.len() != 2 || !r.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format!("root {root:?} is not two digits"));
        }
        match self.decision()? {
            Decision::To(to) if !is_code(to) => Err(format!("{to:?} is not a code of the table")),
            _ => Ok(()),
        }
    }
}

/// For every code of the table, the code each shift gives, or `None` when the shift makes no
/// sense for it (a threat to cooperate).
#[derive(Debug, Clone, Default)]
pub struct Shifted {
    by_code: HashMap<CameoCode, [Option<CameoCode>; Shift::ALL.len()]>,
}

impl Shifted {
    /// Checks every rule against the table's `codes` and compiles the tables.
    pub fn compile(
        tables: &ShiftTables,
        codes: impl Iterator<Item = CameoCode> + Clone,
    ) -> Result<Self, DictionaryError> {
        let invalid = |shift: Shift, reason| {
            DictionaryError::invalid(FILE, format!("shift.{}", shift.name()), reason)
        };
        let is_code = |c: &str| codes.clone().any(|k| k == c);
        for shift in Shift::ALL {
            for rule in tables.rules(shift) {
                rule.check(is_code)
                    .map_err(|reason| invalid(shift, reason))?;
            }
        }
        let mut by_code = HashMap::new();
        for code in codes {
            let mut shifted: [Option<CameoCode>; Shift::ALL.len()] = Default::default();
            for (slot, shift) in shifted.iter_mut().zip(Shift::ALL) {
                *slot = apply(tables, shift, code, 0).map_err(|reason| invalid(shift, reason))?;
            }
            by_code.insert(code, shifted);
        }
        Ok(Self { by_code })
    }

    /// The code `code` becomes under `shift`.
    pub fn get(&self, code: CameoCode, shift: Shift) -> Option<CameoCode> {
        let index = Shift::ALL.iter().position(|s| *s == shift)?;
        self.by_code.get(&code)?[index]
    }
}

/// How many `via` steps one shift may take before the tables are taken to loop.
const MAX_VIA: usize = Shift::ALL.len();

/// What `shift` makes of `code`, following `via` to the shift that decides.
fn apply(
    tables: &ShiftTables,
    shift: Shift,
    code: CameoCode,
    depth: usize,
) -> Result<Option<CameoCode>, String> {
    let Some(rule) = tables.rules(shift).iter().find(|r| r.holds(code)) else {
        return Ok(None);
    };
    match rule.decision()? {
        // `check` found `to` among the table's codes: it parses.
        Decision::To(to) => CameoCode::parse(to)
            .map(Some)
            .map_err(|e| format!("{to:?}: {e}")),
        Decision::Keep => Ok(Some(code)),
        Decision::Via(via) if depth < MAX_VIA => apply(tables, via, code, depth + 1),
        Decision::Via(_) => Err(format!("the `via` rules loop for {code}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES: [&str; 6] = ["036", "040", "120", "125", "133", "141"];

    /// Tables where only `intent` and `refuse` say something, the latter as written in `refuse`.
    fn tables(refuse: &str) -> Result<ShiftTables, toml::de::Error> {
        toml::from_str(&format!(
            "intent = [{{ roots = [\"04\"], to = \"036\" }}, {{ roots = [\"14\"], via = \"threaten\" }}]
             refuse = [{refuse}]
             threaten = [{{ roots = [\"14\"], to = \"133\" }}]
             appeal = []
             demand = []
             consider = []
             claim = [{{ all = true, keep = true }}]"
        ))
    }

    fn compile(refuse: &str) -> Result<Shifted, DictionaryError> {
        Shifted::compile(
            &tables(refuse).expect("parses"),
            CODES.into_iter().map(CameoCode::of),
        )
    }

    #[test]
    fn the_first_rule_holding_a_code_decides_and_via_follows_another_shift() {
        let shifted = compile(r#"{ codes = ["040"], to = "125" }, { all = true, to = "120" }"#)
            .expect("valid");
        let get = |code: &str, shift: Shift| shifted.get(CameoCode::of(code), shift);
        let code = |text: &str| Some(CameoCode::of(text));
        assert_eq!(get("040", Shift::Intent), code("036"));
        assert_eq!(get("141", Shift::Intent), code("133"));
        assert_eq!(get("040", Shift::Refuse), code("125"));
        assert_eq!(get("141", Shift::Refuse), code("120"));
        assert_eq!(get("141", Shift::Claim), code("141"));
        // no rule holds it: not coded under that shift
        assert_eq!(get("120", Shift::Intent), None);
        assert_eq!(get("040", Shift::Appeal), None);
        // not a code of the table
        assert_eq!(get("0999", Shift::Claim), None);
    }

    #[test]
    fn a_rule_giving_a_code_the_table_lacks_stops_loading_and_names_the_shift() {
        let err = compile(r#"{ all = true, to = "1299" }"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("shift.refuse") && err.contains("1299"),
            "{err}"
        );
        let err = compile(r#"{ codes = ["0999"], to = "120" }"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("0999"), "{err}");
        let err = compile(r#"{ roots = ["4"], to = "120" }"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("two digits"), "{err}");
    }

    #[test]
    fn a_rule_decides_exactly_one_way_and_holds_something() {
        let err = compile(r#"{ all = true, to = "120", keep = true }"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("exactly one"), "{err}");
        let err = compile(r#"{ to = "120" }"#).unwrap_err().to_string();
        assert!(err.contains("holds"), "{err}");
    }

    #[test]
    fn via_rules_that_loop_stop_loading() {
        let err = compile(r#"{ all = true, via = "refuse" }"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("loop"), "{err}");
    }

    #[test]
    fn a_missing_shift_or_an_unknown_key_is_a_parse_error() {
        let missing: Result<ShiftTables, _> = toml::from_str("intent = []");
        assert!(missing.unwrap_err().to_string().contains("refuse"));
        assert!(tables(r#"{ all = true, into = "120" }"#).is_err());
        assert!(tables(r#"{ all = true, via = "reconsider" }"#).is_err());
    }

    #[test]
    fn every_shift_has_its_dictionary_name() {
        for shift in Shift::ALL {
            assert_eq!(Shift::named(shift.name()), Some(shift));
        }
        assert_eq!(Shift::named("reconsider"), None);
    }
}
