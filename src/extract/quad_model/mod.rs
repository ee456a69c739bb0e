//! The quad-class fallback: a linear model that reads a sentence the rules left uncoded and
//! says which quad class of event it most likely reports, and how likely.
//!
//! The rules code what their patterns recognize; news phrases the same events in more ways than
//! patterns can list. When a sentence names a source and a distinct target but no rule coded
//! it (or names only a source, and a rule's trigger matched without finding its roles), the
//! coder asks this model for the sentence's class (statement or appeal, verbal or material
//! cooperation, verbal or material conflict) and emits one event with the generic CAMEO code of
//! that class, at a low confidence that says it was guessed.
//!
//! The model is a multinomial logistic regression over the sentence's features: its distinct
//! words (runs of ASCII letters and digits, lowercased) and, if the file says so, its adjacent
//! word pairs ("imposed sanctions"), each hashed (64-bit FNV-1a) into one of the file's
//! numbered buckets, so that the file holds numbers and no text. Its weights are data, `config/models/quad_class.json`,
//! written by `config/models/train_quad_class.py` (`make train-quad-class`) from the
//! development halves of the external sets; the split into features here and there must agree.

use std::collections::HashMap;

use serde::Deserialize;

use super::groups::{Group, Member};
use super::patterns::{Action, Match};
use super::roles::Coded;
use super::tokens::Tokens;
use super::word_classes::WordClass;
use super::DictionaryError;

/// The file the weights come from, for error messages.
const FILE: &str = "config/models/quad_class.json";

/// Below this probability the model's guess is not emitted: out of fold on the development
/// halves (`make train-quad-class` prints the table), guesses below it were right two times in
/// five or less, those above it about half the time or more.
const MIN_PROBABILITY: f64 = 0.3;

/// A guessed event's confidence is its class's probability times this: at most 0.7, so that a
/// guess never counts among the events at 0.8 or above, which must be right four times in five.
const CONFIDENCE_SCALE: f64 = 0.7;

/// The weights built into the binary.
const EMBEDDED: &str = include_str!("../../../config/models/quad_class.json");

/// The classes, in weight order.
const CLASSES: usize = 8;

/// A class of CAMEO events: the quad classes, with material conflict split by root so that a
/// guess says what kind of conflict it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventClass {
    /// Public statements and appeals (CAMEO 01-02).
    Statement,
    /// Intentions, consultations, diplomatic cooperation (03-05).
    VerbalCooperation,
    /// Material cooperation, aid, yielding (06-08).
    MaterialCooperation,
    /// Demands, disapproval, rejection, threats, reduced relations (09-13, 16).
    VerbalConflict,
    /// Protest (14).
    Protest,
    /// Coercion: arrests, repression, seizures short of violence (17).
    Coercion,
    /// Unconventional violence: assaults, bombings, abductions, killings (18).
    Assault,
    /// Conventional military force: fighting, shelling, air strikes (19-20).
    Fighting,
}

impl EventClass {
    const ALL: [Self; CLASSES] = [
        Self::Statement,
        Self::VerbalCooperation,
        Self::MaterialCooperation,
        Self::VerbalConflict,
        Self::Protest,
        Self::Coercion,
        Self::Assault,
        Self::Fighting,
    ];

    /// The class of a CAMEO code, by its root; None for mobilization (15), material conflict of
    /// no class here, and for what is not a code.
    pub fn of_code(code: &str) -> Option<Self> {
        Some(match code.get(..2)? {
            "01" | "02" => Self::Statement,
            "03" | "04" | "05" => Self::VerbalCooperation,
            "06" | "07" | "08" => Self::MaterialCooperation,
            "09" | "10" | "11" | "12" | "13" | "16" => Self::VerbalConflict,
            "14" => Self::Protest,
            "17" => Self::Coercion,
            "18" => Self::Assault,
            "19" | "20" => Self::Fighting,
            _ => return None,
        })
    }

