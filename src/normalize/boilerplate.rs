//! Boilerplate removal: navigation, menus, share and cookie lines, copyright footers and
//! related-article lists, by rules that are data (`config/normalize/boilerplate.toml`).
//!
//! Two kinds of rule. Phrase rules look at one short line: whole-line phrases, leading
//! phrases, contained phrases, regular expressions. Structural rules look at neighbours: a run
//! of menu-looking lines (short, not ending a sentence), a run of numbered ones, a list heading
//! with the titles under it. A story paragraph ends a sentence or is long, so neither kind
//! touches it; a lone sub-heading is short but alone, so it stays.

use std::collections::{BTreeMap, HashSet};

use aho_corasick::AhoCorasick;
use regex::RegexSet;
use serde::Deserialize;

use super::text::fold_for_matching;

/// The built-in rules, `config/normalize/boilerplate.toml`.
pub const BUILTIN_RULES: &str = include_str!("../../config/normalize/boilerplate.toml");

/// The rule file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Thresholds of the structural rules.
    pub limits: Limits,
    /// Whole lines that are furniture.
    pub lines: Vec<String>,
    /// Leading phrases of furniture lines.
    pub prefixes: Vec<String>,
    /// Phrases that make a short line furniture wherever they occur in it.
    pub contains: Vec<String>,
    /// Regular expressions over the whole folded line.
    pub patterns: Vec<String>,
    /// Regular expressions over the line as written.
    pub written_patterns: Vec<String>,
    /// Headings of related-article lists.
    pub list_headings: Vec<String>,
    /// Wire agencies: canonical name -> other spellings.
    pub agencies: BTreeMap<String, Vec<String>>,
}

/// Thresholds of the rules (see the rule file for what each means).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Longest line, in words, a phrase rule may drop.
    pub phrase_max_words: usize,
    /// Longest menu item, in words.
    pub menu_item_max_words: usize,
    /// Shortest run of menu-looking lines that is a menu.
    pub menu_min_run: usize,
    /// Shortest run of numbered menu-looking lines that is a menu.
    pub numbered_min_run: usize,
    /// Longest linked title under a list heading, in words.
    pub list_item_max_words: usize,
}

impl RuleFile {
    /// Parses a rule file.
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| format!("invalid boilerplate rules: {e}"))
    }
}

/// The compiled boilerplate rules.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    limits: Limits,
    lines: HashSet<String>,
    prefixes: Vec<String>,
    contains: AhoCorasick,
    patterns: RegexSet,
    written_patterns: RegexSet,
    headings: HashSet<String>,
}

/// What the rules know of one line.
struct LineFacts {
    /// Words, counted up to one past the longest line any rule looks at.
    words: usize,
    /// The folded, end-trimmed line; only for lines short enough for any rule.
    folded: Option<String>,
    ends_sentence: bool,
    protected: bool,
}

impl Boilerplate {
    /// Compiles the rules of a rule file.
    pub fn compile(file: &RuleFile) -> Result<Self, String> {
        let fold = |v: &[String]| -> Vec<String> {
            v.iter().map(|s| fold_for_matching(s.trim())).collect()
        };
        let contains = AhoCorasick::new(fold(&file.contains))
            .map_err(|e| format!("invalid boilerplate `contains` phrases: {e}"))?;
        let patterns = RegexSet::new(&file.patterns)
            .map_err(|e| format!("invalid boilerplate pattern: {e}"))?;
        let written_patterns = RegexSet::new(&file.written_patterns)
            .map_err(|e| format!("invalid boilerplate written pattern: {e}"))?;
        let l = file.limits;
        if l.menu_min_run < 2 || l.numbered_min_run < 2 {
            return Err("boilerplate limits: menu runs must be at least 2 lines".into());
        }
        Ok(Self {
            limits: l,
            lines: fold(&file.lines).into_iter().collect(),
            prefixes: fold(&file.prefixes),
            contains,
            patterns,
            written_patterns,
            headings: fold(&file.list_headings).into_iter().collect(),
        })
    }

