//! The value: which mention gives the evidence and the article ids, whatever the order.

use super::*;

#[test]
fn the_most_confident_mention_gives_the_evidence_and_the_confidence() {
    let mut table = table();
    let mut strong = mention("a2", 5, Some("Valley Post"), "2024-03-12");
    strong.confidence = 0.95;
    updated(
        &mut table,
        &mention("a1", 0, Some("Harbour Times"), "2024-03-12"),
        at(8),
    );
    updated(&mut table, &strong, at(9));
    let value = updated(
        &mut table,
        &mention("a3", 0, Some("Coast Daily"), "2024-03-12"),
        at(10),
    )
    .value;
    assert_eq!(value.confidence, 0.95);
    assert_eq!(value.evidence.event_id, strong.event_id);
    assert_eq!(value.evidence.article_id.as_str(), "a2");
    assert_eq!(value.evidence.outlet.as_deref(), Some("Valley Post"));
    assert_eq!(value.evidence.seen_at, at(9));
}

#[test]
fn at_most_the_configured_number_of_article_ids_are_listed_the_first_seen() {
    let config = Valid::new(AggregateConfig {
        max_article_ids: 2,
        ..AggregateConfig::default()
    })
    .expect("valid");
    let mut table = Table::new(&config);
    for (article, hour) in [("a1", 9), ("a2", 7), ("a3", 8), ("a4", 6)] {
        updated(
            &mut table,
            &mention(article, 0, None, "2024-03-12"),
            at(hour),
        );
    }
    let value = table.values().next().expect("one aggregate");
    assert_eq!(value.articles, 4);
    let ids: Vec<&str> = value.article_ids.iter().map(ArticleId::as_str).collect();
    assert_eq!(ids, ["a4", "a2"]);
}

#[test]
fn the_value_does_not_depend_on_the_order_of_the_mentions() {
    let mentions = [
        (mention("a1", 0, Some("Harbour Times"), "2024-03-12"), at(9)),
        (mention("a2", 1, Some("Valley Post"), "2024-03-12"), at(7)),
        (mention("a2", 2, Some("Valley Post"), "2024-03-12"), at(12)),
        (mention("a3", 0, Some("Coast Daily"), "2024-03-12"), at(7)),
    ];
    let final_value = |order: &[usize]| {
        let mut table = table();
        for &i in order {
            table.apply(&mentions[i].0, mentions[i].1);
        }
        let value = table.values().next().cloned();
        value.expect("one aggregate")
    };
    let reference = final_value(&[0, 1, 2, 3]);
    for order in [[3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]] {
        assert_eq!(final_value(&order), reference, "order {order:?}");
    }
}

#[test]
fn the_published_value_carries_no_bookkeeping() {
    let mut table = table();
    let value = updated(
        &mut table,
        &mention("a1", 0, Some("Harbour Times"), "2024-03-12"),
        at(9),
    )
    .value;
    let json = serde_json::to_value(&value).expect("json");
    let fields: Vec<&str> = json
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    for private in ["first_articles", "clock", "format"] {
        assert!(!fields.contains(&private), "{fields:?}");
    }
    let back: DailyEvent = serde_json::from_value(json).expect("reads back");
    assert_eq!(back, value);
}

#[test]
fn the_bytes_of_an_aggregate_grow_with_what_it_counted() {
    let mut table = table();
    updated(
        &mut table,
        &mention("a0", 0, Some("Outlet 0"), "2024-03-12"),
        at(9),
    );
    let one = table.bytes();
    assert!(one > 300, "{one}");
    for n in 1..100 {
        let outlet = format!("Outlet {n}");
        updated(
            &mut table,
            &mention(&format!("a{n}"), 0, Some(&outlet), "2024-03-12"),
            at(9),
        );
    }
    assert!(table.bytes() >= one + 99 * 3 * 8, "{}", table.bytes());
}
