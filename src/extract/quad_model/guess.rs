//! The guess: the event a sentence the rules left uncoded most likely reports, between which
//! parties, with which code and at what confidence; and the sentences the model is not asked
//! about because what they report may not have happened.

use super::classes::EventClass;
use super::model::QuadModel;
use crate::extract::cameo::CameoCode;
use crate::extract::groups::{Group, Member};
use crate::extract::patterns::{Action, Match};
use crate::extract::roles::Coded;
use crate::extract::tokens::Tokens;
use crate::extract::word_classes::WordClass;

/// Below this probability of its quad class the model's guess is not emitted. The categories
/// of one quad class share most of their words ("accused", "rejected" and "threatened" all
/// come with a complaint), so the probability of the winning category alone is split between
/// them and says less than that of its quad class, which the model tells apart well.
pub const MIN_PROBABILITY: f64 = 0.3;

/// A guessed event's confidence is its quad class's probability times this: at most 0.7, so
/// that a guess never counts among the events at 0.8 or above, which must be right four times
/// in five.
pub const CONFIDENCE_SCALE: f64 = 0.7;

impl QuadModel {
    /// The event a sentence the rules left uncoded most likely reports: from its first actor
    /// that is not a place to the next actor after it that is another party, coded with the
    /// generic code of the sentence's most probable class; with its confidence. None without a
    /// source, when the class is too uncertain, or when the sentence may not report something
    /// that happened: a negation, a condition, a cancellation or a future.
    ///
    /// `matches` are the rules' triggers found in the sentence, whose roles the rules could not
    /// fill: the most specific one of the predicted class lends its code (a trigger of shelling
    /// gives its fighting code), else the class's generic code is used.
    ///
    /// Without another party the event has no target. It is guessed only when an event's
    /// trigger (of the predicted class if there is one, else any but a statement's) follows the
    /// source (the source is seen to act, not merely to speak of an event: "police said") and
    /// only for a class that needs no target: a statement, an appeal or verbal cooperation or
    /// conflict is made to or about someone ("the minister said" alone is no event), while
    /// material cooperation, protest, coercion and violence may be reported without naming
    /// whom they concern ("the rebels attacked", "the unions marched").
    pub fn guess(
        &self,
        tokens: &Tokens,
        sentence: &str,
        groups: &[Group],
        matches: &[Match],
    ) -> Option<(Coded, f64)> {
        let mut parties = groups
            .iter()
            .filter(|g| !g.locative)
            .filter_map(|g| Some((g, g.members.first()?)));
        let (from, source) = parties.next()?;
        let to = parties.find(|(_, m)| other_party(source, m));
        if not_an_occurrence(tokens) || has_a_score(sentence) {
            return None;
        }
        let prediction = self.classify(sentence);
        if prediction.quad_probability < MIN_PROBABILITY {
            return None;
        }
        let lent = trigger_of(matches, prediction.class);
        // What links the two is the words between them; without a target, the trigger the
        // source acts by.
        let trigger = match (to, lent) {
            (Some((_, target)), _) if source.last < target.first => (source.last, target.first),
            (Some(_), _) => (source.first, source.last),
            (None, _) if prediction.class.needs_no_target() => {
                let m = lent.or_else(|| event_trigger(matches))?;
                if m.first < source.last {
                    return None;
                }
                (m.first, m.last)
            }
            (None, _) => return None,
        };
        let coded = Coded {
            source: source.clone(),
            target: to.map(|(_, target)| target.clone()),
            code: lent
                .and_then(|m| match &m.action {
                    Action::Event { code, .. } => Some(*code),
                    Action::Marker { .. } => None,
                })
                .unwrap_or_else(|| CameoCode::of(prediction.class.generic_code())),
            trigger,
            statement: false,
            hedged: false,
            anaphoric: from.anaphoric || to.is_some_and(|(g, _)| g.anaphoric),
            indirect: false,
            specificity: 1,
            shift: None,
        };
        let confidence = (prediction.quad_probability * CONFIDENCE_SCALE * 100.0).round() / 100.0;
        Some((coded, confidence))
    }
}

/// The first trigger among `matches` that codes an event other than a statement.
fn event_trigger(matches: &[Match]) -> Option<&Match> {
    matches.iter().find(|m| match &m.action {
        Action::Event { code, .. } => {
            EventClass::of_code(code.as_str()) != Some(EventClass::Statement)
        }
        Action::Marker { .. } => false,
    })
}

/// The most specific trigger among `matches` that codes an event of `class`.
fn trigger_of(matches: &[Match], class: EventClass) -> Option<&Match> {
    matches
        .iter()
        .filter(|m| match &m.action {
            Action::Event { code, .. } => EventClass::of_code(code.as_str()) == Some(class),
            Action::Marker { .. } => false,
        })
        .max_by_key(|m| m.specificity)
}

/// Whether the sentence has a word that may make what it reports not have happened: a
/// negation ("not", "never", "didn't"), a refusal ("declined to"), a condition ("if"), a
/// cancellation ("postponed") or a future ("will", "plans to"). The rules know where such words reach; a guess over the whole
/// sentence does not, so it leaves such sentences alone.
fn not_an_occurrence(tokens: &Tokens) -> bool {
    (0..tokens.len()).any(|i| {
        tokens.is_any(i, &["not", "never", "cannot", "n't"])
            || tokens.text(i).ends_with("n't")
            || tokens.is_a(i, WordClass::Conditional)
            || tokens.is_a(i, WordClass::Cancel)
            || tokens.is_a(i, WordClass::FutureCue)
            || (tokens.is_any(i, REFUSALS) && i + 1 < tokens.len() && tokens.is(i + 1, "to"))
    })
}

/// Verbs that, before "to", say the act after them was refused ("declined to condemn").
const REFUSALS: &[&str] = &[
    "refused",
    "refuses",
    "refusing",
    "declined",
    "declines",
    "declining",
];

/// Whether the sentence gives a match score ("beat Ghana 2-1"): teams named by their country
/// play, they do not fight.
pub(super) fn has_a_score(sentence: &str) -> bool {
    let b = sentence.as_bytes();
    (1..b.len().saturating_sub(1)).any(|i| {
        matches!(b[i], b'-' | b':')
            && b[i - 1].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && !b[..i - 1].last().is_some_and(u8::is_ascii_digit)
            && !b.get(i + 2).is_some_and(u8::is_ascii_digit)
    })
}

/// Whether `x` is another party than `s`: another actor, and not the same state when one of
/// them is the bare state ("Japan" and "Japan's army" are one side).
fn other_party(s: &Member, x: &Member) -> bool {
    let same_state = s.actor.country.is_some() && s.actor.country == x.actor.country;
    s.actor.code != x.actor.code
        && !(same_state && (s.actor.agent.is_none() || x.actor.agent.is_none()))
}
