//! `make eval-external`: the coder on externally labelled news (`../shared/eval`, see its
//! README for origin, licence and protocol): PLOVER-GSR sentences, ACLED notes and ConfliBERT
//! sentences, each item coded as a one-item article.
//!
//! Every set is split by item index parity: the even half is the one rules were developed on,
//! the odd half is held out; both are printed side by side, and a gap between them means a
//! change fitted its development half. Exits non-zero below the floors of either half, so a
//! change cannot silently make coding worse.
//!
//! Where the data is absent (a clone outside the team's machines), prints that it skipped and
//! why, and exits 0, unless `CI` is set: then a missing set is a failure.
//!
//! `EVAL_SET=plover|acled|conflibert` runs one set; `EVAL_VERBOSE=1` prints the development
//! half's misses; `DEMARCHE_EVAL_DATA=DIR` reads the sets from another folder;
//! `EVAL_DICTIONARIES=DIR` codes with the dictionaries in DIR, loaded and validated as the
//! daemon's `[extract] dictionaries` directory is, instead of those built into the binary, so
//! that a vocabulary change is measured without rebuilding (ACLED's gold countries are still
//! named with the built-in `countries.toml`, so that the figures stay comparable);
//! `EVAL_TRAIN_CONFIDENCE=FILE` fits the confidence model on the development halves' events and
//! writes its weights to FILE (`make train-confidence`).

#[path = "../support/eval_coder.rs"]
mod eval_coder;
mod score;
mod sets;
mod train;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, TimeZone, Utc};
use demarche::extract::{Coder, Features};
use demarche::model::{Article, ArticleId, DatePrecision, DiplomaticEvent};

use score::{Floor, Run};

/// Codes `text` as a one-sentence English article published at noon on `date`: its events and
/// the features of their confidence.
fn code(
    coder: &Coder,
    id: String,
    text: &str,
    date: NaiveDate,
) -> (Vec<DiplomaticEvent>, Vec<Features>) {
    let noon = date
        .and_hms_opt(12, 0, 0)
        .map(|d| Utc.from_utc_datetime(&d));
    let article = Article {
        id: ArticleId::new(id),
        url: None,
        source: None,
        title: String::new(),
        body: text.to_owned(),
        published_at: noon,
        date_precision: DatePrecision::Day,
        language: "en".into(),
        wire_sources: Vec::new(),
        dateline: None,
    };
    coder.code_with_features(&article).into_iter().unzip()
}

fn data_dir() -> PathBuf {
    std::env::var_os("DEMARCHE_EVAL_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"),
        PathBuf::from,
    )
}

fn main() -> ExitCode {
    // `cargo test` passes harness flags (`--test-threads 2`); this binary takes none.
    let dir = data_dir();
    if !dir.join("README.md").is_file() {
        let why = format!(
            "eval_external: skipped: the external sets are not at {} (set DEMARCHE_EVAL_DATA)",
            dir.display()
        );
        println!("{why}");
        return if std::env::var_os("CI").is_some() {
            eprintln!("eval_external: CI is set, so missing data is a failure");
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }
    let coder = match eval_coder::coder() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("eval_external: {e}");
            return ExitCode::FAILURE;
        }
    };
    let only = std::env::var("EVAL_SET").unwrap_or_default();
    let run_set = |name: &str| only.is_empty() || only == name;
    let mut run = Run {
        verbose: std::env::var_os("EVAL_VERBOSE").is_some(),
        ..Run::default()
    };
    let mut floors: Vec<Floor> = Vec::new();
    if run_set("plover") {
        let items = sets::plover(&dir).expect("PLOVER-GSR reads");
        floors.extend(score::plover(&coder, &items, &mut run));
    }
    if run_set("acled") {
        let countries =
            sets::country_codes(include_str!("../../config/dictionaries/countries.toml"));
        let items = sets::acled(&dir, &countries).expect("ACLED reads");
        floors.extend(score::acled(&coder, &items, &mut run));
    }
    if run_set("conflibert") {
        let items = sets::conflibert(&dir).expect("ConfliBERT reads");
        floors.extend(score::conflibert(&coder, &items, &mut run));
        let tagged = sets::conflibert_tags(&dir).expect("ConfliBERT tags read");
        score::conflibert_sources(&coder, &tagged);
    }
    println!(
        "\nbare statements (010, 012-014, 019 without a target), even / odd half: {} / {}",
        run.statements[0], run.statements[1]
    );
    floors.extend(run.calibration.print());
    floors.extend(score::floors(
        "no bare statements (1 means none)",
        run.statements.map(|n| f64::from(u8::from(n == 0))),
        1.0,
    ));
    if let Some(path) = std::env::var_os("EVAL_TRAIN_CONFIDENCE") {
        let samples = &run.calibration.samples;
        let text = train::file(&train::fit(samples), samples.len());
        std::fs::write(&path, text).expect("the confidence file is written");
        println!(
            "confidence model written to {}",
            PathBuf::from(path).display()
        );
    }
    let failed: Vec<&Floor> = floors.iter().filter(|f| !f.met()).collect();
    for f in &failed {
        eprintln!("eval_external: below the floor: {f}");
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
