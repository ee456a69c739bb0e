//! Coding a sentence with the built-in dictionaries, and the sources it codes to, for the
//! specification tests of the coder.

use demarche::extract::Coder;
use demarche::model::DiplomaticEvent;

use super::article::normalized;

/// The events of `body` in an article with this id and publication date.
pub fn code(id: &str, published: &str, body: &str) -> Vec<DiplomaticEvent> {
    let article = normalized(id, published, body);
    Coder::embedded()
        .expect("the built-in dictionaries are valid")
        .code(&article)
}

/// "code [country]" of each event's source, in text order.
pub fn sources(events: &[DiplomaticEvent]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            let country = e.source.country.as_deref().unwrap_or("-");
            format!("{} [{country}]", e.source.code)
        })
        .collect()
}

/// "source target code" of each event, sorted ("-" for no target).
pub fn triples(events: &[DiplomaticEvent]) -> Vec<String> {
    let mut out: Vec<String> = events
        .iter()
        .map(|e| {
            let target = e.target.as_ref().map_or("-", |t| t.code.as_str());
            format!("{} {} {}", e.source.code, target, e.cameo.code)
        })
        .collect();
    out.sort();
    out
}

/// Codes each sentence (in an article with this id, published 2021-03-10) and reports every
/// one whose events differ from the expected triples.
pub fn check_triples(id: &str, cases: &[(&str, &[&str])]) {
    let coder = Coder::embedded().expect("the built-in dictionaries are valid");
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, want)| {
            let got = triples(&coder.code(&normalized(id, "2021-03-10", text)));
            (got != *want).then(|| format!("coding {text:?}\n  got  {got:?}\n  want {want:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
