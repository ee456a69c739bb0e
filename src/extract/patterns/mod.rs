//! Event patterns: verb phrases and nominal triggers compiled into one leftmost-longest automaton
//! of anchor words (the first word of every phrase), with the rest of each phrase matched over
//! the tokens that follow.
//!
//! Phrase syntax (patterns.toml): words separated by spaces; `agree+` is a verb with its
//! inflections; `a|b` is either word and `a_b|c` either "a b" or "c"; `[a|b]` is optional; `*`
//! skips up to 5 tokens, `**` up to 12; `@` is an actor mention (or a compound of them) that
//! becomes the target.

mod required;
mod steps;
mod syntax;

use super::cameo::{CameoCode, CameoTable, Shift};
use super::dictionary::PatternsFile;
use super::sentence::Sentence;
use super::tokens::Tokens;
use super::DictionaryError;

use required::{may_match, required_words};
use steps::{match_steps, steps, Step, Vocab};
use syntax::{compile, Pattern};

pub use steps::WordIds;

/// The file the phrases come from, for error messages.
const FILE: &str = "patterns.toml";

/// What a matched pattern does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Codes an event.
    Event {
        /// CAMEO code.
        code: CameoCode,
        /// Whether a compound subject acts in both directions.
        reciprocal: bool,
        /// Whether it is a bare statement.
        statement: bool,
        /// Whether it codes only for a compound acting reciprocally.
        compound_only: bool,
    },
    /// Shifts the code of the event trigger that follows.
    Marker {
        /// The shift.
        shift: Shift,
        /// Code when no event trigger follows.
        fallback: Option<CameoCode>,
        /// Whether a compound subject acts in both directions.
        reciprocal: bool,
    },
}

/// A pattern matched in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// First token of the trigger.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// What it does.
    pub action: Action,
    /// The `@` slot's tokens, if the pattern has one.
    pub slot: Option<(usize, usize)>,
    /// Number of words and actor slots in the phrase: more is a stronger match.
    pub specificity: usize,
}

/// A match before selection: its action is borrowed, most candidates are dropped.
#[derive(Debug, Clone, Copy)]
struct Candidate<'p> {
    first: usize,
    last: usize,
    action: &'p Action,
    slot: Option<(usize, usize)>,
    specificity: usize,
}

/// The compiled patterns.
#[derive(Debug, Clone)]
pub struct Patterns {
    vocab: Vocab,
    /// The phrases as matched, parallel to `patterns`.
    steps: Vec<Vec<Step>>,
    /// For each word id, the patterns whose phrase starts with that word (the anchors).
    by_anchor: Vec<Vec<usize>>,
    /// The words each phrase needs besides its anchor, parallel to `patterns`.
    required: Vec<Vec<Vec<u32>>>,
    patterns: Vec<Pattern>,
    /// Negation words.
    pub negations: Vec<String>,
    /// Hedge words.
    pub hedges: Vec<String>,
    /// Reporting verbs.
    pub reporting: Vec<String>,
}

impl Patterns {
    /// Validates and compiles `patterns.toml` against the CAMEO table.
    pub fn new(file: &PatternsFile, cameo: &CameoTable) -> Result<Self, DictionaryError> {
        let mut patterns = event_patterns(file, cameo)?;
        patterns.extend(marker_patterns(file, cameo)?);
        let mut vocab = Vocab::default();
        let steps: Vec<Vec<Step>> = patterns
            .iter()
            .map(|p| steps(&p.elems, &mut vocab))
            .collect();
        let by_anchor = index_anchors(&steps, vocab.len());
        let required = steps.iter().map(|s| required_words(s)).collect();
        let lower = |v: &Vec<String>| v.iter().map(|w| w.to_ascii_lowercase()).collect();
        Ok(Self {
            vocab,
            steps,
            by_anchor,
            required,
            patterns,
            negations: lower(&file.negations),
            hedges: lower(&file.hedges),
            reporting: lower(&file.reporting),
        })
    }

    /// Number of compiled phrases.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// The distinct event codes the patterns can produce.
    pub fn codes(&self) -> Vec<CameoCode> {
        let mut codes: Vec<CameoCode> = self
            .patterns
            .iter()
            .filter_map(|p| match &p.action {
                Action::Event { code, .. } => Some(*code),
                Action::Marker { .. } => None,
            })
            .collect();
        codes.sort();
        codes.dedup();
        codes
    }

    /// The pattern-word ids of a sentence's tokens, looked up once for [`Patterns::any_anchor`]
    /// and [`Patterns::find`].
    pub fn words(&self, tokens: &Tokens) -> WordIds {
        self.vocab.lookup(tokens)
    }

    /// Every match in the sentence, events and markers each without overlaps, in text order.
    /// An `@` slot stands where one of the sentence's actor groups starts.
    pub fn find(&self, sentence: &Sentence<'_>) -> Vec<Match> {
        let (tokens, words) = (sentence.tokens, sentence.words);
        let mut found = Vec::new();
        for (first, &w) in words.ids().iter().enumerate() {
            if glued_participle(tokens, first) {
                continue;
            }
            for &pi in self
                .by_anchor
                .get(w as usize)
                .map_or(&[][..], Vec::as_slice)
            {
                if !may_match(&self.required[pi], words.present()) {
                    continue;
                }
                let mut slot = None;
                let Some((end, n)) = match_steps(&self.steps[pi], sentence, first, &mut slot)
                else {
                    continue;
                };
                let p = &self.patterns[pi];
                found.push(Candidate {
                    first,
                    last: end,
                    action: &p.action,
                    slot,
                    specificity: n.max(p.specificity),
                });
            }
        }
        select(found)
            .into_iter()
            .map(|c| Match {
                first: c.first,
                last: c.last,
                action: c.action.clone(),
                slot: c.slot,
                specificity: c.specificity,
            })
            .collect()
    }

