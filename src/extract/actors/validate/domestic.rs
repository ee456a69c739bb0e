//! `domestic.toml`: named actors inside one state ("ZANU-PF"), coded as the state + an agent.

use std::collections::{HashMap, HashSet};

use crate::extract::dictionary::{Parsed, RawDomestic};
use crate::extract::tokens::normalize_phrase;
use crate::extract::DictionaryError;

use super::super::code::ActorCode;
use super::agent_list;

/// The file domestic actors come from, for error messages.
const DOMESTIC: &str = "domestic.toml";

/// Checks `domestic.toml` and hands every name form to `add` with the actor's code: its
/// country's code + an agent code, which gives the actor its country. A form listed by two
/// entries is an error even when their codes agree: each string belongs to one actor.
pub fn domestic(
    parsed: &Parsed,
    countries: &HashSet<ActorCode>,
    add: &mut dyn FnMut(&str, ActorCode, String) -> Result<(), DictionaryError>,
) -> Result<(), DictionaryError> {
    let actors = &parsed.domestic.actor;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, a) in actors.iter().enumerate() {
        let code = check_domestic(a, countries)?;
        let who = format!("{DOMESTIC} {}", a.name);
        for form in &a.names {
            if let Some(first) = seen.insert(normalize_phrase(form), i).filter(|&f| f != i) {
                return Err(DictionaryError::Conflict {
                    text: form.clone(),
                    first: format!("{DOMESTIC} {}", actors[first].name),
                    second: who,
                });
            }
            add(form, code, who.clone())?;
        }
    }
    Ok(())
}

/// A domestic actor's code is a known country + an agent code; "REB" is not one of them, since
/// armed groups fighting a state belong in `armed_groups.toml`.
fn check_domestic(
    a: &RawDomestic,
    countries: &HashSet<ActorCode>,
) -> Result<ActorCode, DictionaryError> {
    if a.name.trim().is_empty() {
        return Err(DictionaryError::invalid(
            DOMESTIC,
            &a.code,
            "name must not be empty",
        ));
    }
    let bad = |reason: String| Err(DictionaryError::invalid(DOMESTIC, &a.name, reason));
    let code = ActorCode::parse(&a.code).ok().filter(|code| {
        let agent_ok = code
            .role()
            .is_some_and(|r| r != ActorCode::REB && ActorCode::AGENTS.contains(&r));
        countries.contains(&code.head()) && agent_ok
    });
    let Some(code) = code else {
        return bad(format!(
            "code {:?} must be a country of countries.toml + one of {} (armed groups belong in \
             armed_groups.toml)",
            a.code,
            agent_list(Some(ActorCode::REB))
        ));
    };
    if a.names.is_empty() {
        return bad("names must not be empty".into());
    }
    Ok(code)
}
