//! The done criteria, on the real article a scraper sent. Its words are not quoted
//! here: the expected headline and story are read off the page's layout (see
//! `support::reference`), and the rest is structure, dates, names and counts.

use chrono::NaiveDate;
use demarche::model::{Article, DatePrecision};

use super::normalizer;
use crate::support::reference;

/// The page, its headline, its story paragraphs and the article normalization made of it;
/// `None` where the shared directory lacks the page.
struct Reference {
    page: String,
    title: String,
    story: Vec<String>,
    article: Article,
}

fn reference_article() -> Option<Reference> {
    let bytes = reference::page()?;
    let article = normalizer()
        .normalize(&bytes)
        .expect("the reference article normalizes");
    Some(Reference {
        page: String::from_utf8(bytes).expect("the reference article is UTF-8"),
        title: reference::title()?,
        story: reference::story()?
            .split("\n\n")
            .map(str::to_owned)
            .collect(),
        article,
    })
}

impl Reference {
    fn paragraphs(&self) -> Vec<&str> {
        self.article.body.split("\n\n").collect()
    }

    /// The lines between the page's title line and the headline repeated above the story.
    fn navigation(&self) -> Vec<&str> {
        self.page
            .lines()
            .skip(1)
            .map(str::trim)
            .take_while(|l| *l != self.title)
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// The page's last line.
    fn credits(&self) -> &str {
        self.page
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty())
            .expect("a last line")
    }
}

#[test]
fn the_title_is_the_headline_without_the_site_suffix() {
    let Some(r) = reference_article() else {
        return;
    };
    let page_title = r.page.lines().next().expect("a first line");
    assert!(
        page_title.starts_with(&r.title) && page_title.len() > r.title.len(),
        "the page title is the headline and a site suffix: {page_title:?}"
    );
    assert_eq!(r.article.title, r.title);
    assert!(!r.article.title.contains('|'), "{:?}", r.article.title);
}

#[test]
fn the_source_date_language_and_agencies_are_read() {
    let Some(r) = reference_article() else {
        return;
    };
    let a = &r.article;
    assert_eq!(a.source.as_deref(), Some("DW"));
    let date = a.published_at.expect("a date").date_naive();
    assert_eq!(
        date,
        NaiveDate::from_ymd_opt(2013, 11, 2).expect("valid date")
    );
    assert_eq!(a.date_precision, DatePrecision::Day);
    assert_eq!(a.wire_sources, ["Reuters", "AFP", "AP"]);
    assert_eq!(a.language, "en");
}

#[test]
fn the_site_navigation_is_dropped() {
    let Some(r) = reference_article() else {
        return;
    };
    let navigation = r.navigation();
    assert_eq!(navigation.len(), 6, "the page's menu: {navigation:?}");
    for (n, line) in navigation.iter().enumerate() {
        let item = line
            .strip_prefix(&format!("{}. ", n + 1))
            .unwrap_or_else(|| panic!("menu line {line:?} is numbered {}", n + 1));
        assert!(
            !r.paragraphs().iter().any(|p| p.contains(item)),
            "navigation line {line:?} left in the body"
        );
    }
}

#[test]
fn the_wire_credits_are_dropped() {
    let Some(r) = reference_article() else {
        return;
    };
    let credits = r.credits();
    assert!(
        credits.ends_with("(Reuters, AFP, AP)"),
        "the page ends with its credits: {credits:?}"
    );
    assert!(
        !r.article.body.contains(credits),
        "wire credit left in the body"
    );
    assert!(
        !r.article.body.contains("(Reuters"),
        "wire credit left in the body"
    );
    assert_eq!(
        r.paragraphs().last().copied(),
        r.story.last().map(String::as_str),
        "the last story paragraph ends with its last sentence, credits removed"
    );
}

#[test]
fn the_body_is_the_story_whole_and_nothing_else() {
    let Some(r) = reference_article() else {
        return;
    };
    let paragraphs = r.paragraphs();
    assert!(
        !paragraphs[0].starts_with(&r.title),
        "the body opens with the story, not the repeated title: {:?}",
        paragraphs[0]
    );
    // Two sub-headings of a few words each stand between the story's paragraphs: short, but
    // story, not menu lines.
    let subheadings: Vec<&String> = r
        .story
        .iter()
        .filter(|p| p.split_whitespace().count() <= 3)
        .collect();
    assert_eq!(subheadings.len(), 2, "{subheadings:?}");
    for heading in subheadings {
        assert!(
            paragraphs.contains(&heading.as_str()),
            "sub-heading {heading:?} dropped"
        );
    }
    assert_eq!(paragraphs, r.story, "every story paragraph, unaltered");
    assert_eq!(paragraphs.len(), 13, "every story paragraph, nothing else");
}
