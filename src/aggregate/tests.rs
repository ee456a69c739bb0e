//! The aggregation stage as a specification: what one table does with the mentions it is given.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::fixtures::{at, dated, day, mention};
use super::*;
use crate::model::{ArticleId, DatePrecision, DiplomaticEvent, EventDate};
use crate::settings::Valid;

fn table() -> Table {
    Table::new(&Valid::documented())
}

fn updated(table: &mut Table, event: &DiplomaticEvent, seen: DateTime<Utc>) -> Update {
    match table.apply(event, seen) {
        Applied::Updated(update) => *update,
        other => panic!("expected an update, got {other:?}"),
    }
}

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

#[test]
fn month_precision_events_aggregate_by_month_and_say_so() {
    let mut table = table();
    let march = |article| {
        dated(
            article,
            0,
            Some("Valley Post"),
            "2024-03-01",
            DatePrecision::Month,
        )
    };
    updated(&mut table, &march("m1"), at(9));
    let value = updated(&mut table, &march("m2"), at(10)).value;
    assert_eq!(value.mentions, 2);
    assert_eq!(value.date.date_precision, DatePrecision::Month);
    assert_eq!(value.date.event_date, "2024-03-01".parse().ok());

    // The first of the month, dated to the day, is another event.
    let first_day = updated(&mut table, &mention("d1", 0, None, "2024-03-01"), at(11)).value;
    assert_ne!(first_day.key, value.key);
    assert_eq!(first_day.mentions, 1);
    assert_eq!(table.len(), 2);
}

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
fn the_window_evicts_periods_that_ended_before_it_and_refuses_their_late_mentions() {
    let config = Valid::new(AggregateConfig {
        window_days: 3,
        ..AggregateConfig::default()
    })
    .expect("valid");
    let mut table = Table::new(&config);
    let old = updated(
        &mut table,
        &mention("a1", 0, None, "2024-03-10"),
        day("2024-03-10"),
    )
    .value;
    let month = dated("m1", 0, None, "2024-03-01", DatePrecision::Month);
    let march = updated(&mut table, &month, day("2024-03-10")).value;
    // The window is the clock's day and the two before: 2024-03-10 stays until 03-13.
    let kept = updated(
        &mut table,
        &mention("a2", 0, None, "2024-03-12"),
        day("2024-03-12"),
    );
    assert!(kept.evicted.is_empty());
    let moved = updated(
        &mut table,
        &mention("a3", 0, None, "2024-03-13"),
        day("2024-03-13"),
    );
    assert_eq!(moved.evicted, vec![old.key]);
    assert_eq!(table.get(&old.key), None);
    assert_eq!(
        table.apply(&mention("a4", 0, None, "2024-03-10"), day("2024-03-14")),
        Applied::Late
    );
    // A month stays until its last day leaves the window.
    assert!(table.get(&march.key).is_some());
    let april = updated(
        &mut table,
        &mention("a5", 0, None, "2024-04-02"),
        day("2024-04-02"),
    );
    assert!(
        !april.evicted.contains(&march.key),
        "03-31 is still in the window"
    );
    let later = updated(
        &mut table,
        &mention("a6", 0, None, "2024-04-03"),
        day("2024-04-03"),
    );
    assert_eq!(later.evicted, vec![march.key]);
    assert_eq!(table.clock(), "2024-04-03".parse().ok());
}

#[test]
fn a_date_announced_ahead_moves_the_clock_only_to_the_day_it_was_seen() {
    let config = Valid::new(AggregateConfig {
        window_days: 3,
        ..AggregateConfig::default()
    })
    .expect("valid");
    let mut table = Table::new(&config);
    updated(
        &mut table,
        &mention("a1", 0, None, "2024-03-15"),
        day("2024-03-12"),
    );
    assert_eq!(table.clock(), "2024-03-12".parse().ok());
    // Today's events are not evicted by a meeting announced for three days on.
    assert!(table
        .apply(&mention("a2", 0, None, "2024-03-11"), day("2024-03-12"))
        .into_update()
        .is_some());
    // Beyond the window ahead, a date is refused.
    assert_eq!(
        table.apply(&mention("a3", 0, None, "2024-03-16"), day("2024-03-12")),
        Applied::Ahead
    );
    assert_eq!(
        table.apply(&mention("a3", 0, None, "2099-01-01"), day("2024-03-12")),
        Applied::Ahead
    );
}

#[test]
fn undated_events_are_not_aggregated() {
    let mut event = mention("a1", 0, None, "2024-03-12");
    event.date = EventDate {
        event_date: None,
        date_precision: DatePrecision::Unknown,
    };
    let mut table = table();
    assert_eq!(table.apply(&event, at(9)), Applied::Undated);
    assert!(table.is_empty());
}

/// What a compacted changelog holds after the updates: the latest state record of each key,
/// and no record for a tombstoned key.
fn changelog_after(
    table: &mut Table,
    mentions: &[(DiplomaticEvent, DateTime<Utc>)],
) -> BTreeMap<AggregateKey, Vec<u8>> {
    let mut log = BTreeMap::new();
    for (event, seen) in mentions {
        if let Applied::Updated(update) = table.apply(event, *seen) {
            let state = table
                .state(&update.value.key)
                .expect("state of an updated key");
            log.insert(update.value.key, state.encode());
            for key in update.evicted {
                log.remove(&key);
            }
        }
    }
    log
}

