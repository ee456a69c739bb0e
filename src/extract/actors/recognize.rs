//! Actor recognition and composition: dictionary matches in a sentence become actor mentions
//! ("Japanese Foreign Minister Fumio Kishida" -> one JPNGOV mention) and place mentions. Pieces
//! are composed into phrases here; what a phrase refers to is decided in `referent`.

use chrono::NaiveDate;

use crate::extract::tokens::Tokens;

use super::code::ActorCode;
use super::context::place_country;
use super::lexicon::{AgentKind, Lexicon, NameKind};
use super::mentions::{Mention, PlaceMention, Recognized};
use super::noun_phrase::{is_modifier, starts_upper, word_count};
use super::places::{contained_places, described_places, unnamed_places};
use super::sharing::{inherit_states, share_agents};
use crate::extract::word_classes::WordClass;

#[derive(Debug, Clone)]
pub(super) enum PieceKind {
    Name(usize),
    Agent(usize),
}

#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) kind: PieceKind,
}

/// A phrase under composition. Its name kinds and holders borrow from the lexicon.
#[derive(Debug, Default)]
pub(super) struct Phrase<'l> {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) country: Option<(ActorCode, &'l NameKind)>,
    pub(super) org: Option<ActorCode>,
    pub(super) agent: Option<ActorCode>,
    pub(super) holders: Option<&'l [usize]>,
    /// Whether the office holder was named in full ("Ban Ki-moon", not "Ban").
    pub(super) full_name: bool,
    pub(super) anaphor: bool,
    /// A place name, and its country if it has a known one.
    pub(super) place: Option<Option<ActorCode>>,
    /// One past the place name's last token ("Kano" in "Kano police").
    place_last: usize,
    stop: bool,
}

impl Lexicon {
    /// Recognizes actors and places in a tokenized sentence; `date` selects office holders,
    /// `context` is the country the article is about (bare agents without a state or place in
    /// the sentence belong to it).
    pub fn recognize(
        &self,
        tokens: &Tokens,
        date: Option<NaiveDate>,
        context: Option<ActorCode>,
    ) -> Recognized {
        let pieces = self.pieces(tokens);
        let mut out = Recognized::default();
        let mut i = 0;
        while i < pieces.len() {
            let mut phrase = self.start_phrase(&pieces[i], tokens);
            let mut j = i + 1;
            while j < pieces.len() && self.extend(&mut phrase, &pieces[j], tokens) {
                j += 1;
            }
            self.finish(phrase, tokens, date, &mut out);
            i = j;
        }
        unnamed_places(tokens, &mut out.places);
        share_agents(&mut out.mentions, tokens);
        described_places(self, tokens, &pieces, &mut out.places);
        contained_places(tokens, &mut out.places);
        let place = place_country(&out.places);
        inherit_states(&mut out.mentions, place, context, tokens);
        out
    }

