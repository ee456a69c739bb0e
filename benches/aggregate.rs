//! Aggregation benchmarks: the cost of counting one coded event into the daily table, with and
//! without writing its state record, the cost of a restore, and the bytes an aggregate holds.
//!
//! `cargo bench --bench aggregate`. The events are generated: 24 states, 12 CAMEO codes, dyads
//! drawn with a skew (a few dyads get most of the coverage, as in news), 7 days, 300 outlets,
//! one to three events an article, sentences of news length.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, BatchSize, Criterion, Throughput};
use demarche::aggregate::{AggregateConfig, AggregateKey, Applied, StateRecord, Table};
use demarche::model::{
    ActorRef, ArticleId, ArticleRef, CameoRef, CoderInfo, DatePrecision, DiplomaticEvent,
    EventDate, EventId, Evidence, PloverRef, TriggerSpan,
};
use demarche::settings::Valid;

const STATES: &[&str] = &[
    "USA", "CHN", "RUS", "JPN", "DEU", "FRA", "GBR", "IND", "BRA", "TUR", "IRN", "ISR", "EGY",
    "KEN", "MEX", "CAN", "KOR", "PRK", "UKR", "POL", "SAU", "PAK", "AUS", "ZAF",
];
const CODES: &[(&str, &str, u8, f64, &str)] = &[
    (
        "036",
        "Express intent to meet or negotiate",
        1,
        4.0,
        "CONSULT",
    ),
    ("040", "Consult", 1, 1.0, "CONSULT"),
    ("042", "Make a visit", 1, 1.9, "CONSULT"),
    ("043", "Host a visit", 1, 2.8, "CONSULT"),
    ("051", "Praise or endorse", 1, 3.4, "SUPPORT"),
    ("057", "Sign formal agreement", 1, 8.0, "AGREE"),
    ("070", "Provide aid", 2, 7.0, "AID"),
    ("111", "Criticize or denounce", 3, -2.0, "ACCUSE"),
    ("112", "Accuse", 3, -2.0, "ACCUSE"),
    ("130", "Threaten", 3, -4.4, "THREATEN"),
    (
        "163",
        "Impose embargo, boycott, or sanctions",
        4,
        -8.0,
        "SANCTION",
    ),
    ("190", "Use conventional military force", 4, -10.0, "FIGHT"),
];
const EVENTS: usize = 100_000;

/// SplitMix64, for varied but repeatable events.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A skewed pick in `0..n`: low indexes far more often.
fn skewed(state: &mut u64, n: usize) -> usize {
    let u = (next(state) % 10_000) as f64 / 10_000.0;
    ((u * u * u) * n as f64) as usize
}

fn actor(code: &str) -> ActorRef {
    ActorRef {
        text: code.to_owned(),
        code: code.to_owned(),
        country: Some(code.to_owned()),
        agent: None,
        name: None,
    }
}

/// `events` coded events of `events / 2` articles over 7 days, in the order of publication,
/// each with the time it was seen.
fn events(events: usize) -> Vec<(DiplomaticEvent, DateTime<Utc>)> {
    let mut state = 42u64;
    let first_day = NaiveDate::from_ymd_opt(2024, 3, 1).expect("date");
    let sentence = "The foreign minister said on Tuesday that the two governments had \
                    agreed to resume talks on trade and security next month.";
    (0..events)
        .map(|n| {
            let article = ArticleId::new(format!("article-{:07}", n / 2));
            let source = STATES[skewed(&mut state, STATES.len())];
            let mut target = STATES[skewed(&mut state, STATES.len())];
            if target == source {
                target = STATES[(next(&mut state) % STATES.len() as u64) as usize];
            }
            let (code, name, quad, goldstein, plover) = CODES[skewed(&mut state, CODES.len())];
            // Seen a minute apart per two events; dated on the day seen or one of the two before.
            let seen = Utc
                .timestamp_opt(1_709_251_200 + (n as i64 / 2) * 12, 0)
                .unwrap();
            let day_offset = (n as i64 * 7 / events as i64) - (next(&mut state) % 3) as i64;
            let date = first_day + chrono::Duration::days(day_offset.max(0));
            let event = DiplomaticEvent {
                event_id: EventId::derive(&article, n % 2, source, Some(target), code),
                article_id: article.clone(),
                date: EventDate {
                    event_date: Some(date),
                    date_precision: DatePrecision::Day,
                },
                source: actor(source),
                target: Some(actor(target)),
                cameo: CameoRef {
                    code: code.into(),
                    root: code[..2].into(),
                    name: name.into(),
                    quad_class: quad,
                    goldstein,
                },
                plover: Some(PloverRef {
                    category: plover.into(),
                    quad: "verbal cooperation".into(),
                }),
                location: None,
                evidence: Evidence {
                    sentence: sentence.into(),
                    start: 0,
                    end: sentence.len(),
                    trigger: TriggerSpan {
                        text: "agreed to resume talks".into(),
                        start: 80,
                        end: 102,
                    },
                },
                confidence: (next(&mut state) % 100) as f64 / 100.0,
                article: ArticleRef {
                    url: Some(format!("https://news.example.org/{article}")),
                    source: Some(format!("Outlet {}", skewed(&mut state, 300))),
                    title: "Ministers agree to resume talks".into(),
                    published_at: Some(seen),
                },
                coder: CoderInfo {
                    version: "bench".into(),
                    dictionary_version: "bench".into(),
                },
            };
            (event, seen)
        })
        .collect()
}

