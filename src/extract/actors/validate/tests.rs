use crate::extract::actors::{Lexicon, Referent};
use crate::extract::dictionary::{Parsed, RawDomestic, Sources, FILE_NAMES};
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
            Referent::Actor(a) => Some((a.code.to_string(), a.country.map(|c| c.to_string()))),
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
        err.contains("domestic.toml Test Movement") && err.contains("domestic.toml Other Movement"),
        "{err}"
    );
}

/// The error of the built-in dictionaries with `file`'s text edited by `edit`.
fn error_with(file: &str, edit: impl Fn(&str) -> String) -> String {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/dictionaries");
    let tmp = tempfile::tempdir().expect("tempdir");
    for name in FILE_NAMES {
        let text = std::fs::read_to_string(src.join(name)).expect("read");
        let text = if name == file { edit(&text) } else { text };
        std::fs::write(tmp.path().join(name), text).expect("write");
    }
    let parsed = Sources::from_dir(tmp.path())
        .and_then(|s| s.parse())
        .expect("the edited dictionaries parse");
    Lexicon::new(&parsed)
        .expect_err("the edited dictionaries are invalid")
        .to_string()
}

#[test]
fn a_code_that_is_no_actor_code_stops_the_start_up_naming_file_entry_and_code() {
    let err = error_with("organisations.toml", |t| {
        format!(
            "{t}\n[[organisation]]\ncode = \"IGOtst\"\nname = \"Test\"\nnames = [\"Test Body\"]\n"
        )
    });
    assert!(
        err.starts_with("dictionary organisations.toml, entry IGOtst: actor code \"IGOtst\""),
        "{err}"
    );
    let err = error_with("agents.toml", |t| {
        format!("{t}\n[[agent]]\ncode = \"GOVT\"\nwords = [\"test officials\"]\n")
    });
    assert!(
        err.starts_with("dictionary agents.toml, entry GOVT: actor code \"GOVT\""),
        "{err}"
    );
}

#[test]
fn an_agent_code_must_be_one_of_the_state_agents() {
    let err = error_with("agents.toml", |t| {
        format!("{t}\n[[agent]]\ncode = \"ELI\"\nwords = [\"test elders\"]\n")
    });
    assert!(
        err.contains("entry ELI: agent code must be one of GOV, MIL, COP"),
        "{err}"
    );
}