    /// Whether an event of this class is one without naming whom it concerns: material
    /// cooperation, protest and material conflict ("the rebels attacked", "the unions
    /// marched"). A statement, an appeal or verbal cooperation or conflict is made to or about
    /// someone: "the minister said" or "the ministry objected" alone is no event.
    pub fn needs_no_target(self) -> bool {
        !matches!(
            self,
            Self::Statement | Self::VerbalCooperation | Self::VerbalConflict
        )
    }

    /// The CAMEO code an event of this class is coded with when nothing more specific is
    /// known: the "not specified below" code of the class's most general root. A statement
    /// to or about a target (010), consultation (040: PLOVER's largest verbal cooperation
    /// category), material cooperation (060), disapproval (110: objections and complaints, the
    /// commonest verbal conflict), and the roots of material conflict themselves.
    pub fn generic_code(self) -> &'static str {
        match self {
            Self::Statement => "010",
            Self::VerbalCooperation => "040",
            Self::MaterialCooperation => "060",
            Self::VerbalConflict => "110",
            Self::Protest => "140",
            Self::Coercion => "170",
            Self::Assault => "180",
            Self::Fighting => "190",
        }
    }
}

/// The model's answer for one sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    /// The most probable class.
    pub class: EventClass,
    /// Its probability, 0 to 1.
    pub probability: f64,
}

/// `quad_class.json` as the training script writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    /// What the file is and where it came from.
    #[allow(dead_code)]
    about: String,
    /// Whether adjacent word pairs are features.
    bigrams: bool,
    /// How many buckets the features are hashed into.
    buckets: u64,
    /// One bias per class.
    bias: Vec<f64>,
    /// Bucket number -> one weight per class; buckets not listed weigh nothing.
    weights: HashMap<String, Vec<f64>>,
}

/// Most buckets a weights file may ask for: the table from bucket to row takes four bytes a
/// bucket.
const MAX_BUCKETS: u64 = 1 << 24;
/// A bucket without weights.
const NO_ROW: u32 = u32::MAX;

/// The compiled model: built once with the coder, read-only afterwards.
#[derive(Debug, Clone, PartialEq)]
pub struct QuadModel {
    bigrams: bool,
    buckets: u64,
    bias: [f64; CLASSES],
    /// Bucket number -> row of `weights`, or [`NO_ROW`]: one array read per feature.
    row_of: Vec<u32>,
    /// One weight per class, for each bucket that has weights.
    weights: Vec<[f64; CLASSES]>,
}

impl QuadModel {
    /// The model built into the binary.
    pub fn embedded() -> Result<Self, DictionaryError> {
        Self::parse(EMBEDDED)
    }

    /// Reads and validates a weights file: one finite weight per class for every bucket, and one
    /// bias per class.
    pub fn parse(text: &str) -> Result<Self, DictionaryError> {
        let raw: RawModel = serde_json::from_str(text).map_err(|e| DictionaryError::Parse {
            file: FILE.to_owned(),
            message: e.to_string(),
        })?;
        if !(1..=MAX_BUCKETS).contains(&raw.buckets) {
            return Err(DictionaryError::invalid(
                FILE,
                "buckets",
                format!("must be between 1 and {MAX_BUCKETS}"),
            ));
        }
        let bias = per_class(&raw.bias, "bias")?;
        let mut row_of = vec![NO_ROW; raw.buckets as usize];
        let mut weights = Vec::with_capacity(raw.weights.len());
        for (bucket, w) in &raw.weights {
            let n: u64 = bucket
                .parse()
                .ok()
                .filter(|n| *n < raw.buckets)
                .ok_or_else(|| {
                    DictionaryError::invalid(FILE, bucket, "not a bucket number below buckets")
                })?;
            row_of[n as usize] = weights.len() as u32;
            weights.push(per_class(w, bucket)?);
        }
        Ok(Self {
            bigrams: raw.bigrams,
            buckets: raw.buckets,
            bias,
            row_of,
            weights,
        })
    }

