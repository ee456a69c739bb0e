//! Criterion benchmarks of event coding: the coder alone on single sentences (sentences/s/core)
//! and whole-article extraction (the reference article of the issue, where the team's shared
//! directory has it).

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use demarche::extract::Coder;
use demarche::model::{Article, ArticleId, DatePrecision};

// The tests' reference article (tests/it/support), read the same way.
#[path = "../tests/it/support/reference.rs"]
mod reference;
#[path = "../tests/it/support/shared.rs"]
mod shared;

/// News-style sentences: events, background, figures and sentences without actors.
const SENTENCES: &[&str] = &[
    "Japan and Russia agreed on Saturday to hold joint military exercises.",
    "Chinese and Russian warships began joint naval exercises in the East China Sea on Tuesday.",
    "U.S. and British forces launched air strikes against Iraqi targets on Thursday.",
    "South Korea, Japan and the United States condemned North Korea's fifth nuclear test.",
    "Japan's exports fell 9.3 percent in January from a year earlier, the steepest drop since 2009.",
    "Heavy snow closed roads across northern Japan on Sunday, leaving thousands of homes without power.",
    "Kyiv accused Moscow of sending tanks and armoured vehicles across the border into eastern Ukraine.",
    "Iran on Monday rejected a French proposal to renegotiate the 2015 nuclear deal.",
    "Oil prices edged higher on Wednesday as traders weighed fresh figures on crude inventories.",
    "Secretary of State Antony Blinken met Chinese President Xi Jinping in Beijing on Monday.",
    "The coronavirus outbreak has forced the cancellation of dozens of trade fairs across Asia.",
    "Russian President Vladimir Putin and Chinese President Jiang Zemin signed a friendship treaty in Moscow on Monday.",
];

fn article(body: &str) -> Article {
    Article {
        id: ArticleId::new("bench"),
        url: None,
        source: None,
        title: String::new(),
        body: body.to_owned(),
        published_at: Utc.with_ymd_and_hms(2013, 11, 2, 12, 0, 0).single(),
        date_precision: DatePrecision::Exact,
        language: "en".into(),
        wire_sources: Vec::new(),
        dateline: None,
    }
}

fn bench(c: &mut Criterion) {
    let coder = match Coder::embedded() {
        Ok(c) => c,
        Err(e) => panic!("the built-in dictionaries are invalid: {e}"),
    };
    let articles: Vec<Article> = SENTENCES.iter().map(|s| article(s)).collect();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Elements(articles.len() as u64));
    group.bench_function("coder_sentences", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(coder.code(black_box(a)));
            }
        })
    });
    // The reference article is not in the repository: without it, this one is not measured.
    if let Some(story) = reference::story() {
        let reference = article(&story);
        group.throughput(Throughput::Elements(1));
        group.bench_function("article_reference_dw", |b| {
            b.iter(|| black_box(coder.code(black_box(&reference))))
        });
    } else {
        eprintln!("extract/article_reference_dw skipped: no reference article");
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
