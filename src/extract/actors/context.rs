//! The country a text is about: a sentence's (its first place's, else its first state's), and
//! a dateline's or a place name's, which give the article's context.

use super::lexicon::{Lexicon, NameKind};
use super::mentions::{Recognized, Referent};

impl Recognized {
    /// The country the sentence is set in: its first place's, else its first state actor's.
    pub fn country(&self) -> Option<&str> {
        let place = self.places.iter().find_map(|p| p.country.as_deref());
        place.or_else(|| {
            self.mentions.iter().find_map(|m| match &m.referent {
                Referent::Actor(a) => a.country.as_deref(),
                Referent::Anaphor => None,
            })
        })
    }
}

impl Lexicon {
    /// The country a dateline or place name names ("KANO", "Maiduguri, Nigeria"): the first
    /// state, capital or place the names dictionary finds in it, read in title case.
    pub fn country_named(&self, text: &str) -> Option<String> {
        let titled = title_case(text);
        self.names.find_iter(&titled).find_map(|m| {
            let value = &self.name_values[m.pattern().as_usize()];
            let located = matches!(
                value.kind,
                NameKind::Country | NameKind::Adjective | NameKind::Capital | NameKind::Place
            );
            (located && !value.code.is_empty()).then(|| value.code.clone())
        })
    }
}

/// "SOUTH SUDAN" -> "South Sudan": datelines are written in capitals, names are matched in
/// their usual case.
fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'';
    }
    out
}