    fn start_phrase(&self, piece: &Piece, tokens: &Tokens) -> Phrase<'_> {
        let mut phrase = Phrase {
            first: piece.first,
            last: piece.first,
            ..Phrase::default()
        };
        self.absorb(&mut phrase, piece, tokens);
        phrase
    }

    fn absorb<'l>(&'l self, phrase: &mut Phrase<'l>, piece: &Piece, tokens: &Tokens) {
        phrase.last = piece.last;
        match &piece.kind {
            PieceKind::Agent(i) => match &self.agent_values[*i] {
                AgentKind::Agent(code) => phrase.agent = Some(*code),
                AgentKind::Anaphor => phrase.anaphor = true,
            },
            PieceKind::Name(i) => {
                let value = &self.name_values[*i];
                match &value.kind {
                    NameKind::Organisation | NameKind::ArmedGroup | NameKind::Domestic => {
                        phrase.org = value.code
                    }
                    NameKind::Holders(list) => {
                        phrase.holders = Some(list);
                        phrase.full_name = word_count(tokens, piece.first, piece.last) >= 2;
                    }
                    NameKind::Place => {
                        phrase.place = Some(value.code);
                        phrase.place_last = piece.last;
                    }
                    NameKind::Stop => phrase.stop = true,
                    kind => phrase.country = value.code.map(|code| (code, kind)),
                }
            }
        }
    }

    /// Adds `piece` to `phrase` if it continues it ("Japanese" + "Foreign Minister" +
    /// "Fumio Kishida"; "Myanmar" 's "military").
    fn extend<'l>(&'l self, phrase: &mut Phrase<'l>, piece: &Piece, tokens: &Tokens) -> bool {
        if phrase.anaphor || phrase.stop {
            return false;
        }
        let gap = piece.first.saturating_sub(phrase.last);
        let possessive_gap = gap == 1 && tokens.is(phrase.last, "'s");
        if phrase.holders.is_some() {
            // "Sheikh Hamad bin Khalifa al-Thani": a name of the dictionary right after an
            // office holder's name is more of the same person's name, not another person.
            let more_name = gap == 0
                && matches!(&piece.kind, PieceKind::Name(i)
                    if matches!(self.name_values[*i].kind, NameKind::Holders(_)));
            if more_name {
                phrase.last = piece.last;
                phrase.full_name = true;
            }
            return more_name;
        }
        if let Some(place) = phrase.place.filter(|_| phrase.agent.is_none()) {
            // "Kano police", "the Dubai ruler", "Aleppo's rebels": a town or region before an
            // agent word is where that agent serves, so it is of the place's country.
            let owned = place.is_some()
                && (gap == 0 || possessive_gap)
                && matches!(&piece.kind, PieceKind::Agent(i)
                    if matches!(self.agent_values[*i], AgentKind::Agent(_)));
            if owned {
                self.absorb(phrase, piece, tokens);
            }
            return owned;
        }
        let has_owner = phrase.country.is_some() || phrase.org.is_some();
        let ok = match &piece.kind {
            PieceKind::Agent(i) => {
                let is_agent = matches!(self.agent_values[*i], AgentKind::Agent(_));
                // "Ethiopian federal troops", "Russian strategic bombers": lower-case modifiers
                // between a demonym and its agent.
                // "UN peacekeeping troops": the same after an international organisation.
                let owner_gap = matches!(&phrase.country, Some((_, NameKind::Adjective)))
                    || phrase.org.is_some_and(ActorCode::is_intergovernmental);
                let modifier_gap = (1..=2).contains(&gap)
                    && phrase.agent.is_none()
                    && owner_gap
                    && (phrase.last..piece.first).all(|k| is_modifier(tokens, k));
                is_agent
                    && (gap == 0
                        || modifier_gap
                        || (possessive_gap && phrase.agent.is_none() && has_owner))
            }
            PieceKind::Name(i) => {
                let is_holder = matches!(self.name_values[*i].kind, NameKind::Holders(_));
                let name_gap =
                    gap <= 2 && (phrase.last..piece.first).all(|k| starts_upper(tokens.text(k)));
                is_holder && (phrase.agent.is_some() || phrase.org.is_some()) && name_gap
            }
        };
        if ok {
            self.absorb(phrase, piece, tokens);
        }
        ok
    }

    /// Records a composed phrase: as a place, an actor mention, or both.
    fn finish(
        &self,
        phrase: Phrase<'_>,
        tokens: &Tokens,
        date: Option<NaiveDate>,
        out: &mut Recognized,
    ) {
        if phrase.stop {
            return;
        }
        let locative = crate::extract::groups::word_before(tokens, phrase.first)
            .is_some_and(|b| tokens.is_a(b, WordClass::Locative));
        if let Some(place) = place_of(&phrase, tokens, locative) {
            out.places.push(place);
        }
        let bare_capital =
            matches!(&phrase.country, Some((_, NameKind::Capital))) && phrase.agent.is_none();
        let bare_place = phrase.place.is_some() && phrase.agent.is_none();
        if bare_place || (bare_capital && locative) {
            return;
        }
        let bare_adjective = matches!(
            &phrase.country,
            Some((_, NameKind::Adjective | NameKind::Country))
        ) && phrase.agent.is_none()
            && phrase.holders.is_none()
            && phrase.org.is_none();
        if let Some(referent) = self.referent(&phrase, tokens, date) {
            out.mentions.push(Mention {
                first: phrase.first,
                last: phrase.last,
                referent,
                locative,
                bare_adjective,
            });
        }
    }
}

/// The place a phrase names: a place name, or a country or capital after a locative
/// preposition; not an owner ("the United States' naval base").
/// A town's or region's possession is in it ("Misrata's main checkpoint"), so a place name stays
/// a place before "'s".
fn place_of(phrase: &Phrase<'_>, tokens: &Tokens, locative: bool) -> Option<PlaceMention> {
    let (country, last) = match (&phrase.place, &phrase.country) {
        (Some(code), _) => (*code, phrase.place_last),
        (None, Some((code, NameKind::Country | NameKind::Capital)))
            if locative && phrase.agent.is_none() && !tokens.is_any(phrase.last, &["'s", "'"]) =>
        {
            (Some(*code), phrase.last)
        }
        _ => return None,
    };
    Some(PlaceMention {
        first: phrase.first,
        last,
        country,
        locative,
    })
}

#[cfg(test)]
mod tests;
