//! What a composed phrase refers to: an anaphor, a group of people whose state comes from the
//! sentence ("protesters", "the government"), or an actor resolved from its names, office
//! holders and agent ("Japanese Foreign Minister Fumio Kishida" -> JPNGOV), made the state's
//! elites after "former".

use chrono::NaiveDate;

use crate::extract::tokens::Tokens;

use super::code::ActorCode;
use super::lexicon::{Lexicon, NameKind};
use super::mentions::{Actor, Referent};
use super::noun_phrase::{after_the, ends_noun_phrase, is_name_word, starts_upper};
use super::recognize::Phrase;

/// Agents that, alone, belong to the state of the sentence or the article ("protesters",
/// "rebels", "the army"); `GOV` does only with "the" ("the government").
const INHERITING: &[ActorCode] = &[
    ActorCode::OPP,
    ActorCode::REB,
    ActorCode::INS,
    ActorCode::CVL,
    ActorCode::COP,
    ActorCode::JUD,
    ActorCode::MED,
    ActorCode::LEG,
    ActorCode::BUS,
    ActorCode::MIL,
    ActorCode::LAB,
    ActorCode::EDU,
    ActorCode::HLH,
    ActorCode::CRM,
    ActorCode::SPY,
    ActorCode::REF,
];

/// Agents that, right after a named group of civilians (a people, a clan, a civil-society body:
/// code ending CVL), name what its members are doing: "Oromo protesters" is ETHOPP, "Rohingya
/// refugees" MMRREF, "Hawiye militia" SOMREB. Other agents ("Oromo leaders", "Uyghur workers")
/// leave the group's CVL.
const OVER_CIVILIANS: &[ActorCode] = &[
    ActorCode::OPP,
    ActorCode::REB,
    ActorCode::INS,
    ActorCode::CRM,
    ActorCode::REF,
    ActorCode::MIL,
];

/// Agents whose former members are the state's elites (CAMEO ELI: former government
/// officials): "former President Jimmy Carter", "a former defence minister", "ex-judges".
const FORMER_TO_ELITE: &[ActorCode] = &[
    ActorCode::GOV,
    ActorCode::LEG,
    ActorCode::JUD,
    ActorCode::MIL,
    ActorCode::COP,
    ActorCode::SPY,
];

impl Lexicon {
    /// What an actor phrase refers to: an anaphor, a bare group of people whose state comes
    /// from the sentence, or a resolved actor.
    pub(super) fn referent(
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
            return Some(bare(phrase.agent.unwrap_or(ActorCode::CVL)));
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
        let definite_government = *agent == ActorCode::GOV && after_the(tokens, phrase.first);
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
            Actor::bare(*agent),
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
            return Some(Actor::of_code(holder.code, Some(holder.name.clone())));
        }
        if let Some(org) = phrase.org {
            return Some(match phrase.agent {
                // "Oromo protesters", "Rohingya refugees": the people's state, the word's agent.
                Some(agent)
                    if org.role() == Some(ActorCode::CVL) && OVER_CIVILIANS.contains(&agent) =>
                {
                    Actor::of_code(org.with_agent(agent), None)
                }
                _ => Actor::of_code(org, None),
            });
        }
        let Some((country, kind)) = phrase.country else {
            if let (Some(Some(place)), Some(agent)) = (phrase.place, phrase.agent) {
                return Some(Actor::of_code(place.with_agent(agent), None));
            }
            return self.out_of_office(phrase, tokens, date);
        };
        let agent = match (phrase.agent, kind) {
            (Some(agent), _) => Some(agent),
            (None, NameKind::Capital) => Some(ActorCode::GOV),
            (None, _) => None,
        };
        Some(Actor::of_state(country, agent))
    }
}

/// Whether "former" or "ex-" stands right before the phrase starting at `first`.
fn after_former(tokens: &Tokens, first: usize) -> bool {
    (first >= 1 && tokens.is(first - 1, "former"))
        || (first >= 2 && tokens.is(first - 1, "-") && tokens.is(first - 2, "ex"))
}

/// An official's actor after "former" or "ex-": the state's elites rather than its government.
fn former(mut actor: Actor, tokens: &Tokens, first: usize) -> Actor {
    let official = actor.agent.is_some_and(|a| FORMER_TO_ELITE.contains(&a));
    if official && after_former(tokens, first) {
        actor.set_agent(ActorCode::ELI);
    }
    actor
}

/// A group of people whose state comes from the sentence or the article.
fn bare(agent: ActorCode) -> Referent {
    Referent::Actor(Actor::bare(agent))
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
