//! Counting: which mentions are one aggregate, and what is counted once.

use super::*;

#[test]
fn three_articles_from_three_outlets_make_one_aggregate_of_three_mentions() {
    let mut table = table();
    updated(
        &mut table,
        &mention("a1", 0, Some("Harbour Times"), "2024-03-12"),
        at(9),
    );
    updated(
        &mut table,
        &mention("a2", 3, Some("Valley Post"), "2024-03-12"),
        at(7),
    );
    let last = updated(
        &mut table,
        &mention("a3", 1, Some("Coast Daily"), "2024-03-12"),
        at(11),
    );

    assert_eq!(table.len(), 1);
    let value = last.value;
    assert_eq!((value.mentions, value.articles, value.outlets), (3, 3, 3));
    assert_eq!(
        value.first_seen,
        at(7),
        "the earliest seen, not the first applied"
    );
    assert_eq!(value.last_seen, at(11));
    assert_eq!(value.version, 3);
    assert_eq!(value.source, "USAGOV");
    assert_eq!(value.target.as_deref(), Some("CHNGOV"));
    assert_eq!(value.cameo.code, "036");
    assert_eq!(
        value.plover.as_ref().map(|p| p.category.as_str()),
        Some("CONSULT")
    );
    assert_eq!(value.date.date_precision, DatePrecision::Day);
    let ids: Vec<&str> = value.article_ids.iter().map(ArticleId::as_str).collect();
    assert_eq!(ids, ["a2", "a1", "a3"], "the first seen first");
    assert!(last.evicted.is_empty());
}

#[test]
fn a_resent_mention_changes_nothing() {
    let mut table = table();
    let event = mention("a1", 0, Some("Harbour Times"), "2024-03-12");
    let first = updated(&mut table, &event, at(9));
    updated(
        &mut table,
        &mention("a2", 0, Some("Valley Post"), "2024-03-12"),
        at(10),
    );
    let before = table.get(&first.value.key).cloned();

    assert_eq!(
        table.apply(&event, at(15)),
        Applied::Repeated(first.value.key)
    );
    assert_eq!(table.get(&first.value.key).cloned(), before);
}

#[test]
fn two_sentences_of_one_article_are_two_mentions_of_one_article_and_one_outlet() {
    let mut table = table();
    updated(
        &mut table,
        &mention("a1", 0, Some("Harbour Times"), "2024-03-12"),
        at(9),
    );
    let value = updated(
        &mut table,
        &mention("a1", 4, Some("harbour times "), "2024-03-12"),
        at(9),
    )
    .value;
    assert_eq!((value.mentions, value.articles, value.outlets), (2, 1, 1));
}

#[test]
fn an_article_without_a_publisher_counts_no_outlet() {
    let mut table = table();
    let value = updated(&mut table, &mention("a1", 0, None, "2024-03-12"), at(9)).value;
    assert_eq!((value.mentions, value.articles, value.outlets), (1, 1, 0));
}
