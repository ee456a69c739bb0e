//! The quad-class fallback: a linear model that reads a sentence the rules left uncoded and
//! says which quad class of event it most likely reports, and how likely.
//!
//! The rules code what their patterns recognize; news phrases the same events in more ways than
//! patterns can list. When a sentence names a source and a distinct target but no rule coded
//! it, the coder asks this model for the sentence's class (statement or appeal, verbal or
//! material cooperation, verbal or material conflict) and emits one event with the generic
//! CAMEO code of that class, at a low confidence that says it was guessed.
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
const EMBEDDED: &str = include_str!("../../config/models/quad_class.json");

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

/// The compiled model: built once with the coder, read-only afterwards.
#[derive(Debug, Clone, PartialEq)]
pub struct QuadModel {
    bigrams: bool,
    buckets: u64,
    bias: [f64; CLASSES],
    weights: HashMap<u64, [f64; CLASSES]>,
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
        if raw.buckets == 0 {
            return Err(DictionaryError::invalid(
                FILE,
                "buckets",
                "must be at least 1",
            ));
        }
        let bias = per_class(&raw.bias, "bias")?;
        let weights = raw
            .weights
            .iter()
            .map(|(bucket, w)| {
                let n: u64 = bucket
                    .parse()
                    .ok()
                    .filter(|n| *n < raw.buckets)
                    .ok_or_else(|| {
                        DictionaryError::invalid(FILE, bucket, "not a bucket number below buckets")
                    })?;
                Ok((n, per_class(w, bucket)?))
            })
            .collect::<Result<_, DictionaryError>>()?;
        Ok(Self {
            bigrams: raw.bigrams,
            buckets: raw.buckets,
            bias,
            weights,
        })
    }

    /// The most probable class of the sentence and its probability.
    pub fn classify(&self, sentence: &str) -> Prediction {
        let mut z = self.bias;
        for bucket in self.buckets_of(sentence) {
            if let Some(w) = self.weights.get(&bucket) {
                for (zk, wk) in z.iter_mut().zip(w) {
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
        let words: Vec<String> = sentence
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let mut out: Vec<u64> = words.iter().map(|w| fnv1a(&[w])).collect();
        if self.bigrams {
            out.extend(words.windows(2).map(|p| fnv1a(&[&p[0], " ", &p[1]])));
        }
        // Distinct features, as the script's set: equal strings have equal hashes, and two
        // features that share a bucket are one feature to the model too.
        let mut out: Vec<u64> = out.into_iter().map(|h| h % self.buckets).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// 64-bit FNV-1a of the concatenated pieces.
fn fnv1a(pieces: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in pieces.iter().flat_map(|p| p.bytes()) {
        h = (h ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl QuadModel {
    /// The event a sentence the rules left uncoded most likely reports: from its first actor
    /// that is not a place to the next actor after it that is another party, coded with the
    /// generic code of the sentence's most probable class; with its confidence. None without
    /// two such actors, when the class is too uncertain, or when the sentence may not report
    /// something that happened: a negation, a condition, a cancellation or a future.
    pub fn guess(&self, tokens: &Tokens, sentence: &str, groups: &[Group]) -> Option<(Coded, f64)> {
        let mut parties = groups
            .iter()
            .filter(|g| !g.locative)
            .filter_map(|g| Some((g, g.members.first()?)));
        let (from, source) = parties.next()?;
        let (to, target) = parties.find(|(_, m)| other_party(source, m))?;
        if not_an_occurrence(tokens) || has_a_score(sentence) {
            return None;
        }
        let prediction = self.classify(sentence);
        if prediction.probability < MIN_PROBABILITY {
            return None;
        }
        // What links the two is the words between them.
        let trigger = if source.last < target.first {
            (source.last, target.first)
        } else {
            (source.first, source.last)
        };
        let coded = Coded {
            source: source.clone(),
            target: Some(target.clone()),
            code: prediction.class.generic_code().to_owned(),
            trigger,
            statement: false,
            hedged: false,
            anaphoric: from.anaphoric || to.anaphoric,
            indirect: false,
            specificity: 1,
            shift: None,
        };
        let confidence = (prediction.probability * CONFIDENCE_SCALE * 100.0).round() / 100.0;
        Some((coded, confidence))
    }
}

/// Whether the sentence has a word that may make what it reports not have happened: a
/// negation ("not", "never", "didn't"), a condition ("if"), a cancellation ("postponed") or a
/// future ("will", "plans to"). The rules know where such words reach; a guess over the whole
/// sentence does not, so it leaves such sentences alone.
fn not_an_occurrence(tokens: &Tokens) -> bool {
    (0..tokens.len()).any(|i| {
        tokens.is_any(i, &["not", "never", "cannot", "n't"])
            || tokens.text(i).ends_with("n't")
            || tokens.is_a(i, WordClass::Conditional)
            || tokens.is_a(i, WordClass::Cancel)
            || tokens.is_a(i, WordClass::FutureCue)
    })
}

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
mod tests {
    use super::super::actors::Actor;
    use super::*;

    /// Buckets of the test models.
    const BUCKETS: u64 = 1 << 16;

    /// A model file with these biases and these features' weights.
    fn model_file(bigrams: bool, bias: [f64; 8], weights: &[(&str, [f64; 8])]) -> String {
        let weights: Vec<String> = weights
            .iter()
            .map(|(feature, w)| format!("\"{}\": {w:?}", fnv1a(&[feature]) % BUCKETS))
            .collect();
        format!(
            "{{\"about\": \"test model\", \"bigrams\": {bigrams}, \"buckets\": {BUCKETS}, \
             \"bias\": {bias:?}, \"weights\": {{{}}}}}",
            weights.join(", ")
        )
    }

    /// A model that knows a handful of words: "shelled" weighs towards fighting,
    /// "talks" towards verbal cooperation, "imposed sanctions" (the pair) towards verbal
    /// conflict; without a known word the statement bias wins.
    fn tiny(bigrams: bool) -> QuadModel {
        let text = model_file(
            bigrams,
            [0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            &[
                ("shelled", [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0]),
                ("talks", [0.0, 2.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
                (
                    "imposed sanctions",
                    [0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 0.0, 0.0],
                ),
                ("held", [0.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5]),
            ],
        );
        QuadModel::parse(&text).expect("the tiny model is valid")
    }

    #[test]
    fn the_hash_is_64_bit_fnv_1a_as_the_training_script_computes_it() {
        assert_eq!(fnv1a(&[""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&["a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(&["foobar"]), 0x8594_4171_f739_67e8);
        assert_eq!(fnv1a(&["foo", "bar"]), fnv1a(&["foobar"]));
    }

    #[test]
    fn a_sentence_gets_the_class_its_words_weigh_towards() {
        let model = tiny(true);
        let cases = [
            (
                "Artillery units shelled the border villages overnight.",
                EventClass::Fighting,
            ),
            (
                "The two ministers held talks in Vienna.",
                EventClass::VerbalCooperation,
            ),
            (
                "Brussels imposed sanctions on three banks.",
                EventClass::VerbalConflict,
            ),
            ("Weather forecasters expect rain.", EventClass::Statement),
        ];
        for (sentence, class) in cases {
            assert_eq!(model.classify(sentence).class, class, "{sentence}");
        }
    }

    #[test]
    fn words_are_case_and_punctuation_blind_and_count_once() {
        let model = tiny(true);
        let once = model.classify("Troops shelled the town.");
        let shouting = model.classify("TROOPS SHELLED, SHELLED AND SHELLED THE TOWN!");
        assert_eq!(once, shouting);
    }

    #[test]
    fn the_probability_is_the_softmax_of_the_scores() {
        let model = tiny(true);
        // Scores 0.5, 0 (six times), 3: the winner's probability is e^3 / (e^0.5 + 6 + e^3).
        let p = model.classify("They shelled it.").probability;
        let expected = 3f64.exp() / (0.5f64.exp() + 6.0 + 3f64.exp());
        assert!((p - expected).abs() < 1e-12, "{p} vs {expected}");
        let p = model.classify("Nothing here.").probability;
        assert!(
            (p - 0.5f64.exp() / (0.5f64.exp() + 7.0)).abs() < 1e-12,
            "{p}"
        );
    }

    #[test]
    fn word_pairs_count_only_when_adjacent_and_when_the_file_enables_them() {
        let apart = tiny(true).classify("Brussels imposed new sanctions.");
        assert_eq!(apart.class, EventClass::Statement);
        let adjacent = tiny(false).classify("Brussels imposed sanctions.");
        assert_eq!(adjacent.class, EventClass::Statement);
    }

    #[test]
    fn a_malformed_file_is_refused_with_its_name_and_entry() {
        let short = model_file(true, [0.0; 8], &[])
            .replace("[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]", "[0.0]");
        let err = QuadModel::parse(&short).unwrap_err().to_string();
        assert!(
            err.contains("quad_class.json") && err.contains("bias"),
            "{err}"
        );
        let far =
            model_file(true, [0.0; 8], &[]).replace("{}", "{\"70000\": [1, 1, 1, 1, 1, 1, 1, 1]}");
        let err = QuadModel::parse(&far).unwrap_err().to_string();
        assert!(err.contains("70000"), "{err}");
        let err = QuadModel::parse("{\"bias\": [0]}").unwrap_err().to_string();
        assert!(err.contains("quad_class.json"), "{err}");
    }

    fn party(code: &str, country: Option<&str>, agent: Option<&str>, at: usize) -> Group {
        let actor = Actor {
            code: code.to_owned(),
            country: country.map(str::to_owned),
            agent: agent.map(str::to_owned),
            name: None,
        };
        Group {
            first: at,
            last: at + 1,
            members: vec![Member {
                actor,
                first: at,
                last: at + 1,
            }],
            anaphoric: false,
            locative: false,
            prepositional: false,
        }
    }

    #[test]
    fn a_guess_runs_from_the_first_party_to_the_next_other_party_with_the_class_code() {
        // "Russian artillery shelled Ukrainian positions": tokens 0-1 and 3-4.
        let sentence = "Russian artillery shelled Ukrainian positions";
        let mut source = party("RUSMIL", Some("RUS"), Some("MIL"), 0);
        source.last = 2;
        source.members[0].last = 2;
        let target = party("UKR", Some("UKR"), None, 3);
        let tokens = Tokens::new(sentence, 0);
        let (c, confidence) = tiny(true)
            .guess(&tokens, sentence, &[source, target])
            .expect("two parties and a confident class");
        assert_eq!(c.code, "190");
        assert_eq!(c.source.actor.code, "RUSMIL");
        assert_eq!(c.target.map(|t| t.actor.code), Some("UKR".to_owned()));
        assert_eq!(c.trigger, (2, 3), "the words between the parties");
        assert!(
            confidence > 0.0 && confidence <= CONFIDENCE_SCALE,
            "{confidence}"
        );
    }

    #[test]
    fn no_guess_without_two_parties_or_with_an_uncertain_class() {
        let model = tiny(true);
        let guess = |sentence: &str, groups: &[Group]| {
            model.guess(&Tokens::new(sentence, 0), sentence, groups)
        };
        let shelled = "Troops shelled the town";
        let alone = [party("SYRMIL", Some("SYR"), Some("MIL"), 0)];
        assert_eq!(guess(shelled, &alone), None);
        // A place is not a party.
        let mut place = party("LBN", Some("LBN"), None, 3);
        place.locative = true;
        let with_place = [alone[0].clone(), place];
        assert_eq!(guess(shelled, &with_place), None);
        // A state and its own army are one side.
        let same_side = [alone[0].clone(), party("SYR", Some("SYR"), None, 3)];
        assert_eq!(guess(shelled, &same_side), None);
        // Two parties, but no word the model knows: every class is about as likely.
        let parties = [alone[0].clone(), party("TUR", Some("TUR"), None, 3)];
        assert_eq!(guess("Rain fell", &parties), None);
        assert!(guess(shelled, &parties).is_some());
    }

    #[test]
    fn no_guess_where_the_event_may_not_have_happened() {
        let model = tiny(true);
        let parties = [
            party("SYRMIL", Some("SYR"), Some("MIL"), 0),
            party("TUR", Some("TUR"), None, 3),
        ];
        for sentence in [
            "Troops have not shelled the town",
            "Troops never shelled the town",
            "Troops didn't shell the town, they shelled the road",
            "Troops will have shelled the town",
            "If troops shelled the town, talks would end",
        ] {
            let tokens = Tokens::new(sentence, 0);
            assert_eq!(model.guess(&tokens, sentence, &parties), None, "{sentence}");
        }
    }

    #[test]
    fn a_match_score_is_told_from_years_and_ages() {
        assert!(has_a_score("Ghana beat Mali 2-1 in Accra on Sunday."));
        assert!(has_a_score("The hosts won 3:0."));
        assert!(!has_a_score("in the 2015-16 budget"));
        assert!(!has_a_score("a 30-year-old soldier"));
        assert!(!has_a_score("Troops shelled the town."));
    }

    #[test]
    fn the_embedded_model_reads_conflict_and_cooperation_apart() {
        let model = QuadModel::embedded().expect("the embedded model is valid");
        let fight = model.classify("Rebels attacked an army base, killing twelve soldiers.");
        assert!(
            matches!(fight.class, EventClass::Assault | EventClass::Fighting),
            "{fight:?}"
        );
        let talk = model.classify("The foreign ministers met in Geneva to discuss trade.");
        assert_eq!(talk.class, EventClass::VerbalCooperation);
    }
}
