//! State records and the restore: a table rebuilt from its changelog counts on unchanged.

use super::*;

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
