//! Periods and the window: months and years, eviction, dates ahead, undated events.

use super::*;

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