#[test]
fn restoring_the_changelog_then_applying_gives_what_never_restarting_gives() {
    let config = Valid::new(AggregateConfig {
        window_days: 2,
        max_article_ids: 2,
        ..AggregateConfig::default()
    })
    .expect("valid");
    let before: Vec<(DiplomaticEvent, DateTime<Utc>)> = vec![
        (
            mention("a1", 0, Some("Harbour Times"), "2024-03-10"),
            day("2024-03-10"),
        ),
        (
            mention("a2", 0, Some("Valley Post"), "2024-03-11"),
            day("2024-03-11"),
        ),
        (
            mention("a3", 0, Some("Coast Daily"), "2024-03-12"),
            day("2024-03-12"),
        ),
        (
            mention("a4", 1, Some("Valley Post"), "2024-03-12"),
            day("2024-03-12"),
        ),
        (
            dated("m1", 0, None, "2024-03-01", DatePrecision::Month),
            day("2024-03-12"),
        ),
    ];
    let after: Vec<(DiplomaticEvent, DateTime<Utc>)> = vec![
        (
            mention("a3", 0, Some("Coast Daily"), "2024-03-12"),
            day("2024-03-13"),
        ),
        (
            mention("a5", 0, Some("Harbour Times"), "2024-03-12"),
            day("2024-03-13"),
        ),
        (mention("a6", 0, None, "2024-03-10"), day("2024-03-13")),
        (mention("a7", 0, None, "2024-03-14"), day("2024-03-14")),
        (
            dated("m2", 0, None, "2024-03-01", DatePrecision::Month),
            day("2024-03-14"),
        ),
    ];

    let mut running = Table::new(&config);
    let log = changelog_after(&mut running, &before);
    let mut restarted = Table::new(&config);
    // A compacted topic is read in any order of keys.
    for bytes in log.values().rev() {
        let evicted = restarted.restore(StateRecord::decode(bytes).expect("decodes"));
        assert!(
            evicted.is_empty(),
            "nothing in the log is behind the window"
        );
    }
    assert_eq!(restarted.clock(), running.clock());
    assert_eq!(restarted.len(), running.len());

    for (event, seen) in &after {
        assert_eq!(
            restarted.apply(event, *seen),
            running.apply(event, *seen),
            "{}",
            event.article_id
        );
    }
    let values = |table: &Table| {
        let mut values: Vec<DailyEvent> = table.values().cloned().collect();
        values.sort_by_key(|v| v.key);
        values
    };
    assert_eq!(values(&restarted), values(&running));
}

#[test]
fn a_record_behind_the_restored_window_is_dropped_and_listed_for_a_tombstone() {
    let config = Valid::new(AggregateConfig {
        window_days: 2,
        ..AggregateConfig::default()
    })
    .expect("valid");
    let mut writer = Table::new(&config);
    let old = updated(
        &mut writer,
        &mention("a1", 0, None, "2024-03-10"),
        day("2024-03-10"),
    )
    .value;
    let old_record = writer.state(&old.key).expect("state");
    let new = updated(
        &mut writer,
        &mention("a2", 0, None, "2024-03-14"),
        day("2024-03-14"),
    )
    .value;
    let new_record = writer.state(&new.key).expect("state");

    // The tombstone of the old key was lost (a crash before it was written).
    let mut restored = Table::new(&config);
    assert!(restored.restore(new_record).is_empty());
    assert_eq!(restored.restore(old_record), vec![old.key]);
    assert_eq!(restored.len(), 1);
}

#[test]
fn a_state_record_round_trips_and_an_inconsistent_one_is_refused() {
    let mut table = table();
    updated(
        &mut table,
        &mention("a1", 0, Some("Harbour Times"), "2024-03-12"),
        at(9),
    );
    let key = updated(
        &mut table,
        &mention("a2", 0, Some("Valley Post"), "2024-03-12"),
        at(10),
    )
    .value
    .key;
    let record = table.state(&key).expect("state");
    let bytes = record.encode();
    assert_eq!(StateRecord::decode(&bytes).expect("decodes"), record);
    assert_eq!(record.key(), key);

    let text = String::from_utf8(bytes).expect("json");
    let spoiled = [
        text.replacen("\"format\":1", "\"format\":2", 1),
        text.replacen("\"mentions\":2", "\"mentions\":3", 1),
        text.replacen("\"source\":\"USAGOV\"", "\"source\":\"USAMIL\"", 1),
        text.replacen(
            "\"event_date\":\"2024-03-12\"",
            "\"event_date\":\"2024-03-13\"",
            1,
        ),
        text.replacen("\"version\":2", "\"version\":5", 1),
        text.replacen(
            "\"article_ids\":[\"a1\",\"a2\"]",
            "\"article_ids\":[\"a2\",\"a1\"]",
            1,
        ),
        text[..text.len() / 2].to_owned(),
    ];
    for bad in spoiled {
        assert_ne!(bad, text, "the spoiling must change the record");
        assert!(StateRecord::decode(bad.as_bytes()).is_err(), "{bad}");
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
