//! `demarche extract` on a corpus, as an analyst runs it: folders, `.gz` files and stdin in;
//! JSON Lines, TSV or CSV out; the dedup switch, the dictionaries folder, the report file, and a
//! summary that is printed even when a file cannot be read.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::Output;

use demarche::app::build_pipeline;
use demarche::offline::received_at;
use demarche::pipeline::{Input, Outcome};
use demarche::settings::Layers;
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::support::daemon::extract;
use crate::support::{archive, corpus};

/// Runs `demarche extract` and returns its stdout, failing on a non-zero exit.
fn events(args: &[&str]) -> String {
    let output = extract(None, args, &[], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    String::from_utf8(output.stdout).expect("utf-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn jsonl(payloads: &[Vec<u8>]) -> Vec<u8> {
    payloads
        .iter()
        .flat_map(|p| [p.as_slice(), b"\n"].concat())
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A story whose title and evidence hold commas and quotes, for the table formats.
fn quoted_story(id: &str) -> Vec<u8> {
    serde_json::json!({
        "id": id,
        "url": format!("https://news.example.org/q/{id}"),
        "source": "Example Wire",
        "title": "Japan, Russia \"agree\" on drills",
        "body": "Japan and Russia agreed on Tuesday to hold joint naval exercises, officials said.\n\n\
                 The foreign ministry said China had \"criticized\" Japan.",
        "published_at": "2024-03-12T08:30:00Z",
        "language": "en",
    })
    .to_string()
    .into_bytes()
}

#[test]
fn a_folder_is_read_in_name_order_with_subfolders_and_gz_files_as_one_stream_would_be() {
    let stream = corpus::articles(30);
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("corpus");
    write(&root.join("2025/c.jsonl"), &jsonl(&stream[20..]));
    write(
        &root.join("2024/b.jsonl.gz"),
        &gzip(&jsonl(&stream[10..20])),
    );
    write(&root.join("2024/a.jsonl"), &jsonl(&stream[..10]));

    let from_stdin = extract(None, &[], &[], &jsonl(&stream));
    assert!(from_stdin.status.success(), "{}", stderr(&from_stdin));
    let from_folder = extract(None, &[path(&root)], &[], b"");
    assert!(from_folder.status.success(), "{}", stderr(&from_folder));
    assert!(!from_folder.stdout.is_empty());
    assert_eq!(from_folder.stdout, from_stdin.stdout);
    // stderr is a pipe here: the summary and nothing else, no progress line.
    let notes = stderr(&from_folder);
    assert!(notes.starts_with("30 inputs: "), "{notes}");
    assert!(!notes.contains('\r'), "{notes:?}");
}

#[test]
fn raw_payloads_are_batched_on_every_worker_and_end_as_one_by_one_coding() {
    let mut payloads = corpus::articles(40);
    payloads[20] = payloads[3].clone();
    payloads[25] = b"{\"title\": \"unterminated".to_vec();
    payloads[30] = b"Japan and Russia hold talks\n\nJapan and Russia held talks in Moscow on Monday, officials said, and agreed to meet again."
        .to_vec();
    let dir = tempfile::tempdir().expect("tempdir");
    for (i, payload) in payloads.iter().enumerate() {
        write(&dir.path().join(format!("{i:03}.msg")), payload);
    }

    let settings = Layers::from_sources(None, HashMap::new())
        .and_then(|l| l.settings())
        .expect("default settings");
    let mut one_by_one = build_pipeline(&settings).expect("pipeline");
    let mut expected = String::new();
    for (i, payload) in payloads.iter().enumerate() {
        let input = Input::new(payload).received_at(Some(received_at(i as u64 + 1)));
        if let Outcome::Coded { events, .. } = one_by_one.process_input(input).outcome {
            for event in events {
                expected.push_str(&serde_json::to_string(&event).expect("json"));
                expected.push('\n');
            }
        }
    }

    for workers in ["1", "2", "3"] {
        let output = extract(
            None,
            &["--raw", path(dir.path())],
            &[("DEMARCHE__PIPELINE__WORKERS", workers)],
            b"",
        );
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(
            String::from_utf8(output.stdout.clone()).expect("utf-8"),
            expected,
            "{workers} workers"
        );
        let notes = stderr(&output);
        assert!(notes.contains("40 inputs: "), "{notes}");
        assert!(
            notes.contains("1 duplicates") && notes.contains("1 dead letters"),
            "{notes}"
        );
    }
}

#[test]
fn in_raw_mode_a_jsonl_file_is_still_read_line_by_line() {
    let payloads = corpus::articles(4);
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("a.msg"), &payloads[0]);
    write(&dir.path().join("b.jsonl"), &jsonl(&payloads[1..3]));
    write(&dir.path().join("c.json.gz"), &gzip(&payloads[3]));
    let raw = events(&["--raw", path(dir.path())]);
    let as_lines = extract(None, &[], &[], &jsonl(&payloads));
    assert!(!raw.is_empty());
    assert_eq!(raw.as_bytes(), as_lines.stdout);
}

/// (column, where the event JSON holds its value), the table's schema as the README gives it.
const SCHEMA: &[(&str, &str)] = &[
    ("event_id", "/event_id"),
    ("event_date", "/event_date"),
    ("date_precision", "/date_precision"),
    ("source_code", "/source/code"),
    ("source_country", "/source/country"),
    ("source_agent", "/source/agent"),
    ("source_name", "/source/name"),
    ("target_code", "/target/code"),
    ("target_country", "/target/country"),
    ("target_agent", "/target/agent"),
    ("target_name", "/target/name"),
    ("cameo_code", "/cameo/code"),
    ("cameo_root", "/cameo/root"),
    ("quad_class", "/cameo/quad_class"),
    ("goldstein", "/cameo/goldstein"),
    ("plover_category", "/plover/category"),
    ("place", "/location/text"),
    ("place_country", "/location/country"),
    ("confidence", "/confidence"),
    ("article_id", "/article_id"),
    ("article_url", "/article/url"),
    ("article_source", "/article/source"),
    ("article_title", "/article/title"),
    ("evidence", "/evidence/sentence"),
];

/// Checks that table rows (header first) say what the JSON events say, field by field.
fn assert_rows_match_events(rows: &[Vec<String>], events: &str) {
    let header: Vec<&str> = SCHEMA.iter().map(|(name, _)| *name).collect();
    assert_eq!(rows[0], header);
    let events: Vec<serde_json::Value> = events
        .lines()
        .map(|l| serde_json::from_str(l).expect("event json"))
        .collect();
    assert!(!events.is_empty());
    assert_eq!(rows.len() - 1, events.len());
    for (row, event) in rows[1..].iter().zip(&events) {
        for ((name, pointer), cell) in SCHEMA.iter().zip(row) {
            let value = event.pointer(pointer).unwrap_or(&serde_json::Value::Null);
            match value {
                serde_json::Value::Null => assert_eq!(cell, "", "{name}"),
                serde_json::Value::String(s) => assert_eq!(cell, s, "{name}"),
                serde_json::Value::Number(n) => {
                    let read: f64 = cell.parse().expect("a number");
                    assert_eq!(Some(read), n.as_f64(), "{name}");
                }
                other => panic!("{name}: unexpected {other}"),
            }
        }
    }
}

fn table_input() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut stream = vec![quoted_story("q-1")];
    stream.extend(corpus::articles(12));
    write(&dir.path().join("in.jsonl"), &jsonl(&stream));
    dir
}

#[test]
fn the_csv_table_reads_back_to_the_events_field_by_field() {
    let dir = table_input();
    let input = dir.path().join("in.jsonl");
    let csv_text = events(&["--format", "csv", path(&input)]);
    assert!(csv_text.contains("\"Japan, Russia \"\"agree\"\" on drills\""));
    assert!(csv_text.ends_with("\r\n"));
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| {
            r.expect("an RFC 4180 record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    assert_rows_match_events(&rows, &events(&[path(&input)]));
}

/// Undoes the TSV escapes: `\\`, `\t`, `\n`, `\r`.
fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            other => panic!("stray escape {other:?} in {field:?}"),
        }
    }
    out
}