    /// The most probable class of the sentence and its probability.
    pub fn classify(&self, sentence: &str) -> Prediction {
        let mut z = self.bias;
        for bucket in self.buckets_of(sentence) {
            let row = self.row_of[bucket as usize];
            if row != NO_ROW {
                for (zk, wk) in z.iter_mut().zip(&self.weights[row as usize]) {
                    *zk += wk;
                }
            }
        }
        // The first of equal scores wins, as in the training script.
        let best = (1..CLASSES).fold(0, |best, k| if z[k] > z[best] { k } else { best });
        let total: f64 = z.iter().map(|zk| (zk - z[best]).exp()).sum();
        Prediction {
            class: EventClass::ALL[best],
            probability: 1.0 / total,
        }
    }
}

impl QuadModel {
    /// The buckets of the sentence's distinct features: lowercased runs of ASCII letters and
    /// digits, and the pairs of adjacent runs joined by a space if the file asks (every other
    /// character separates words, as in the training script).
    fn buckets_of(&self, sentence: &str) -> Vec<u64> {
        let words = sentence
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty());
        let mut out = Vec::new();
        let mut previous: Option<&str> = None;
        for word in words {
            out.push(fnv1a(FNV_OFFSET, word));
            if let (true, Some(before)) = (self.bigrams, previous) {
                // The hash of "before word", continued from "before" without a copy.
                out.push(fnv1a(fnv1a(fnv1a(FNV_OFFSET, before), " "), word));
            }
            previous = Some(word);
        }
        // Distinct features, as the script's set: equal strings have equal hashes, and two
        // features that share a bucket are one feature to the model too.
        for h in &mut out {
            *h %= self.buckets;
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The 64-bit FNV-1a hash of nothing.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// 64-bit FNV-1a of `state`'s text followed by `text` lowercased (ASCII).
fn fnv1a(state: u64, text: &str) -> u64 {
    text.bytes().fold(state, |h, byte| {
        (h ^ u64::from(byte.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
    })
}

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
    /// source (the source is seen to act, not merely to speak of
    /// an event: "police said") and only for a class that needs no target: a statement or an
    /// appeal is made to or about someone ("the minister said" alone is no event), while
    /// cooperation, disapproval, protest, coercion and violence may be reported without naming
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
        if prediction.probability < MIN_PROBABILITY {
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
                    Action::Event { code, .. } => Some(code.as_str()),
                    Action::Marker { .. } => None,
                })
                .unwrap_or(prediction.class.generic_code())
                .to_owned(),
            trigger,
            statement: false,
            hedged: false,
            anaphoric: from.anaphoric || to.is_some_and(|(g, _)| g.anaphoric),
            indirect: false,
            specificity: 1,
            shift: None,
        };
        let confidence = (prediction.probability * CONFIDENCE_SCALE * 100.0).round() / 100.0;
        Some((coded, confidence))
    }
}

/// The first trigger among `matches` that codes an event other than a statement.
fn event_trigger(matches: &[Match]) -> Option<&Match> {
    matches.iter().find(|m| match &m.action {
        Action::Event { code, .. } => EventClass::of_code(code) != Some(EventClass::Statement),
        Action::Marker { .. } => false,
    })
}

/// The most specific trigger among `matches` that codes an event of `class`.
fn trigger_of(matches: &[Match], class: EventClass) -> Option<&Match> {
    matches
        .iter()
        .filter(|m| match &m.action {
            Action::Event { code, .. } => EventClass::of_code(code) == Some(class),
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
fn has_a_score(sentence: &str) -> bool {
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

/// Exactly one finite number per class, or an error naming the entry.
fn per_class(values: &[f64], entry: &str) -> Result<[f64; CLASSES], DictionaryError> {
    let array: [f64; CLASSES] = values.try_into().map_err(|_| {
        DictionaryError::invalid(
            FILE,
            entry,
            format!("needs {CLASSES} weights, one per class"),
        )
    })?;
    if array.iter().any(|w| !w.is_finite()) {
        return Err(DictionaryError::invalid(
            FILE,
            entry,
            "weight is not a finite number",
        ));
    }
    Ok(array)
}

#[cfg(test)]
mod tests;
