//! Actor recognition and composition: dictionary matches in a sentence become actor mentions
//! ("Japanese Foreign Minister Fumio Kishida" -> one JPNGOV mention) and place mentions.

use chrono::NaiveDate;

use crate::extract::tokens::Tokens;

use super::context::place_country;
use super::lexicon::{AgentKind, Lexicon, NameKind};
use super::mentions::{
    actor_of_code, bare_actor, Actor, Mention, PlaceMention, Recognized, Referent,
};
use super::noun_phrase::{
    after_the, ends_noun_phrase, is_modifier, is_name_word, starts_upper, word_count,
};
use super::places::{contained_places, described_places, unnamed_places};
use super::sharing::{inherit_states, share_agents};
use crate::extract::word_classes::WordClass;

/// Agents that, alone, belong to the state of the sentence or the article ("protesters",
/// "rebels", "the army"); `GOV` does only with "the" ("the government").
const INHERITING: &[&str] = &[
    "OPP", "REB", "INS", "CVL", "COP", "JUD", "MED", "LEG", "BUS", "MIL", "LAB", "EDU", "HLH",
    "CRM", "SPY", "REF",
];

/// Agents that, right after a named group of civilians (a people, a clan, a civil-society body:
/// code ending CVL), name what its members are doing: "Oromo protesters" is ETHOPP, "Rohingya
/// refugees" MMRREF, "Hawiye militia" SOMREB. Other agents ("Oromo leaders", "Uyghur workers")
/// leave the group's CVL.
const OVER_CIVILIANS: &[&str] = &["OPP", "REB", "INS", "CRM", "REF", "MIL"];

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

/// A phrase under composition. Its codes borrow from the lexicon: most phrases are dropped or
/// resolved into a new actor, so copying them would only cost allocations.
#[derive(Debug, Default)]
pub(super) struct Phrase<'l> {
    pub(super) first: usize,
    pub(super) last: usize,
    country: Option<(&'l str, &'l NameKind)>,
    org: Option<&'l str>,
    pub(super) agent: Option<&'l str>,
    pub(super) holders: Option<&'l [usize]>,
    /// Whether the office holder was named in full ("Ban Ki-moon", not "Ban").
    pub(super) full_name: bool,
    anaphor: bool,
    place: Option<&'l str>,
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
        context: Option<&str>,
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
                AgentKind::Agent(code) => phrase.agent = Some(code),
                AgentKind::Anaphor => phrase.anaphor = true,
            },
            PieceKind::Name(i) => {
                let value = &self.name_values[*i];
                match &value.kind {
                    NameKind::Organisation | NameKind::ArmedGroup | NameKind::Domestic => {
                        phrase.org = Some(&value.code)
                    }
                    NameKind::Holders(list) => {
                        phrase.holders = Some(list);
                        phrase.full_name = word_count(tokens, piece.first, piece.last) >= 2;
                    }
                    NameKind::Place => {
                        phrase.place = Some(&value.code);
                        phrase.place_last = piece.last;
                    }
                    NameKind::Stop => phrase.stop = true,
                    kind => phrase.country = Some((&value.code, kind)),
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
            let owned = !place.is_empty()
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
                    || phrase.org.is_some_and(|o| o.starts_with("IGO"));
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

    /// What an actor phrase refers to: an anaphor, a bare group of people whose state comes
    /// from the sentence, or a resolved actor.
    fn referent(
        &self,
        phrase: &Phrase<'_>,
        tokens: &Tokens,
        date: Option<NaiveDate>,
    ) -> Option<Referent> {
        if phrase.anaphor {
            return Some(Referent::Anaphor);
        }
        // "ethnic Albanians", "ethnic Somali herders": a minority of the state the sentence is
        // set in, not the people's own state.
        if is_minority(phrase, tokens) {
            return Some(bare(phrase.agent.unwrap_or("CVL")));
        }
        let (None, None, None, None, Some(agent)) = (
            &phrase.country,
            &phrase.org,
            &phrase.holders,
            &phrase.place,
            &phrase.agent,
        ) else {
            return self
                .resolve(phrase, tokens, date)
                .map(|a| Referent::Actor(former(a, tokens, phrase.first)));
        };
        // A bare group of people ("protesters", "the government"): its state comes from the
        // sentence. Military words are left out: "military" and "forces" are as often
        // adjectives or foreign ("Soviet forces") as they are the sentence's own troops.
        // "the government", "the local authorities", "the new military government".
        let definite_government = *agent == "GOV" && after_the(tokens, phrase.first);
        // "military" alone is most often an adjective ("a military operation"); it is the
        // armed forces when no noun follows ("clashes between military and rebels", "the
        // military said", "military attacked the village").
        let adjective = phrase.last == phrase.first + 1
            && tokens.is(phrase.first, "military")
            && !ends_noun_phrase(tokens, phrase.last);
        let is_former = after_former(tokens, phrase.first);
        if !(INHERITING.contains(agent)
            || definite_government
            || is_former
            || titled_person(phrase, tokens))
            || adjective
        {
            return None;
        }
        Some(Referent::Actor(former(
            bare_actor(agent),
            tokens,
            phrase.first,
        )))
    }

    fn resolve(
        &self,
        phrase: &Phrase<'_>,
        tokens: &Tokens,
        date: Option<NaiveDate>,
    ) -> Option<Actor> {
        if let Some(holder) = phrase
            .holders
            .as_ref()
            .and_then(|l| self.holder_at(l, date))
        {
            return Some(actor_of_code(&holder.code, Some(holder.name.clone())));
        }
        if let Some(org) = &phrase.org {
            return Some(match (org.strip_suffix("CVL"), phrase.agent) {
                // "Oromo protesters", "Rohingya refugees": the people's state, the word's agent.
                (Some(state), Some(agent))
                    if state.len() == 3 && OVER_CIVILIANS.contains(&agent) =>
                {
                    actor_of_code(&[state, agent].concat(), None)
                }
                _ => actor_of_code(org, None),
            });
        }
        let Some((country, kind)) = phrase.country.as_ref() else {
            if let (Some(place), Some(agent)) = (phrase.place, phrase.agent) {
                return Some(actor_of_code(&[place, agent].concat(), None));
            }
            return self.out_of_office(phrase, tokens, date);
        };
        let agent = match (&phrase.agent, kind) {
            (Some(agent), _) => Some((*agent).to_owned()),
            (None, NameKind::Capital) => Some("GOV".to_owned()),
            (None, _) => None,
        };
        let code = [*country, agent.as_deref().unwrap_or("")].concat();
        Some(Actor {
            code,
            country: Some((*country).to_owned()),
            agent,
            name: None,
        })
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
            (*code, phrase.last)
        }
        _ => return None,
    };
    Some(PlaceMention {
        first: phrase.first,
        last,
        country: (!country.is_empty()).then(|| country.to_owned()),
        locative,
    })
}