#[test]
fn the_tsv_table_reads_back_to_the_events_field_by_field() {
    let dir = table_input();
    let input = dir.path().join("in.jsonl");
    let tsv = events(&["--format", "tsv", path(&input)]);
    let rows: Vec<Vec<String>> = tsv
        .lines()
        .map(|line| line.split('\t').map(unescape).collect())
        .collect();
    assert!(rows.iter().all(|r| r.len() == SCHEMA.len()));
    assert_rows_match_events(&rows, &events(&["--format", "jsonl", path(&input)]));
}

#[test]
fn a_file_that_cannot_be_read_stops_the_run_after_the_summary_naming_file_and_line() {
    let stream = corpus::articles(12);
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("a.jsonl");
    write(&good, &jsonl(&stream[..5]));
    let mut broken = gzip(&jsonl(&stream[5..10]));
    broken.truncate(broken.len() / 2);
    let bad = dir.path().join("b.jsonl.gz");
    write(&bad, &broken);
    write(&dir.path().join("c.jsonl"), &jsonl(&stream[10..]));
    let report = dir.path().join("report.jsonl");

    for args in [
        vec![path(dir.path())],
        vec!["--report", path(&report), path(dir.path())],
    ] {
        let output = extract(None, &args, &[], b"");
        assert!(!output.status.success());
        let notes = stderr(&output);
        let error = notes.lines().last().expect("an error line");
        assert!(
            error.starts_with(&format!("demarche: cannot read {}:", bad.display())),
            "{notes}"
        );
        let summary = notes.find(" inputs: ").expect("a summary");
        assert!(
            summary < notes.find("demarche: cannot read").expect("error"),
            "{notes}"
        );
        // What was read before the bad file is coded and written; nothing after it is read.
        let before = events(&[path(&good)]);
        let written = String::from_utf8(output.stdout).expect("utf-8");
        assert!(written.starts_with(&before), "{notes}");
        assert!(!written.contains("gen-000010"), "c.jsonl must not be read");
    }
    let report = std::fs::read_to_string(&report).expect("report");
    let last: serde_json::Value =
        serde_json::from_str(report.lines().last().expect("a line")).expect("json");
    assert_eq!(last["outcome"], "read_error");
    assert_eq!(last["file"], path(&bad));
    assert!(last["line"].as_u64().is_some_and(|l| l >= 1), "{last}");
}

