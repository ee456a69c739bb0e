//! `countries.toml`: each state's code, names, status and sovereign.

use std::collections::HashSet;

use crate::extract::dictionary::{Parsed, RawCountry};
use crate::extract::DictionaryError;

use super::super::code::ActorCode;
use super::super::lexicon::NameKind;
use super::{code_of, with_capital_the};

/// The file countries come from, for error messages.
const COUNTRIES: &str = "countries.toml";

/// Receives every name form of a country: (form, kind, country code, who claims it).
pub type AddName<'a> =
    dyn FnMut(&str, NameKind, ActorCode, String) -> Result<(), DictionaryError> + 'a;

/// Checks `countries.toml`, hands every form to `add`, and returns the set of country codes.
pub fn countries(
    parsed: &Parsed,
    add: &mut AddName<'_>,
) -> Result<HashSet<ActorCode>, DictionaryError> {
    let mut codes = HashSet::new();
    for c in &parsed.countries.country {
        let code = check_country(c, &mut codes)?;
        add_country_forms(c, code, add)?;
    }
    for c in &parsed.countries.country {
        let Some(s) = &c.sovereign else { continue };
        if !codes.contains(&code_of(COUNTRIES, &c.code, s)?) {
            return Err(DictionaryError::invalid(
                COUNTRIES,
                &c.code,
                format!("sovereign {s:?} is not in countries.toml"),
            ));
        }
    }
    Ok(codes)
}

/// Checks one country's code (new to `codes`, where it is added), names, status and sovereign.
fn check_country(
    c: &RawCountry,
    codes: &mut HashSet<ActorCode>,
) -> Result<ActorCode, DictionaryError> {
    let bad = |reason: String| Err(DictionaryError::invalid(COUNTRIES, &c.code, reason));
    // A state's code is its ISO alpha-3 code: say so rather than what any actor code may be.
    let Some(code) = ActorCode::parse(&c.code)
        .ok()
        .filter(|code| code.is_alpha3())
    else {
        return bad("code must be 3 upper-case letters (ISO 3166-1 alpha-3)".into());
    };
    if !codes.insert(code) {
        return bad("country listed twice".into());
    }
    if c.names.is_empty() || c.name.trim().is_empty() {
        return bad("name and names must not be empty".into());
    }
    if !matches!(c.status.as_str(), "member" | "observer" | "territory") {
        return bad(format!(
            "status {:?} must be member, observer or territory",
            c.status
        ));
    }
    let sovereign = c.sovereign.as_ref().map(|s| code_of(COUNTRIES, &c.code, s));
    if sovereign.transpose()?.is_some_and(|s| !s.is_alpha3()) {
        return bad("sovereign must be a 3-letter code".into());
    }
    Ok(code)
}

/// Hands every name, adjective and capital of a country to `add`.
fn add_country_forms(
    c: &RawCountry,
    code: ActorCode,
    add: &mut AddName<'_>,
) -> Result<(), DictionaryError> {
    let who = format!("{COUNTRIES} {}", c.code);
    let groups = [
        (&c.names, NameKind::Country),
        (&c.adjectives, NameKind::Adjective),
        (&c.capitals, NameKind::Capital),
    ];
    for (forms, kind) in groups {
        for form in forms {
            for variant in with_capital_the(form) {
                add(&variant, kind.clone(), code, who.clone())?;
            }
        }
    }
    Ok(())
}
