//! Title: site prefixes and suffixes stripped, and what they carry kept.
//!
//! "Title | Section | Site | 02.11.2013" and "Site | Title": segments split on strong separators
//! (`|`, `::`, `•`, `·`) always. Dash separators (" - ", " – ", " — ") are common inside
//! headlines, so a dash segment is only split off when it is a date or names the known source.
//! The longest segment is the title; the last other segment after it (or else the first before
//! it) is the site; dates are kept as a fallback publication date; the rest are sections.

use super::dates::{parse_date, DateOrder, ParsedDate};
use super::text::{fold_for_matching, paragraphs};

const STRONG: &[&str] = &[" | ", " || ", " :: ", " • ", " · ", " » "];
const DASHES: &[&str] = &[" - ", " – ", " — ", " -- "];

/// A title taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleParts {
    /// The headline itself.
    pub title: String,
    /// The site named in a prefix or suffix ("DW").
    pub site: Option<String>,
    /// A date named in a prefix or suffix.
    pub date: Option<ParsedDate>,
}

/// Takes a raw title apart; `known_source` (a given source or the URL's host) lets dash
/// separators be split.
pub fn split_title(raw: &str, known_source: Option<&str>, order: DateOrder) -> TitleParts {
    let clean = paragraphs(raw).join(" ");
    let mut segments = split_all(&clean, STRONG);
    split_dash_ends(&mut segments, known_source, order);
    let dates: Vec<Option<ParsedDate>> = segments.iter().map(|s| parse_date(s, order)).collect();
    let title_at = (0..segments.len())
        .filter(|&i| dates[i].is_none())
        .max_by_key(|&i| (segments[i].chars().count(), std::cmp::Reverse(i)));
    let Some(t) = title_at else {
        return TitleParts {
            title: clean,
            site: None,
            date: None,
        };
    };
    let is_site = |i: &usize| dates[*i].is_none() && *i != t;
    let known =
        (0..segments.len()).find(|i| is_site(i) && names_source(&segments[*i], known_source));
    let site = known
        .or_else(|| (t + 1..segments.len()).rev().find(is_site))
        .or_else(|| (0..t).find(is_site))
        .map(|i| segments[i].clone());
    TitleParts {
        title: segments[t].clone(),
        site,
        date: dates.iter().flatten().next().copied(),
    }
}

fn split_all(s: &str, separators: &[&str]) -> Vec<String> {
    let mut parts = vec![s.to_owned()];
    for sep in separators {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(str::trim).map(str::to_owned))
            .filter(|p| !p.is_empty())
            .collect();
    }
    parts
}

/// Splits a dash segment off the first and last segments when it is a date or the source.
fn split_dash_ends(segments: &mut Vec<String>, known: Option<&str>, order: DateOrder) {
    let qualifies = |s: &str| parse_date(s, order).is_some() || names_source(s, known);
    if let Some(last) = segments.last().cloned() {
        if let Some((head, tail)) = rsplit_any(&last, DASHES) {
            if qualifies(tail) {
                segments.pop();
                segments.push(head.trim().to_owned());
                segments.push(tail.trim().to_owned());
            }
        }
    }
    if let Some(first) = segments.first().cloned() {
        if let Some((head, tail)) = split_any(&first, DASHES) {
            if qualifies(head) {
                segments.remove(0);
                segments.insert(0, tail.trim().to_owned());
                segments.insert(0, head.trim().to_owned());
            }
        }
    }
}

fn split_any<'a>(s: &'a str, seps: &[&str]) -> Option<(&'a str, &'a str)> {
    seps.iter()
        .filter_map(|sep| s.find(sep).map(|i| (i, sep.len())))
        .min()
        .map(|(i, n)| (&s[..i], &s[i + n..]))
}

fn rsplit_any<'a>(s: &'a str, seps: &[&str]) -> Option<(&'a str, &'a str)> {
    seps.iter()
        .filter_map(|sep| s.rfind(sep).map(|i| (i, sep.len())))
        .max()
        .map(|(i, n)| (&s[..i], &s[i + n..]))
}

/// Whether a segment names the source: equal to it, or to its host's name ("Reuters" for
/// "reuters.com", "BBC News" for "bbc.co.uk" by its first word).
fn names_source(segment: &str, known: Option<&str>) -> bool {
    let Some(known) = known else {
        return false;
    };
    let seg = fold_for_matching(segment);
    let known = fold_for_matching(known);
    let host_name = brand(&known);
    let seg_compact: String = seg.chars().filter(|c| c.is_alphanumeric()).collect();
    seg == known
        || (!host_name.is_empty() && seg_compact == host_name)
        || (known.contains('.') && seg.split(' ').next() == Some(host_name))
}

/// The name part of a host: "reuters" for "reuters.com", "bbc" for "bbc.co.uk",
/// "exampledaily" for "news.exampledaily.com"; a name without dots is returned as it is.
fn brand(host: &str) -> &str {
    let mut labels: Vec<&str> = host.split('.').collect();
    if labels.len() > 1 {
        labels.pop();
    }
    if labels.len() > 1 && labels.last().is_some_and(|l| l.len() <= 3) {
        labels.pop();
    }
    labels.last().copied().unwrap_or(host)
}

/// Removes paragraphs at the start of the body that repeat the title (scrapers paste the
/// headline as the first body line); returns whether any was removed.
pub fn drop_repeated_title(paras: &mut Vec<String>, titles: &[&str]) -> bool {
    let folded: Vec<String> = titles
        .iter()
        .map(|t| fold_for_matching(t.trim()))
        .filter(|t| !t.is_empty())
        .collect();
    let longest = folded.iter().map(String::len).max().unwrap_or(0);
    let repeats = |p: &String| p.len() <= longest * 2 && folded.contains(&fold_for_matching(p));
    let n = paras.iter().take_while(|p| repeats(p)).count();
    paras.drain(..n);
    n > 0
}
