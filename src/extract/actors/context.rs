//! The country a text is about: a sentence's (its first place's, else its first state's), and
//! a dateline's or a place name's, which give the article's context.

use super::code::ActorCode;
use super::lexicon::{Lexicon, NameKind};
use super::mentions::{PlaceMention, Recognized, Referent};

impl Recognized {
    /// The country the sentence is set in: its first place's, else its first state actor's.
    pub fn country(&self) -> Option<ActorCode> {
        let place = place_country(&self.places);
        place.or_else(|| {
            self.mentions.iter().find_map(|m| match &m.referent {
                Referent::Actor(a) => a.country,
                Referent::Anaphor => None,
            })
        })
    }
}

/// The country of a sentence's places: its first place after a locative preposition ("in
/// Ubari"), else its first place. A bare town name elsewhere in the sentence is more often a
/// people's, a clan's or a person's name than the setting ("Tabu and Tuareg fighters clashed in
/// Ubari").
pub(super) fn place_country(places: &[PlaceMention]) -> Option<ActorCode> {
    let with_country = || places.iter().filter(|p| p.country.is_some());
    with_country()
        .find(|p| p.locative)
        .or_else(|| with_country().next())
        .and_then(|p| p.country)
}

impl Lexicon {
    /// The country a dateline or place name names ("KANO", "Maiduguri, Nigeria"): the first
    /// state, capital or place the names dictionary finds in it, read in title case.
    pub fn country_named(&self, text: &str) -> Option<ActorCode> {
        let titled = title_case(text);
        self.names.find_iter(&titled).find_map(|m| {
            let value = &self.name_values[m.pattern().as_usize()];
            let located = matches!(
                value.kind,
                NameKind::Country | NameKind::Adjective | NameKind::Capital | NameKind::Place
            );
            value.code.filter(|_| located)
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
