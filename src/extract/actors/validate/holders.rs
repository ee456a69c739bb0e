//! `office_holders.toml`: who held which office when, and name forms that dates cannot tell
//! apart.

use std::collections::HashSet;

use crate::extract::dictionary::Parsed;
use crate::extract::DictionaryError;

use super::super::code::ActorCode;
use super::super::lexicon::{Holder, NameKind, NameValue};

/// The offices the dictionary lists.
const ROLES: &[&str] = &[
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "secretary_general",
];

/// Checks `office_holders.toml` and returns the holders.
pub fn holders(
    parsed: &Parsed,
    countries: &HashSet<ActorCode>,
) -> Result<Vec<Holder>, DictionaryError> {
    let file = "office_holders.toml";
    let mut out = Vec::new();
    for h in &parsed.holders.holder {
        let bad = |reason: String| DictionaryError::invalid(file, &h.name, reason);
        let un = h.country == "UNO";
        let country = ActorCode::parse(&h.country).ok();
        if !(un || country.is_some_and(|c| countries.contains(&c))) {
            return Err(bad(format!(
                "country {:?} is not in countries.toml",
                h.country
            )));
        }
        let code = ActorCode::parse(&h.code).ok().filter(|code| {
            if un {
                *code == ActorCode::IGOUNO
            } else {
                Some(code.head()) == country
                    && code.role().is_some_and(|r| ActorCode::AGENTS.contains(&r))
            }
        });
        let Some(code) = code else {
            return Err(bad(format!(
                "code {:?} must be the country plus an agent code (or IGOUNO)",
                h.code
            )));
        };
        if !ROLES.contains(&h.role.as_str()) {
            return Err(bad(format!(
                "role {:?} must be one of {}",
                h.role,
                ROLES.join(", ")
            )));
        }
        if h.end.is_some_and(|end| end < h.start) {
            return Err(bad("end is before start".into()));
        }
        out.push(Holder {
            name: h.name.clone(),
            code,
            start: h.start,
            end: h.end,
        });
    }
    Ok(out)
}

/// A name form shared by holders with different codes whose terms overlap by more than a
/// handover day cannot be resolved by date: it is an error.
pub fn holder_overlaps(values: &[NameValue], holders: &[Holder]) -> Result<(), DictionaryError> {
    for value in values {
        let NameKind::Holders(list) = &value.kind else {
            continue;
        };
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                let (x, y) = (&holders[a], &holders[b]);
                if x.code == y.code || x.name == y.name {
                    continue;
                }
                let start = x.start.max(y.start);
                let far = chrono::NaiveDate::MAX;
                let end = x.end.unwrap_or(far).min(y.end.unwrap_or(far));
                if (end - start).num_days() > 1 {
                    return Err(DictionaryError::Conflict {
                        text: format!("{} (in overlapping terms)", shared_form(x, y)),
                        first: format!("office_holders.toml {} {}", x.name, x.code),
                        second: format!("office_holders.toml {} {}", y.name, y.code),
                    });
                }
            }
        }
    }
    Ok(())
}

fn shared_form(x: &Holder, y: &Holder) -> String {
    let last = |n: &str| n.rsplit(' ').next().unwrap_or(n).to_owned();
    if last(&x.name) == last(&y.name) {
        last(&x.name)
    } else {
        format!("{} / {}", x.name, y.name)
    }
}