#[test]
fn every_resend_and_copy_of_an_archive_dated_over_a_year_is_caught() {
    let stream = archive::stream();
    let payloads: Vec<Vec<u8>> = stream.iter().map(|m| m.payload.clone()).collect();
    let output = extract(None, &[], &[], &jsonl(&payloads));
    assert!(output.status.success(), "{}", stderr(&output));
    let notes = stderr(&output);
    let copies = stream.len() - archive::STORIES;
    assert!(
        notes.contains(&format!("{} inputs: ", stream.len()))
            && notes.contains(&format!(" {copies} duplicates")),
        "{notes}"
    );
    for (line, message) in stream.iter().enumerate() {
        if let Some(of) = &message.copy_of {
            let note = format!("<stdin>:{}: duplicate ", line + 1);
            assert!(notes.contains(&note), "{note} (of {of}) in {notes}");
        }
    }
}

#[test]
fn the_dedup_window_of_extract_counts_inputs() {
    // A window of 3 seconds: 3 inputs. Expiry runs when an article is coded, so a copy is
    // caught while its original is at most 3 inputs older than the last article coded.
    let a = corpus::article(0);
    let input = jsonl(&[
        a.clone(),
        corpus::article(1),
        corpus::article(2),
        a.clone(),
        corpus::article(3),
        corpus::article(4),
        a,
    ]);
    let window = [("DEMARCHE__DEDUP__WINDOW_SECS", "3")];
    let output = extract(None, &[], &window, &input);
    assert!(output.status.success(), "{}", stderr(&output));
    let notes = stderr(&output);
    assert!(notes.contains("<stdin>:4: duplicate gen-000000"), "{notes}");
    assert!(!notes.contains("<stdin>:7: duplicate"), "{notes}");
    assert!(notes.contains(" 1 duplicates"), "{notes}");
}

#[test]
fn without_dedup_a_copy_is_coded_again() {
    let original = quoted_story("q-1");
    let copy = quoted_story("q-2");
    let input = jsonl(&[original, copy]);
    let count = |args: &[&str]| {
        let output = extract(None, args, &[], &input);
        assert!(output.status.success(), "{}", stderr(&output));
        (
            String::from_utf8(output.stdout.clone())
                .expect("utf-8")
                .lines()
                .count(),
            stderr(&output),
        )
    };
    let (deduplicated, notes) = count(&[]);
    assert!(deduplicated > 0);
    assert!(notes.contains("<stdin>:2: duplicate q-2"), "{notes}");
    let (all, notes) = count(&["--no-dedup"]);
    assert_eq!(all, 2 * deduplicated, "{notes}");
    assert!(notes.contains("0 duplicates"), "{notes}");
}

#[test]
fn a_report_has_one_json_line_per_input_and_stderr_only_the_summary() {
    let stream = vec![
        quoted_story("q-1"),
        quoted_story("q-1"),
        b"{\"title\": \"unterminated".to_vec(),
        corpus::article(3),
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let report = dir.path().join("report.jsonl");
    let output = extract(
        None,
        &["--report", path(&report), "-"],
        &[],
        &jsonl(&stream),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("4 inputs: "),
        "{}",
        stderr(&output)
    );
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&report)
        .expect("report")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let outcomes: Vec<(&str, u64, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["outcome"].as_str().expect("outcome"),
                l["line"].as_u64().expect("line"),
                l["reason"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            ("published", 1, "-"),
            ("duplicate", 2, "exact"),
            ("dead_letter", 3, "invalid_json"),
            ("published", 4, "-"),
        ]
    );
    assert_eq!(lines[1]["duplicate_of"], "q-1");
    assert_eq!(lines[0]["file"], "<stdin>");
    let events = String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .count() as u64;
    assert_eq!(
        lines
            .iter()
            .filter_map(|l| l["events"].as_u64())
            .sum::<u64>(),
        events
    );
}

#[test]
fn dictionaries_come_from_the_folder_given() {
    let input = jsonl(&corpus::articles(5));
    let dictionaries = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dictionaries");
    let built_in = extract(None, &[], &[], &input);
    let from_folder = extract(None, &["--dictionaries", dictionaries], &[], &input);
    assert!(from_folder.status.success(), "{}", stderr(&from_folder));
    assert_eq!(from_folder.stdout, built_in.stdout);

    let missing = extract(
        None,
        &["--dictionaries", "/nonexistent/dictionaries"],
        &[],
        &input,
    );
    assert!(!missing.status.success());
    assert!(
        stderr(&missing).contains("/nonexistent/dictionaries"),
        "{}",
        stderr(&missing)
    );
}
