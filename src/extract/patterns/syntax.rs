//! The phrase syntax of patterns.toml: a phrase becomes a sequence of elements (words with
//! their alternatives and inflections, optional words, gaps, actor slots).

use std::collections::BTreeMap;

use crate::extract::tokens::normalize_phrase;
use crate::extract::DictionaryError;

use super::{Action, FILE};

/// One element of a compiled phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Elem {
    /// Alternatives, each a sequence of lower-case tokens.
    Words(Vec<Vec<String>>),
    /// Optional alternatives.
    Optional(Vec<Vec<String>>),
    /// Up to this many tokens.
    Gap(usize),
    /// An actor group, the target.
    Actor,
}

/// A compiled phrase and what it does.
#[derive(Debug, Clone)]
pub(super) struct Pattern {
    pub(super) elems: Vec<Elem>,
    pub(super) action: Action,
    pub(super) specificity: usize,
}

/// Compiles one phrase of the entry `entry` (a code or marker kind, for error messages).
pub(super) fn compile(
    phrase: &str,
    action: Action,
    verbs: &BTreeMap<String, Vec<String>>,
    entry: &str,
) -> Result<Pattern, DictionaryError> {
    let bad = |reason: &str| {
        DictionaryError::invalid(FILE, entry, format!("phrase {phrase:?}: {reason}"))
    };
    let mut elems = Vec::new();
    for item in phrase.split_whitespace() {
        match item {
            "*" => elems.push(Elem::Gap(5)),
            "**" => elems.push(Elem::Gap(12)),
            "@" => elems.push(Elem::Actor),
            _ if item.starts_with('[') && item.ends_with(']') && item.len() > 2 => {
                elems.push(Elem::Optional(
                    alternatives(&item[1..item.len() - 1], verbs).map_err(|r| bad(&r))?,
                ));
            }
            _ => elems.push(Elem::Words(alternatives(item, verbs).map_err(|r| bad(&r))?)),
        }
    }
    if !matches!(elems.first(), Some(Elem::Words(_))) {
        return Err(bad("must start with a word"));
    }
    if elems
        .windows(2)
        .any(|w| matches!(w, [Elem::Gap(_), Elem::Gap(_) | Elem::Optional(_)]))
    {
        return Err(bad("a gap must be followed by a word or @"));
    }
    if matches!(elems.last(), Some(Elem::Gap(_) | Elem::Optional(_))) {
        return Err(bad("must not end with a gap or an optional word"));
    }
    // Specificity: the words every match must contain (the shortest alternative of each slot).
    let specificity = elems
        .iter()
        .map(|e| match e {
            Elem::Words(alts) => alts.iter().map(Vec::len).min().unwrap_or(1),
            Elem::Actor => 1,
            _ => 0,
        })
        .sum();
    Ok(Pattern {
        elems,
        action,
        specificity,
    })
}

/// The alternatives of one slot, each a sequence of lower-case tokens; longer ones first, so
/// "air defence" is tried before "air".
fn alternatives(
    item: &str,
    verbs: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<Vec<String>>, String> {
    let mut out = Vec::new();
    for alt in item.split('|') {
        let (words, is_verb) = match alt.strip_suffix('+') {
            Some(w) => (w, true),
            None => (alt, false),
        };
        let norm = normalize_phrase(&words.replace('_', " ")).to_ascii_lowercase();
        let mut tokens: Vec<String> = norm
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let Some(last) = tokens.pop() else {
            return Err(format!("{alt:?} is empty"));
        };
        let forms = if is_verb {
            inflections(&last, verbs)
        } else {
            vec![last]
        };
        for form in forms {
            let mut seq = tokens.clone();
            seq.push(form);
            out.push(seq);
        }
    }
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out.dedup();
    Ok(out)
}

/// The lemma, its regular inflections, and any forms listed under `[verbs]`.
pub fn inflections(lemma: &str, verbs: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let bytes = lemma.as_bytes();
    let consonant_y = bytes.len() > 1
        && bytes[bytes.len() - 1] == b'y'
        && !matches!(bytes[bytes.len() - 2], b'a' | b'e' | b'o' | b'u');
    let stem = if consonant_y {
        &lemma[..lemma.len() - 1]
    } else {
        lemma
    };
    let s_form = if ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|e| lemma.ends_with(e))
    {
        format!("{lemma}es")
    } else if consonant_y {
        format!("{stem}ies")
    } else {
        format!("{lemma}s")
    };
    let past = if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if consonant_y {
        format!("{stem}ied")
    } else {
        format!("{lemma}ed")
    };
    let ing = if let Some(stem) = lemma.strip_suffix("ie") {
        format!("{stem}ying")
    } else if lemma.ends_with('e') && !lemma.ends_with("ee") && lemma.len() > 2 {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ing")
    };
    let mut out = vec![lemma.to_owned(), s_form, past, ing];
    if let Some(extra) = verbs.get(lemma) {
        out.extend(extra.iter().map(|f| f.to_ascii_lowercase()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflection_cases() {
        let verbs = BTreeMap::from([("meet".to_owned(), vec!["met".to_owned()])]);
        let cases: &[(&str, &[&str])] = &[
            ("agree", &["agree", "agrees", "agreed", "agreeing"]),
            ("accuse", &["accuse", "accuses", "accused", "accusing"]),
            ("deny", &["deny", "denies", "denied", "denying"]),
            ("pledge", &["pledge", "pledges", "pledged", "pledging"]),
            ("meet", &["meet", "meets", "meeted", "meeting", "met"]),
            ("reach", &["reach", "reaches", "reached", "reaching"]),
            ("play", &["play", "plays", "played", "playing"]),
        ];
        for (lemma, want) in cases {
            assert_eq!(inflections(lemma, &verbs), *want, "{lemma}");
        }
    }
}