    /// Removes boilerplate paragraphs (one line each) in place. Lines for which `protect` is
    /// true (wire credits) are kept and end any run they are next to.
    pub fn strip(&self, paras: &mut Vec<String>, protect: impl Fn(&str) -> bool) {
        let facts: Vec<LineFacts> = paras.iter().map(|p| self.facts(p, &protect)).collect();
        let mut drop: Vec<bool> = facts
            .iter()
            .zip(paras.iter())
            .map(|(f, line)| {
                !f.protected
                    && f.folded.as_deref().is_some_and(|l| {
                        self.phrase(l, f)
                            || (f.words <= self.limits.phrase_max_words
                                && self.written_patterns.is_match(line))
                    })
            })
            .collect();
        self.drop_listed(&facts, &mut drop);
        let menu = |f: &LineFacts| {
            !f.protected && !f.ends_sentence && f.words <= self.limits.menu_item_max_words
        };
        drop_runs(&facts, &mut drop, self.limits.menu_min_run, |f| menu(f));
        drop_runs(&facts, &mut drop, self.limits.numbered_min_run, |f| {
            menu(f) && is_numbered(f)
        });
        let mut i = 0;
        paras.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }

    fn facts(&self, line: &str, protect: &impl Fn(&str) -> bool) -> LineFacts {
        let longest = self
            .limits
            .phrase_max_words
            .max(self.limits.list_item_max_words)
            .max(self.limits.menu_item_max_words);
        // Counting stops past the longest line any rule looks at: story paragraphs are long.
        let words = line
            .bytes()
            .filter(|&b| b == b' ')
            .take(longest + 1)
            .count()
            + 1;
        let folded = (words <= longest).then(|| {
            let f = fold_for_matching(line);
            f.trim_end_matches([' ', '.', ':', '!', '|', '-', '»', '›', '>', '•'])
                .to_owned()
        });
        LineFacts {
            words,
            folded,
            ends_sentence: ends_sentence(line),
            protected: protect(line),
        }
    }

    /// Whether a phrase rule drops the (folded) line.
    fn phrase(&self, line: &str, facts: &LineFacts) -> bool {
        if facts.words > self.limits.phrase_max_words {
            return false;
        }
        self.lines.contains(line)
            || self.prefixes.iter().any(|p| starts_with_phrase(line, p))
            || self.contains.is_match(line)
            || self.patterns.is_match(line)
            || is_pipe_menu(line)
    }

    /// Drops list headings and the linked titles under them.
    fn drop_listed(&self, facts: &[LineFacts], drop: &mut [bool]) {
        let mut in_list = false;
        for (i, f) in facts.iter().enumerate() {
            let heading = f
                .folded
                .as_deref()
                .is_some_and(|l| !f.protected && self.headings.contains(l));
            if drop[i] && !heading {
                continue;
            }
            if heading {
                drop[i] = true;
                in_list = true;
            } else if in_list
                && !f.protected
                && !f.ends_sentence
                && f.words <= self.limits.list_item_max_words
            {
                drop[i] = true;
            } else {
                in_list = false;
            }
        }
    }
}

/// Drops every maximal run of lines satisfying `is_item` that is at least `min_run` long.
/// Lines already dropped by a phrase rule count towards a run when they are items themselves
/// ("Home" in "Home / World / Sport") and are passed over otherwise.
fn drop_runs(
    facts: &[LineFacts],
    drop: &mut [bool],
    min_run: usize,
    is_item: impl Fn(&LineFacts) -> bool,
) {
    let mut run: Vec<usize> = Vec::new();
    for i in 0..=facts.len() {
        if i < facts.len() && drop[i] {
            if is_item(&facts[i]) {
                run.push(i);
            }
            continue;
        }
        if i < facts.len() && is_item(&facts[i]) {
            run.push(i);
            continue;
        }
        if run.len() >= min_run {
            for &j in &run {
                drop[j] = true;
            }
        }
        run.clear();
    }
}

/// "1. Home", "12) Sport".
fn is_numbered(f: &LineFacts) -> bool {
    let Some(line) = f.folded.as_deref() else {
        return false;
    };
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
        && line.as_bytes().get(digits + 1) == Some(&b' ')
}

/// "Home | World | Business", "English · Deutsch · Español": three or more short parts.
fn is_pipe_menu(line: &str) -> bool {
    let parts: Vec<&str> = line.split(['|', '•', '·']).collect();
    parts.len() >= 3 && parts.iter().all(|p| p.split_whitespace().count() <= 3)
}

fn starts_with_phrase(line: &str, phrase: &str) -> bool {
    line.starts_with(phrase)
        && (phrase.ends_with(|c: char| !c.is_alphanumeric())
            || !line[phrase.len()..].starts_with(char::is_alphanumeric))
}

/// Whether a line ends as a sentence does (closing quotes and brackets aside).
pub fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' '])
        .ends_with(['.', '!', '?', '…', ':', ';'])
}
