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
