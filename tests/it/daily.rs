//! `demarche extract --daily`: the same event reported by several articles is one aggregate
//! with its mentions, articles and outlets counted; the output is what the aggregation stage
//! of the library gives, also across a restore from its changelog, and matches its schema.

use std::collections::{BTreeMap, HashMap};
use std::process::Output;

use demarche::aggregate::{AggregateConfig, AggregateKey, Applied, DailyEvent, StateRecord, Table};
use demarche::app::build_pipeline;
use demarche::model::DiplomaticEvent;
use demarche::offline::daily::seen_at;
use demarche::offline::received_at;
use demarche::pipeline::{Input, Outcome};
use demarche::settings::{Layers, Valid};
use serde_json::Value;

use crate::support::article::Article;
use crate::support::corpus;
use crate::support::daemon::extract;

/// A story by `outlet`, published at `published` (RFC 3339), whose body is `body`.
pub(crate) fn story(id: &str, outlet: &str, published: &str, body: &str) -> Vec<u8> {
    Article::new(id, body)
        .source(outlet)
        .url(format!("https://news.example.org/{id}"))
        .title("Berlin rebukes Tehran")
        .published_at(published)
        .payload()
}

/// Three outlets' stories of one rebuke, each worded its own way; the event was on Tuesday
/// 2024-03-12 and the stories were published from that evening to the next morning.
pub(crate) fn three_reports() -> Vec<Vec<u8>> {
    vec![
        story(
            "harbour-1",
            "Harbour Times",
            "2024-03-13T07:00:00Z",
            "Germany condemned Iran on Tuesday over its latest missile launch, the foreign \
             ministry in Berlin said.\n\nOfficials did not say whether further steps would follow.",
        ),
        story(
            "valley-22",
            "Valley Post",
            "2024-03-13T09:30:00Z",
            "Germany sharply condemned Iran on Tuesday after the test, calling it a threat to \
             regional stability.\n\nThe statement came hours after the launch was reported.",
        ),
        story(
            "coast-7",
            "Coast Daily",
            "2024-03-12T22:15:00Z",
            "On Tuesday, Germany condemned Iran for the missile test, according to a ministry \
             spokeswoman.\n\nDiplomats expect the issue to come up at the next council meeting.",
        ),
    ]
}

fn jsonl(payloads: &[Vec<u8>]) -> Vec<u8> {
    payloads
        .iter()
        .flat_map(|p| [p.as_slice(), b"\n"].concat())
        .collect()
}

/// Runs `extract --daily` (with `args`) on `payloads` as stdin.
pub(crate) fn daily(payloads: &[Vec<u8>], args: &[&str], env: &[(&str, &str)]) -> Output {
    let args: Vec<&str> = ["--daily"].iter().chain(args).copied().collect();
    let output = extract(None, &args, env, &jsonl(payloads));
    assert!(output.status.success(), "{}", stderr(&output));
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub(crate) fn aggregates(output: &Output) -> Vec<DailyEvent> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("an aggregate"))
        .collect()
}

