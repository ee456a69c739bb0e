//! Wire credits and datelines: "mkg/slk (Reuters, AFP, AP)" at the end, "MOSCOW (AP) -" at the
//! start; recorded and removed from the body.

use std::collections::{BTreeMap, HashMap};

use regex::Regex;

use super::boilerplate::ends_sentence;

/// What one wire pass changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireChange {
    /// Nothing found.
    None,
    /// Only whole paragraphs were removed (a credit line, a paragraph that was only a dateline).
    Removed,
    /// A paragraph's text was shortened: what is left of it must be looked at again.
    Edited,
}

/// What the wire stage found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WireFacts {
    /// The dateline's place, as written ("MOSCOW").
    pub dateline: Option<String>,
    /// Credited agencies by canonical name, in order of first mention.
    pub sources: Vec<String>,
}

/// The compiled wire rules.
#[derive(Debug, Clone)]
pub struct Wire {
    /// Lower-case spelling -> canonical name.
    names: HashMap<String, String>,
    dateline: Regex,
}

/// "CITY[, date] [(Agency)] - " or "(Agency) - " at the start of the first paragraph.
const DATELINE: &str = r"^(?:(?P<city>\p{Lu}[\p{L}.'’]*(?:[ -]\p{Lu}[\p{L}.'’]*){0,3})(?:,[^()\-–—]{1,30}?)?\s*)?(?:\((?P<agency>[^()]{2,60})\))?\s*(?:--?|–|—)\s+";

impl Wire {
    /// Builds the agency table: canonical name -> other spellings.
    pub fn new(agencies: &BTreeMap<String, Vec<String>>) -> Result<Self, String> {
        let mut names = HashMap::new();
        for (name, aliases) in agencies {
            names.insert(name.to_lowercase(), name.clone());
            for alias in aliases {
                names.insert(alias.trim().to_lowercase(), name.clone());
            }
        }
        let dateline = Regex::new(DATELINE).map_err(|e| e.to_string())?;
        Ok(Self { names, dateline })
    }

    /// Records (in `facts`) and removes the dateline of the first paragraph and the credits of
    /// the last, and says what changed. The first dateline found is the one kept; agencies
    /// accumulate in order of first mention.
    pub fn strip(&self, paras: &mut Vec<String>, facts: &mut WireFacts) -> WireChange {
        let mut found = Vec::new();
        let mut change = WireChange::None;
        if let Some(first) = paras.first_mut() {
            if let Some((dateline, agencies, rest)) = self.dateline(first) {
                facts.dateline = facts.dateline.take().or(dateline);
                found.extend(agencies);
                change = edit(change, &rest);
                *first = rest;
            }
        }
        if let Some(last) = paras.last_mut() {
            if let Some((agencies, rest)) = self.credits(last) {
                found.extend(agencies);
                change = edit(change, &rest);
                *last = rest;
            }
        }
        for a in found {
            if !facts.sources.contains(&a) {
                facts.sources.push(a);
            }
        }
        paras.retain(|p| !p.is_empty());
        change
    }

    /// Whether a whole line is a credit line ("mkg/slk (Reuters, AFP, AP)", "(AFP)").
    pub fn is_credit_line(&self, line: &str) -> bool {
        self.credits(line).is_some_and(|(_, rest)| rest.is_empty())
    }

    /// Credits at the end of a paragraph: the agencies and the paragraph without them. The
    /// credits either are the whole paragraph or follow the end of a sentence.
    fn credits(&self, para: &str) -> Option<(Vec<String>, String)> {
        let body = para.trim_end().strip_suffix(')')?;
        let open = body.rfind('(')?;
        let agencies = self.agencies(&body[open + 1..])?;
        let mut before = body[..open].trim_end();
        if let Some((head, initials)) = before.rsplit_once(' ').or(Some(("", before))) {
            if is_initials(initials) {
                before = head.trim_end();
            }
        }
        (before.is_empty() || ends_sentence(before)).then(|| (agencies, before.to_owned()))
    }

    /// A dateline at the start of a paragraph: place, agencies and the rest of the paragraph.
    /// Without an agency the place must be in capitals ("MOSCOW -"), so that a sentence that
    /// opens with a name and a dash is never mistaken for one.
    fn dateline(&self, para: &str) -> Option<(Option<String>, Vec<String>, String)> {
        let caps = self.dateline.captures(para)?;
        let city = caps.name("city").map(|m| m.as_str().trim().to_owned());
        let agencies = match caps.name("agency") {
            Some(a) => self.agencies(a.as_str())?,
            None => {
                let c = city.as_deref()?;
                let letters = c.chars().filter(|c| c.is_alphabetic()).count();
                if letters < 3 || c.chars().any(char::is_lowercase) {
                    return None;
                }
                Vec::new()
            }
        };
        let rest = para[caps.get(0)?.end()..].to_owned();
        Some((city, agencies, rest))
    }

    /// The agencies of a credit list ("Reuters, AFP, AP", "dpa/AFP", "AP and Reuters"), if
    /// every item is a known agency.
    fn agencies(&self, list: &str) -> Option<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        for item in list
            .split([',', '/', ';', '&'])
            .flat_map(|s| s.split(" and "))
        {
            let item = item.trim().to_lowercase();
            if item.is_empty() {
                continue;
            }
            let name = self.names.get(&item)?;
            if !out.contains(name) {
                out.push(name.clone());
            }
        }
        (!out.is_empty()).then_some(out)
    }
}

/// The change so far, given that a paragraph became `rest`.
fn edit(change: WireChange, rest: &str) -> WireChange {
    match (change, rest.is_empty()) {
        (WireChange::Edited, _) | (_, false) => WireChange::Edited,
        (_, true) => WireChange::Removed,
    }
}

/// Editors' initials before a credit: "mkg/slk", "jr", "AW/AS".
fn is_initials(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 24
        && s.split('/')
            .all(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()))
        && (s.contains('/') || s.bytes().all(|b| b.is_ascii_lowercase()))
}
