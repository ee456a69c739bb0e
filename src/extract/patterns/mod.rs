//! Event patterns: verb phrases and nominal triggers compiled into one leftmost-longest automaton
//! of anchor words (the first word of every phrase), with the rest of each phrase matched over
//! the tokens that follow.
//!
//! Phrase syntax (patterns.toml): words separated by spaces; `agree+` is a verb with its
//! inflections; `a|b` is either word and `a_b|c` either "a b" or "c"; `[a|b]` is optional; `*`
//! skips up to 5 tokens, `**` up to 12; `@` is an actor mention (or a compound of them) that
//! becomes the target.

mod syntax;

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::cameo::{CameoTable, Shift};
use super::dictionary::PatternsFile;
use super::tokens::Tokens;
use super::DictionaryError;

use syntax::{compile, Elem, Pattern};

/// The file the phrases come from, for error messages.
const FILE: &str = "patterns.toml";

/// Tokens a gap may not cross.
const GAP_STOPS: &[&str] = &[";", ":", ".", "\"", "(", ")", "?", "!"];

/// What a matched pattern does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Codes an event.
    Event {
        /// CAMEO code.
        code: String,
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
        fallback: Option<String>,
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

/// The compiled patterns.
#[derive(Debug, Clone)]
pub struct Patterns {
    anchors: AhoCorasick,
    by_anchor: Vec<Vec<usize>>,
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
        let mut patterns = Vec::new();
        for e in &file.event {
            if !cameo.contains(&e.code) {
                return Err(DictionaryError::invalid(
                    FILE,
                    &e.code,
                    "code is not in cameo.toml",
                ));
            }
            let action = Action::Event {
                code: e.code.clone(),
                reciprocal: e.reciprocal || e.compound_only,
                statement: e.statement,
                compound_only: e.compound_only,
            };
            for phrase in &e.phrases {
                patterns.push(compile(phrase, action.clone(), &file.verbs, &e.code)?);
            }
        }
        for m in &file.marker {
            let shift = match m.kind.as_str() {
                "intent" => Shift::Intent,
                "refuse" => Shift::Refuse,
                "threaten" => Shift::Threaten,
                "appeal" => Shift::Appeal,
                "demand" => Shift::Demand,
                other => {
                    return Err(DictionaryError::invalid(
                        FILE,
                        other,
                        "marker kind must be intent, refuse, threaten, appeal or demand",
                    ))
                }
            };
            if let Some(code) = m.fallback.as_ref().filter(|c| !cameo.contains(c)) {
                return Err(DictionaryError::invalid(
                    FILE,
                    code,
                    "marker fallback is not in cameo.toml",
                ));
            }
            let action = Action::Marker {
                shift,
                fallback: m.fallback.clone(),
                reciprocal: m.reciprocal,
            };
            for phrase in &m.phrases {
                patterns.push(compile(phrase, action.clone(), &file.verbs, &m.kind)?);
            }
        }
        let mut anchor_ids: HashMap<String, usize> = HashMap::new();
        let mut by_anchor: Vec<Vec<usize>> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let Some(Elem::Words(alts)) = p.elems.first() else {
                continue;
            };
            let mut firsts: Vec<&String> = alts.iter().filter_map(|a| a.first()).collect();
            firsts.sort();
            firsts.dedup();
            for w in firsts {
                let next = anchor_ids.len();
                let id = *anchor_ids.entry(w.clone()).or_insert(next);
                if id == by_anchor.len() {
                    by_anchor.push(Vec::new());
                }
                by_anchor[id].push(i);
            }
        }
        let mut forms: Vec<(&String, &usize)> = anchor_ids.iter().collect();
        forms.sort_by_key(|(_, id)| **id);
        let anchors = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(forms.iter().map(|(w, _)| w.as_str()))
            .map_err(|e| DictionaryError::Compile {
                what: "pattern anchors".into(),
                message: e.to_string(),
            })?;
        let lower = |v: &Vec<String>| v.iter().map(|w| w.to_ascii_lowercase()).collect();
        Ok(Self {
            anchors,
            by_anchor,
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
    pub fn codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .patterns
            .iter()
            .filter_map(|p| match &p.action {
                Action::Event { code, .. } => Some(code.clone()),
                Action::Marker { .. } => None,
            })
            .collect();
        codes.sort();
        codes.dedup();
        codes
    }

    /// Every match in the sentence, events and markers each without overlaps, in text order.
    /// `actor_end[i]` is the end of the actor group starting at token `i`, if any.
    pub fn find(&self, tokens: &Tokens, actor_end: &[Option<usize>]) -> Vec<Match> {
        self.find_matches(tokens, actor_end)
    }

    /// Whether any trigger word occurs in the sentence: a cheap test before recognition.
    pub fn any_anchor(&self, tokens: &Tokens) -> bool {
        self.anchors
            .find_iter(&tokens.joined)
            .any(|m| tokens.token_range(m.start(), m.end()).is_some())
    }

    fn find_matches(&self, tokens: &Tokens, actor_end: &[Option<usize>]) -> Vec<Match> {
        let mut found = Vec::new();
        for m in self.anchors.find_iter(&tokens.joined) {
            let Some((first, last)) = tokens.token_range(m.start(), m.end()) else {
                continue;
            };
            if last != first + 1 {
                continue;
            }
            for &pi in &self.by_anchor[m.pattern().as_usize()] {
                let p = &self.patterns[pi];
                let mut slot = None;
                if let Some((end, words)) =
                    match_elems(&p.elems, tokens, actor_end, first, &mut slot)
                {
                    let specificity = words.max(p.specificity);
                    found.push(Match {
                        first,
                        last: end,
                        action: p.action.clone(),
                        slot,
                        specificity,
                    });
                }
            }
        }
        select(found)
    }
}

/// Keeps the best non-overlapping matches of each kind: the most specific, then the longest,
/// then the earliest.
fn select(mut found: Vec<Match>) -> Vec<Match> {
    found.sort_by(|a, b| {
        b.specificity
            .cmp(&a.specificity)
            .then((b.last - b.first).cmp(&(a.last - a.first)))
            .then(a.first.cmp(&b.first))
    });
    let mut kept: Vec<Match> = Vec::new();
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

/// Matches `elems` from token `at`: the end of the match and the number of words and actor
/// tokens it matched (its strength).
fn match_elems(
    elems: &[Elem],
    tokens: &Tokens,
    actor_end: &[Option<usize>],
    at: usize,
    slot: &mut Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let Some((elem, rest)) = elems.split_first() else {
        return Some((at, 0));
    };
    let plus = |r: Option<(usize, usize)>, n: usize| r.map(|(end, w)| (end, w + n));
    match elem {
        Elem::Words(alts) => alts
            .iter()
            .filter(|alt| phrase_at(tokens, at, alt))
            .find_map(|alt| {
                plus(
                    match_elems(rest, tokens, actor_end, at + alt.len(), slot),
                    alt.len(),
                )
            }),
        Elem::Optional(alts) => alts
            .iter()
            .filter(|alt| phrase_at(tokens, at, alt))
            .find_map(|alt| {
                plus(
                    match_elems(rest, tokens, actor_end, at + alt.len(), slot),
                    alt.len(),
                )
            })
            .or_else(|| match_elems(rest, tokens, actor_end, at, slot)),
        Elem::Gap(max) => {
            for skip in 0..=*max {
                let k = at + skip;
                if k > tokens.len()
                    || (skip > 0
                        && !tokens.tokens[k - 1].is_word
                        && tokens.is_any(k - 1, GAP_STOPS))
                {
                    break;
                }
                if let Some(r) = match_elems(rest, tokens, actor_end, k, slot) {
                    return Some(r);
                }
            }
            None
        }
        Elem::Actor => {
            let direct = actor_end.get(at).copied().flatten();
            let (start, end) = match direct {
                Some(end) => (at, end),
                None if tokens.is(at, "the") => (at + 1, actor_end.get(at + 1).copied().flatten()?),
                None => return None,
            };
            // Names the dictionaries do not know may follow the actor ("accused U.S. journalist
            // Evan Gershkovich of", "accused China's Huawei of").
            let mut after = end;
            if tokens.is(after, "'s") {
                after += 1;
            }
            let mut names = after;
            while names < tokens.len()
                && names < after + 3
                && tokens.text(names).starts_with(char::is_uppercase)
            {
                names += 1;
            }
            let resume = if names > after { names } else { end };
            let r = match_elems(rest, tokens, actor_end, resume, slot);
            if r.is_some() {
                *slot = Some((start, end));
            }
            plus(r, 1)
        }
    }
}

/// Whether the words of `alt` stand at token `at`.
fn phrase_at(tokens: &Tokens, at: usize, alt: &[String]) -> bool {
    at + alt.len() <= tokens.len() && alt.iter().enumerate().all(|(k, w)| tokens.is(at + k, w))
}