/// Agents whose former members are the state's elites (CAMEO ELI: former government
/// officials): "former President Jimmy Carter", "a former defence minister", "ex-judges".
const FORMER_TO_ELITE: &[&str] = &["GOV", "LEG", "JUD", "MIL", "COP", "SPY"];

/// Whether "former" or "ex-" stands right before the phrase starting at `first`.
fn after_former(tokens: &Tokens, first: usize) -> bool {
    (first >= 1 && tokens.is(first - 1, "former"))
        || (first >= 2 && tokens.is(first - 1, "-") && tokens.is(first - 2, "ex"))
}

/// An official's actor after "former" or "ex-": the state's elites rather than its government.
fn former(mut actor: Actor, tokens: &Tokens, first: usize) -> Actor {
    let official = actor
        .agent
        .as_deref()
        .is_some_and(|a| FORMER_TO_ELITE.contains(&a));
    if official && after_former(tokens, first) {
        actor.agent = Some("ELI".to_owned());
        if let Some(country) = &actor.country {
            actor.code = format!("{country}ELI");
        }
    }
    actor
}

/// A group of people whose state comes from the sentence or the article.
fn bare(agent: &str) -> Referent {
    Referent::Actor(bare_actor(agent))
}

/// Whether a bare title stands before a person's name the dictionaries do not know
/// ("Interior Minister Horst Kramer", "Governor Jane Doe"): a capitalised title followed by
/// two capitalised words is an office holder of the state the sentence is set in. A single
/// capitalised word after the title is too often a place or an organisation ("Minister
/// Council", "President Street").
fn titled_person(phrase: &Phrase<'_>, tokens: &Tokens) -> bool {
    let (first, next) = (phrase.first, phrase.last);
    phrase.country.is_none()
        && phrase.org.is_none()
        && starts_upper(tokens.text(first))
        && next + 1 < tokens.len()
        && is_name_word(tokens.text(next))
        && is_name_word(tokens.text(next + 1))
}

/// Whether the phrase names an ethnic minority ("ethnic Albanians"): a people's adjective
/// right after "ethnic", with no organisation or office holder.
fn is_minority(phrase: &Phrase<'_>, tokens: &Tokens) -> bool {
    matches!(&phrase.country, Some((_, NameKind::Adjective)))
        && phrase.org.is_none()
        && phrase.holders.is_none()
        && phrase.first > 0
        && tokens.is(phrase.first - 1, "ethnic")
}

#[cfg(test)]
mod tests;
