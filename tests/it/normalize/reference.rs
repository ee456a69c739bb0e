//! The done criteria, on the real article a scraper sent.

use chrono::NaiveDate;
use demarche::model::DatePrecision;

use super::normalizer;
use crate::support::reference;

#[test]
fn reference_article_meets_the_done_criteria() {
    let Some(bytes) = reference::page() else {
        return;
    };
    let article = normalizer()
        .normalize(&bytes)
        .expect("the reference article normalizes");
    assert_eq!(
        article.title,
        "Faced with China and North Korea, Japan and Russia make security deal"
    );
    assert_eq!(article.source.as_deref(), Some("DW"));
    let date = article.published_at.expect("a date").date_naive();
    assert_eq!(
        date,
        NaiveDate::from_ymd_opt(2013, 11, 2).expect("valid date")
    );
    assert_eq!(article.date_precision, DatePrecision::Day);
    assert_eq!(article.wire_sources, ["Reuters", "AFP", "AP"]);
    assert_eq!(article.language, "en");
    for nav in [
        "Inhalt",
        "Navigation",
        "Weitere Inhalte",
        "Metanavigation",
        "Suche",
        "Languages",
    ] {
        assert!(
            !article.body.split("\n\n").any(|p| p.contains(nav)),
            "navigation line {nav:?} left in the body"
        );
    }
    assert!(
        !article.body.contains("mkg/slk"),
        "wire credit left in the body"
    );
    assert!(
        !article.body.contains("(Reuters"),
        "wire credit left in the body"
    );
    let paragraphs: Vec<&str> = article.body.split("\n\n").collect();
    assert!(
        paragraphs[0].starts_with("Japan and Russia have agreed to step up military cooperation."),
        "the body opens with the story, not the repeated title: {:?}",
        paragraphs[0]
    );
    for sentence in [
        "Japan and Russia have agreed to step up military cooperation. The countries have also agreed to continue discussing a territorial dispute that has kept them from signing a peace treaty.",
        "\"We got off to a good start by turning to a new chapter of the Japanese and Russian relationship,\" Kishida told a news conference Saturday.",
        "Multipolar plans",
        "'A positive impact'",
        "\"We openly communicated that we are concerned about Japan's participation in the United States' global missile defense system,\" Shoigu said.",
    ] {
        assert!(
            paragraphs.contains(&sentence),
            "story paragraph missing or altered: {sentence:?}"
        );
    }
    assert!(
        paragraphs.last().is_some_and(|p| p.ends_with(
            "On Saturday, Kishida said that trade between the two countries totaled a record \
             $33 billion (24.4 billion euros) last year, and that he expected further growth."
        )),
        "the last story paragraph ends with its last sentence, credits removed"
    );
    assert_eq!(paragraphs.len(), 13, "every story paragraph, nothing else");
}
