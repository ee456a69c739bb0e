//! `organisations.toml` and `armed_groups.toml`: bodies that act under a code of their own.

use std::collections::HashSet;

use crate::extract::dictionary::Parsed;
use crate::extract::DictionaryError;

use super::super::code::ActorCode;
use super::{code_of, with_capital_the};

/// Receives every name form of a body: (form, code, who claims it).
type AddForm<'a> = dyn FnMut(&str, ActorCode, String) -> Result<(), DictionaryError> + 'a;

/// Checks `armed_groups.toml` and hands every name form to `add` with the group's code: a home
/// country's code + "REB" with that country, or "IMG" + 3 letters with none.
pub fn armed_groups(
    parsed: &Parsed,
    countries: &HashSet<ActorCode>,
    add: &mut AddForm<'_>,
) -> Result<(), DictionaryError> {
    let file = "armed_groups.toml";
    for g in &parsed.armed_groups.group {
        let code = ActorCode::parse(&g.code).ok().filter(|code| {
            let home = code.head();
            let national = countries.contains(&home)
                && g.country == home.as_str()
                && code.role() == Some(ActorCode::REB);
            let transnational = code.is_transnational()
                && code.role().is_some_and(ActorCode::is_alpha3)
                && g.country.is_empty();
            national || transnational
        });
        let Some(code) = code else {
            return Err(DictionaryError::invalid(
                file,
                &g.name,
                format!(
                    "code {} must be its country's code + REB, or IMG + 3 letters with country \"\"",
                    g.code
                ),
            ));
        };
        if g.names.is_empty() {
            return Err(DictionaryError::invalid(
                file,
                &g.name,
                "names must not be empty",
            ));
        }
        for form in &g.names {
            add(form, code, format!("{file} {}", g.name))?;
        }
    }
    Ok(())
}

/// Checks `organisations.toml` and hands every form to `add`.
pub fn organisations(parsed: &Parsed, add: &mut AddForm<'_>) -> Result<(), DictionaryError> {
    let file = "organisations.toml";
    let mut seen = HashSet::new();
    for o in &parsed.organisations.organisation {
        let code = code_of(file, &o.code, &o.code)?;
        if !(code.is_organisation() && code.role().is_some()) {
            return Err(DictionaryError::invalid(
                file,
                &o.code,
                "code must be IGO (or NGO) + 3 upper-case letters or digits",
            ));
        }
        if o.name.trim().is_empty() || o.names.is_empty() {
            return Err(DictionaryError::invalid(
                file,
                &o.code,
                "name and names must not be empty",
            ));
        }
        if !seen.insert(code) {
            return Err(DictionaryError::invalid(
                file,
                &o.code,
                "organisation listed twice",
            ));
        }
        for form in o.names.iter().chain(&o.seats) {
            for variant in with_capital_the(form) {
                add(&variant, code, format!("{file} {}", o.code))?;
            }
        }
    }
    Ok(())
}