fn config() -> Valid<AggregateConfig> {
    Valid::documented()
}

/// The table after `events`, and its compacted changelog.
fn run(events: &[(DiplomaticEvent, DateTime<Utc>)]) -> (Table, BTreeMap<AggregateKey, Vec<u8>>) {
    let mut table = Table::new(&config());
    let mut changelog = BTreeMap::new();
    for (event, seen) in events {
        if let Applied::Updated(update) = table.apply(event, *seen) {
            let key = update.value.key;
            changelog.insert(key, table.state(&key).expect("state").encode());
            for evicted in update.evicted {
                changelog.remove(&evicted);
            }
        }
    }
    (table, changelog)
}

fn apply(c: &mut Criterion) {
    let events = events(EVENTS);
    let mut group = c.benchmark_group("aggregate");
    group.throughput(Throughput::Elements(EVENTS as u64));
    group.bench_function("apply_100k_events", |b| {
        b.iter_batched(
            || Table::new(&config()),
            |mut table| {
                for (event, seen) in &events {
                    black_box(table.apply(event, *seen));
                }
                table
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function("apply_and_encode_state_100k_events", |b| {
        b.iter_batched(
            || Table::new(&config()),
            |mut table| {
                for (event, seen) in &events {
                    if let Applied::Updated(update) = table.apply(event, *seen) {
                        let state = table.state(&update.value.key).expect("state");
                        black_box(state.encode());
                        black_box(serde_json::to_vec(&update.value).expect("json"));
                    }
                }
                table
            },
            BatchSize::LargeInput,
        )
    });
    let (table, changelog) = run(&events);
    group.throughput(Throughput::Elements(changelog.len() as u64));
    group.bench_function(format!("restore_{}_records", changelog.len()), |b| {
        b.iter(|| {
            let mut restored = Table::new(&config());
            for bytes in changelog.values() {
                restored.restore(StateRecord::decode(bytes).expect("decodes"));
            }
            assert_eq!(restored.len(), table.len());
            restored
        })
    });
    group.finish();
}

/// Bytes per aggregate and per state record after the generated stream (printed, not timed).
fn memory() {
    let started = Instant::now();
    let events = events(EVENTS);
    let (table, changelog) = run(&events);
    let mentions: u64 = table.values().map(|v| v.mentions).sum();
    let record_bytes: usize = changelog.values().map(Vec::len).sum();
    println!(
        "aggregate/memory: {} events, {} aggregates held ({} mentions, {:.1} per aggregate), \
         {:.0} bytes/aggregate, state records {:.0} bytes on average (built in {:.1}s)",
        events.len(),
        table.len(),
        mentions,
        mentions as f64 / table.len() as f64,
        table.bytes() as f64 / table.len() as f64,
        record_bytes as f64 / changelog.len() as f64,
        started.elapsed().as_secs_f64()
    );
    // One heavily covered event: what each mention adds.
    let mut hot = Table::new(&config());
    let (template, seen) = events[0].clone();
    for n in 0..1000 {
        let mut event = template.clone();
        let article = ArticleId::new(format!("hot-{n}"));
        event.event_id = EventId::derive(&article, 0, "USA", Some("CHN"), "036");
        event.article_id = article;
        event.article.source = Some(format!("Outlet {}", n % 300));
        hot.apply(&event, seen);
    }
    let key = hot.values().next().expect("one").key;
    println!(
        "aggregate/memory: one aggregate of 1,000 mentions: {} bytes held, state record {} bytes",
        hot.bytes(),
        hot.state(&key).expect("state").encode().len()
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(6));
    targets = apply
}

fn main() {
    memory();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