    /// Whether token `k` is a reporting verb ("said", "told", "according").
    pub fn is_reporting(&self, tokens: &Tokens, k: usize) -> bool {
        self.reporting.iter().any(|r| tokens.is(k, r))
    }

    /// Whether any trigger word occurs in the sentence: a cheap test before recognition.
    pub fn any_anchor(&self, words: &WordIds) -> bool {
        words.ids().iter().any(|&w| {
            self.by_anchor
                .get(w as usize)
                .is_some_and(|p| !p.is_empty())
        })
    }
}

/// Prefixes that make a hyphenated verb of their own ("re-opened", "co-hosted").
const VERB_PREFIXES: &[&str] = &[
    "re", "co", "pre", "counter", "over", "under", "out", "cross",
];

/// Whether the token at `k` is a past participle glued to the word before it, a compound
/// adjective ("Iranian-backed militias", "nuclear-armed states", "UN-brokered truce"), or after
/// "internationally": it describes a noun and reports no event.
fn glued_participle(tokens: &Tokens, k: usize) -> bool {
    let participle = tokens.text(k).ends_with("ed");
    let glued = k >= 2 && tokens.is(k - 1, "-") && !tokens.is_any(k - 2, VERB_PREFIXES);
    // "the internationally recognised government" describes it the same way.
    let described = k >= 1 && tokens.is(k - 1, "internationally");
    participle && (glued || described)
}

/// The phrases of every `[[event]]` entry, its code checked against the CAMEO table.
fn event_patterns(
    file: &PatternsFile,
    cameo: &CameoTable,
) -> Result<Vec<Pattern>, DictionaryError> {
    let mut patterns = Vec::new();
    for e in &file.event {
        let code = table_code(&e.code, cameo, "code is not in cameo.toml")?;
        let action = Action::Event {
            code,
            reciprocal: e.reciprocal || e.compound_only,
            statement: e.statement,
            compound_only: e.compound_only,
        };
        for phrase in &e.phrases {
            patterns.push(compile(phrase, action.clone(), &file.verbs, &e.code)?);
        }
    }
    Ok(patterns)
}

/// The phrases of every `[[marker]]` entry, its kind and fallback code checked.
fn marker_patterns(
    file: &PatternsFile,
    cameo: &CameoTable,
) -> Result<Vec<Pattern>, DictionaryError> {
    let mut patterns = Vec::new();
    for m in &file.marker {
        let shift = marker_shift(&m.kind)?;
        let fallback = m
            .fallback
            .as_deref()
            .map(|c| table_code(c, cameo, "marker fallback is not in cameo.toml"))
            .transpose()?;
        let action = Action::Marker {
            shift,
            fallback,
            reciprocal: m.reciprocal,
        };
        for phrase in &m.phrases {
            patterns.push(compile(phrase, action.clone(), &file.verbs, &m.kind)?);
        }
    }
    Ok(patterns)
}

/// The code `text` names, checked to be a code and in the CAMEO table (else `missing`).
fn table_code(text: &str, cameo: &CameoTable, missing: &str) -> Result<CameoCode, DictionaryError> {
    let code =
        CameoCode::parse(text).map_err(|e| DictionaryError::invalid(FILE, text, e.to_string()))?;
    if !cameo.contains(code) {
        return Err(DictionaryError::invalid(FILE, text, missing));
    }
    Ok(code)
}

/// The shift a marker kind names.
fn marker_shift(kind: &str) -> Result<Shift, DictionaryError> {
    Shift::named(kind).ok_or_else(|| {
        DictionaryError::invalid(
            FILE,
            kind,
            "marker kind must be intent, refuse, threaten, appeal, demand, consider or claim",
        )
    })
}

/// For each of `words` word ids, the patterns whose first slot can start with it, in pattern
/// order.
fn index_anchors(steps: &[Vec<Step>], words: usize) -> Vec<Vec<usize>> {
    let mut by_anchor: Vec<Vec<usize>> = vec![Vec::new(); words];
    for (i, p) in steps.iter().enumerate() {
        let Some(Step::Words(alts)) = p.first() else {
            continue;
        };
        let mut firsts: Vec<u32> = alts.iter().filter_map(|a| a.first().copied()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        for w in firsts {
            by_anchor[w as usize].push(i);
        }
    }
    by_anchor
}

/// Keeps the best non-overlapping matches of each kind: the most specific, then the longest,
/// then the earliest.
fn select(mut found: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    found.sort_by(|a, b| {
        b.specificity
            .cmp(&a.specificity)
            .then((b.last - b.first).cmp(&(a.last - a.first)))
            .then(a.first.cmp(&b.first))
    });
    let mut kept: Vec<Candidate<'_>> = Vec::new();
    for m in found {
        let is_marker = matches!(m.action, Action::Marker { .. });
        let clash = kept.iter().any(|k| {
            let overlap = k.first < m.last && m.first < k.last;
            let kept_marker = matches!(k.action, Action::Marker { .. });
            let same_kind = kept_marker == is_marker;
            // A marker gives way to an event that starts with or before it; an event inside a
            // stronger marker ("refused" in "refused to") is part of that marker.
            let inside_marker = kept_marker && k.first <= m.first && m.last <= k.last;
            overlap && (same_kind || (is_marker && k.first <= m.first) || inside_marker)
        });
        if !clash {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.first);
    kept
}
