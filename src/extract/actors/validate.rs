//! Validation of the actor dictionaries: codes, dates and uniqueness, with errors that name the
//! file and the entry.

use std::collections::{HashMap, HashSet};

use crate::extract::dictionary::{Parsed, RawCountry, RawDomestic};
use crate::extract::tokens::normalize_phrase;
use crate::extract::DictionaryError;

use super::lexicon::{AgentKind, Holder, NameKind, NameValue};

/// Agent codes a state code may carry (CONVENTIONS.md).
const AGENT_CODES: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "OPP", "REB", "INS", "CVL", "BUS", "MED", "LEG", "LAB", "EDU",
    "HLH", "CRM", "SPY", "REF",
];

fn is_upper3(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Receives every name form of a country: (form, kind, country code, who claims it).
pub type AddName<'a> =
    dyn FnMut(&str, NameKind, String, String) -> Result<(), DictionaryError> + 'a;

/// Checks `countries.toml`, hands every form to `add`, and returns the set of country codes.
pub fn countries(
    parsed: &Parsed,
    add: &mut AddName<'_>,
) -> Result<HashSet<String>, DictionaryError> {
    let mut codes = HashSet::new();
    for c in &parsed.countries.country {
        check_country(c, &mut codes)?;
        add_country_forms(c, add)?;
    }
    for c in &parsed.countries.country {
        if let Some(s) = c.sovereign.as_ref().filter(|s| !codes.contains(*s)) {
            return Err(DictionaryError::invalid(
                COUNTRIES,
                &c.code,
                format!("sovereign {s:?} is not in countries.toml"),
            ));
        }
    }
    Ok(codes)
}

/// The file countries come from, for error messages.
const COUNTRIES: &str = "countries.toml";

/// Checks one country's code (new to `codes`, where it is added), names, status and sovereign.
fn check_country(c: &RawCountry, codes: &mut HashSet<String>) -> Result<(), DictionaryError> {
    let bad = |reason: String| Err(DictionaryError::invalid(COUNTRIES, &c.code, reason));
    if !is_upper3(&c.code) {
        return bad("code must be 3 upper-case letters (ISO 3166-1 alpha-3)".into());
    }
    if !codes.insert(c.code.clone()) {
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
    if c.sovereign.as_ref().is_some_and(|s| !is_upper3(s)) {
        return bad("sovereign must be a 3-letter code".into());
    }
    Ok(())
}

/// Hands every name, adjective and capital of a country to `add`.
fn add_country_forms(c: &RawCountry, add: &mut AddName<'_>) -> Result<(), DictionaryError> {
    let who = format!("{COUNTRIES} {}", c.code);
    let groups = [
        (&c.names, NameKind::Country),
        (&c.adjectives, NameKind::Adjective),
        (&c.capitals, NameKind::Capital),
    ];
    for (forms, kind) in groups {
        for form in forms {
            for variant in with_capital_the(form) {
                add(&variant, kind.clone(), c.code.clone(), who.clone())?;
            }
        }
    }
    Ok(())
}

/// "the Kremlin" is also matched as "The Kremlin" at the start of a sentence.
fn with_capital_the(form: &str) -> Vec<String> {
    match form.strip_prefix("the ") {
        Some(rest) => vec![form.to_owned(), format!("The {rest}")],
        None => vec![form.to_owned()],
    }
}

/// Checks `armed_groups.toml` and hands every name form to `add` with the group's code: a home
/// country's code + "REB" with that country, or "IMG" + 3 letters with none.
pub fn armed_groups(
    parsed: &Parsed,
    countries: &HashSet<String>,
    add: &mut dyn FnMut(&str, String, String) -> Result<(), DictionaryError>,
) -> Result<(), DictionaryError> {
    let file = "armed_groups.toml";
    for g in &parsed.armed_groups.group {
        let home = g.code.get(..3).unwrap_or("");
        let tail = g.code.get(3..).unwrap_or("");
        let national = countries.contains(home) && g.country == home && tail == "REB";
        let transnational = home == "IMG" && is_upper3(tail) && g.country.is_empty();
        if g.code.len() != 6 || !(national || transnational) {
            return Err(DictionaryError::invalid(
                file,
                &g.name,
                format!(
                    "code {} must be its country's code + REB, or IMG + 3 letters with country \"\"",
                    g.code
                ),
            ));
        }
        if g.names.is_empty() {
            return Err(DictionaryError::invalid(
                file,
                &g.name,
                "names must not be empty",
            ));
        }
        for form in &g.names {
            add(form, g.code.clone(), format!("{file} {}", g.name))?;
        }
    }
    Ok(())
}

/// Checks `organisations.toml` and hands every form to `add`.
pub fn organisations(
    parsed: &Parsed,
    add: &mut dyn FnMut(&str, String, String) -> Result<(), DictionaryError>,
) -> Result<(), DictionaryError> {
    let file = "organisations.toml";
    let mut seen = HashSet::new();
    for o in &parsed.organisations.organisation {
        let tail_ok = o.code.len() == 6
            && o.code[3..]
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !(tail_ok && (o.code.starts_with("IGO") || o.code.starts_with("NGO"))) {
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
        if !seen.insert(o.code.clone()) {
            return Err(DictionaryError::invalid(
                file,
                &o.code,
                "organisation listed twice",
            ));
        }
        for form in o.names.iter().chain(&o.seats) {
            for variant in with_capital_the(form) {
                add(&variant, o.code.clone(), format!("{file} {}", o.code))?;
            }
        }
    }
    Ok(())
}

/// The file domestic actors come from, for error messages.
const DOMESTIC: &str = "domestic.toml";

/// Checks `domestic.toml` and hands every name form to `add` with the actor's code: its
/// country's code + an agent code, which gives the actor its country. A form listed by two
/// entries is an error even when their codes agree: each string belongs to one actor.
pub fn domestic(
    parsed: &Parsed,
    countries: &HashSet<String>,
    add: &mut dyn FnMut(&str, String, String) -> Result<(), DictionaryError>,
) -> Result<(), DictionaryError> {
    let actors = &parsed.domestic.actor;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, a) in actors.iter().enumerate() {
        check_domestic(a, countries)?;
        let who = format!("{DOMESTIC} {}", a.name);
        for form in &a.names {
            if let Some(first) = seen.insert(normalize_phrase(form), i).filter(|&f| f != i) {
                return Err(DictionaryError::Conflict {
                    text: form.clone(),
                    first: format!("{DOMESTIC} {}", actors[first].name),
                    second: who,
                });
            }
            add(form, a.code.clone(), who.clone())?;
        }
    }
    Ok(())
}

/// A domestic actor's code is a known country + an agent code; "REB" is not one of them, since
/// armed groups fighting a state belong in `armed_groups.toml`.
fn check_domestic(a: &RawDomestic, countries: &HashSet<String>) -> Result<(), DictionaryError> {
    if a.name.trim().is_empty() {
        return Err(DictionaryError::invalid(
            DOMESTIC,
            &a.code,
            "name must not be empty",
        ));
    }
    let bad = |reason: String| Err(DictionaryError::invalid(DOMESTIC, &a.name, reason));
    let home = a.code.get(..3).unwrap_or("");
    let agent = a.code.get(3..).unwrap_or("");
    let agent_ok = agent != "REB" && AGENT_CODES.contains(&agent);
    if a.code.len() != 6 || !countries.contains(home) || !agent_ok {
        return bad(format!(
            "code {:?} must be a country of countries.toml + one of {} (armed groups belong in \
             armed_groups.toml)",
            a.code,
            AGENT_CODES
                .iter()
                .filter(|c| **c != "REB")
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if a.names.is_empty() {
        return bad("names must not be empty".into());
    }
    Ok(())
}

/// Checks `office_holders.toml` and returns the holders.
pub fn holders(
    parsed: &Parsed,
    countries: &HashSet<String>,
) -> Result<Vec<Holder>, DictionaryError> {
    let file = "office_holders.toml";
    let mut out = Vec::new();
    for h in &parsed.holders.holder {
        let bad = |reason: String| DictionaryError::invalid(file, &h.name, reason);
        let expected_country = h.country == "UNO" || countries.contains(&h.country);
        if !expected_country {
            return Err(bad(format!(
                "country {:?} is not in countries.toml",
                h.country
            )));
        }
        let code_ok = if h.country == "UNO" {
            h.code == "IGOUNO"
        } else {
            h.code.len() == 6
                && h.code.starts_with(&h.country)
                && AGENT_CODES.contains(&&h.code[3..])
        };
        if !code_ok {
            return Err(bad(format!(
                "code {:?} must be the country plus an agent code (or IGOUNO)",
                h.code
            )));
        }
        const ROLES: &[&str] = &[
            "head_of_state",
            "head_of_government",
            "foreign_minister",
            "defence_minister",
            "secretary_general",
        ];
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
            code: h.code.clone(),
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

/// Checks `agents.toml`; returns the normalized forms and their values.
pub fn agents(parsed: &Parsed) -> Result<(Vec<String>, Vec<AgentKind>), DictionaryError> {
    let file = "agents.toml";
    let mut index: HashMap<String, String> = HashMap::new();
    let mut forms = Vec::new();
    let mut values = Vec::new();
    for a in &parsed.agents.agent {
        if !AGENT_CODES.contains(&a.code.as_str()) {
            return Err(DictionaryError::invalid(
                file,
                &a.code,
                format!("agent code must be one of {}", AGENT_CODES.join(", ")),
            ));
        }
        for word in &a.words {
            push_agent(&mut index, &mut forms, word, &a.code)?;
            values.push(AgentKind::Agent(a.code.clone()));
        }
    }
    for phrase in &parsed.agents.plural_anaphors {
        push_agent(&mut index, &mut forms, phrase, "plural_anaphors")?;
        values.push(AgentKind::Anaphor);
    }
    Ok((forms, values))
}

fn push_agent(
    index: &mut HashMap<String, String>,
    forms: &mut Vec<String>,
    word: &str,
    owner: &str,
) -> Result<(), DictionaryError> {
    let key = normalize_phrase(word).to_ascii_lowercase();
    if key.is_empty() {
        return Err(DictionaryError::invalid("agents.toml", owner, "empty word"));
    }
    if let Some(first) = index.insert(key.clone(), owner.to_owned()) {
        return Err(DictionaryError::Conflict {
            text: key,
            first: format!("agents.toml {first}"),
            second: format!("agents.toml {owner}"),
        });
    }
    forms.push(key);
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::extract::actors::{Lexicon, Referent};
    use crate::extract::dictionary::{Parsed, RawDomestic, Sources};
    use crate::extract::tokens::Tokens;

    fn parsed_with(extra: &[(&str, &str, &[&str])]) -> Parsed {
        let mut parsed = Sources::embedded()
            .parse()
            .expect("built-in dictionaries parse");
        for (code, name, names) in extra {
            parsed.domestic.actor.push(RawDomestic {
                code: (*code).to_owned(),
                name: (*name).to_owned(),
                names: names.iter().map(|n| (*n).to_owned()).collect(),
            });
        }
        parsed
    }

    fn error_of(extra: &[(&str, &str, &[&str])]) -> String {
        Lexicon::new(&parsed_with(extra))
            .expect_err("the edited dictionaries are invalid")
            .to_string()
    }

    #[test]
    fn a_domestic_actor_is_coded_with_its_code_and_country() {
        let lexicon = Lexicon::new(&parsed_with(&[])).expect("built-in dictionaries are valid");
        let tokens = Tokens::new("ZANU-PF youths attacked MDC-T supporters.", 0);
        let actors: Vec<(String, Option<String>)> = lexicon
            .recognize(&tokens, None, None)
            .mentions
            .into_iter()
            .filter_map(|m| match m.referent {
                Referent::Actor(a) => Some((a.code, a.country)),
                Referent::Anaphor => None,
            })
            .collect();
        let zwe = Some("ZWE".to_owned());
        assert_eq!(
            actors,
            [
                ("ZWEGOV".to_owned(), zwe.clone()),
                ("ZWEOPP".to_owned(), zwe)
            ]
        );
    }

    #[test]
    fn a_domestic_code_needs_a_known_country_and_agent_other_than_reb() {
        for code in ["ZWEREB", "ZWEXYZ", "XXXGOV", "ZWEGO"] {
            let err = error_of(&[(code, "Test Movement", &["Test Movement"])]);
            assert!(
                err.starts_with("dictionary domestic.toml, entry Test Movement: code"),
                "{code}: {err}"
            );
        }
        let err = error_of(&[("ZWEOPP", "Test Movement", &[])]);
        assert!(err.contains("names must not be empty"), "{err}");
    }

    #[test]
    fn a_domestic_string_claimed_elsewhere_is_rejected() {
        // in another file
        let err = error_of(&[("NGAOPP", "Test Movement", &["Boko Haram"])]);
        assert!(
            err.contains("armed_groups.toml") && err.contains("domestic.toml Test Movement"),
            "{err}"
        );
        // by another entry of the same file, even with the same code
        let err = error_of(&[
            ("ZWEOPP", "Test Movement", &["Test Movement"]),
            ("ZWEOPP", "Other Movement", &["Test Movement"]),
        ]);
        assert!(
            err.contains("domestic.toml Test Movement")
                && err.contains("domestic.toml Other Movement"),
            "{err}"
        );
    }
}