#[test]
fn three_articles_from_three_outlets_are_one_aggregate_with_three_of_each() {
    let output = daily(&three_reports(), &[], &[]);
    let aggregates = aggregates(&output);
    assert_eq!(aggregates.len(), 1, "{aggregates:#?}");
    let a = &aggregates[0];
    assert_eq!((a.mentions, a.articles, a.outlets), (3, 3, 3));
    assert_eq!(
        (a.source.as_str(), a.target.as_deref()),
        ("DEU", Some("IRN"))
    );
    assert_eq!(a.cameo.code, "111");
    assert_eq!(a.date.event_date, "2024-03-12".parse().ok());
    assert_eq!(a.first_seen.to_rfc3339(), "2024-03-12T22:15:00+00:00");
    assert_eq!(a.last_seen.to_rfc3339(), "2024-03-13T09:30:00+00:00");
    assert_eq!(a.version, 3);
    let ids: Vec<&str> = a.article_ids.iter().map(|id| id.as_str()).collect();
    assert_eq!(
        ids,
        ["coast-7", "harbour-1", "valley-22"],
        "first seen first"
    );
    assert!(
        stderr(&output).contains("daily: 1 aggregates of 3 mentions"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_re_sent_article_changes_no_aggregate() {
    let reports = three_reports();
    let once = daily(&reports, &[], &[]);
    let mut again = reports.clone();
    again.push(reports[1].clone());
    // Caught as a duplicate by dedup...
    assert_eq!(daily(&again, &[], &[]).stdout, once.stdout);
    // ...and without dedup, its event id is counted once.
    let undeduplicated = daily(&again, &["--no-dedup"], &[]);
    assert_eq!(undeduplicated.stdout, once.stdout);
    assert!(
        stderr(&undeduplicated).contains("1 repeated"),
        "{}",
        stderr(&undeduplicated)
    );
}

#[test]
fn events_dated_to_a_month_are_one_aggregate_of_that_month_apart_from_its_days() {
    let stories = [
        story(
            "m-1",
            "Harbour Times",
            "2024-03-13T07:00:00Z",
            "Germany condemned Iran in February over the enrichment programme, diplomats recalled.",
        ),
        story(
            "m-2",
            "Valley Post",
            "2024-03-14T07:00:00Z",
            "Germany condemned Iran in February for expanding enrichment, officials said.",
        ),
        story(
            "d-1",
            "Coast Daily",
            "2024-02-02T07:00:00Z",
            "Germany condemned Iran on Thursday for expanding enrichment, officials said.",
        ),
    ];
    let aggregates = aggregates(&daily(&stories, &[], &[]));
    let by_precision: BTreeMap<String, &DailyEvent> = aggregates
        .iter()
        .map(|a| {
            (
                serde_json::to_value(a.date.date_precision)
                    .unwrap()
                    .to_string(),
                a,
            )
        })
        .collect();
    assert_eq!(aggregates.len(), 2, "{aggregates:#?}");
    let month = by_precision["\"month\""];
    assert_eq!(month.date.event_date, "2024-02-01".parse().ok());
    assert_eq!((month.mentions, month.articles), (2, 2));
    let day = by_precision["\"day\""];
    assert_eq!(day.date.event_date, "2024-02-01".parse().ok());
    assert_eq!(day.mentions, 1);
}

#[test]
fn a_report_older_than_the_window_is_left_out_and_the_evicted_aggregate_still_written() {
    let stories = [
        story(
            "early",
            "Harbour Times",
            "2024-03-05T07:00:00Z",
            "Germany condemned Iran on Monday over the missile programme, officials said.",
        ),
        story(
            "now",
            "Valley Post",
            "2024-03-12T23:00:00Z",
            "Germany condemned Iran on Tuesday over the missile programme, officials said.",
        ),
        // An archived story read after the window moved on.
        story(
            "archived",
            "Coast Daily",
            "2024-03-05T09:00:00Z",
            "Germany condemned Iran on Monday in a statement, officials said.",
        ),
    ];
    let output = daily(&stories, &[], &[("DEMARCHE__AGGREGATE__WINDOW_DAYS", "2")]);
    let aggregates = aggregates(&output);
    let dates: Vec<String> = aggregates
        .iter()
        .map(|a| a.date.event_date.unwrap().to_string())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(sorted, ["2024-03-04", "2024-03-12"], "{aggregates:#?}");
    assert!(
        aggregates.iter().all(|a| a.mentions == 1),
        "{aggregates:#?}"
    );
    assert!(
        stderr(&output).contains("1 outside the window"),
        "{}",
        stderr(&output)
    );

    // With a window reaching back to it, the archived story is counted.
    let wide = aggregates_of(&daily(
        &stories,
        &[],
        &[("DEMARCHE__AGGREGATE__WINDOW_DAYS", "10")],
    ));
    assert_eq!(wide.values().map(|a| a.mentions).sum::<u64>(), 3);
}

fn aggregates_of(output: &Output) -> BTreeMap<AggregateKey, DailyEvent> {
    aggregates(output).into_iter().map(|a| (a.key, a)).collect()
}

#[test]
fn aggregates_are_written_sorted_by_key_and_the_same_on_every_run() {
    let payloads = corpus::articles(120);
    let first = daily(&payloads, &[], &[]);
    let keys: Vec<AggregateKey> = aggregates(&first).iter().map(|a| a.key).collect();
    assert!(keys.len() > 10);
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
    assert!(
        aggregates(&first).iter().any(|a| a.mentions > 1),
        "the corpus repeats events"
    );
    assert_eq!(
        daily(&payloads, &[], &[("DEMARCHE__PIPELINE__WORKERS", "3")]).stdout,
        first.stdout
    );
}

/// The events of `payloads` coded one by one, each with the position of its input.
pub(crate) fn coded(payloads: &[Vec<u8>]) -> Vec<(DiplomaticEvent, u64)> {
    let settings = Layers::from_sources(None, HashMap::new())
        .and_then(|l| l.settings())
        .expect("default settings");
    let mut pipeline = build_pipeline(&settings).expect("pipeline");
    let mut events = Vec::new();
    for (i, payload) in payloads.iter().enumerate() {
        let position = i as u64 + 1;
        let input = Input::new(payload).received_at(Some(received_at(position)));
        if let Outcome::Coded { events: coded, .. } = pipeline.process_input(input).outcome {
            events.extend(coded.into_iter().map(|e| (e, position)));
        }
    }
    events
}

/// Applies `events` to `table`, keeping the latest value of each key (what `events.daily`
/// holds) and the latest state record of each key (what the compacted changelog holds).
fn apply(
    table: &mut Table,
    events: &[(DiplomaticEvent, u64)],
    published: &mut BTreeMap<AggregateKey, DailyEvent>,
    changelog: &mut BTreeMap<AggregateKey, Vec<u8>>,
) {
    for (event, position) in events {
        if let Applied::Updated(update) = table.apply(event, seen_at(event, *position)) {
            let key = update.value.key;
            changelog.insert(key, table.state(&key).expect("state").encode());
            for evicted in update.evicted {
                changelog.remove(&evicted);
            }
            published.insert(key, update.value);
        }
    }
}

#[test]
fn the_offline_aggregates_are_the_librarys_and_survive_a_restart_half_way() {
    let payloads = corpus::articles(150);
    let offline = aggregates_of(&daily(&payloads, &[], &[]));
    let events = coded(&payloads);
    let (before, after) = events.split_at(events.len() / 2);
    let config = Valid::<AggregateConfig>::documented();

    let mut running = Table::new(&config);
    let (mut published, mut changelog) = (BTreeMap::new(), BTreeMap::new());
    apply(&mut running, &events, &mut published, &mut changelog);
    assert_eq!(published, offline);

    // An owner stopped half way, restored from its changelog by a new one.
    let mut first_owner = Table::new(&config);
    let (mut published, mut changelog) = (BTreeMap::new(), BTreeMap::new());
    apply(&mut first_owner, before, &mut published, &mut changelog);
    let mut second_owner = Table::new(&config);
    for bytes in changelog.values() {
        second_owner.restore(StateRecord::decode(bytes).expect("a state record"));
    }
    apply(&mut second_owner, after, &mut published, &mut changelog);
    assert_eq!(published, offline);
}

#[test]
fn every_aggregate_matches_the_published_schema() {
    let path = format!(
        "{}/schemas/daily_event.schema.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema file")).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let mut payloads = three_reports();
    payloads.extend(corpus::articles(60));
    payloads.push(story(
        "m-1",
        "Harbour Times",
        "2024-03-13T07:00:00Z",
        "Germany condemned Iran in February over the enrichment programme, diplomats recalled.",
    ));
    payloads.push(
        Article::new(
            "no-outlet",
            "Japan praised India for its role in the negotiations.",
        )
        .published_at("2024-03-13T07:00:00Z")
        .payload(),
    );
    // A year's window: the month of February stays beside May.
    let output = daily(
        &payloads,
        &[],
        &[("DEMARCHE__AGGREGATE__WINDOW_DAYS", "366")],
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert!(lines.len() > 5);
    assert!(lines.iter().any(|a| a["date_precision"] == "month"));
    assert!(lines.iter().any(|a| a["evidence"]["outlet"].is_null()));
    for aggregate in &lines {
        let errors: Vec<String> = validator
            .iter_errors(aggregate)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}\n{aggregate}");
    }
}
