//! Normalization throughput, plain text and HTML, in bytes per second of input.
//!
//! `cargo bench --bench normalize`. Inputs are generated here: articles of about 6 KB of story
//! with the navigation, share lines, credits and (for HTML) the page chrome scrapers send.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use demarche::normalize::Normalizer;
use demarche::settings::Valid;

/// Story vocabulary; function words repeat so that they make up about a quarter of the text,
/// as in English news prose.
const WORDS: &[&str] = &[
    "minister",
    "talks",
    "agreed",
    "security",
    "cooperation",
    "border",
    "treaty",
    "officials",
    "said",
    "the",
    "government",
    "would",
    "continue",
    "negotiations",
    "with",
    "its",
    "neighbour",
    "after",
    "meeting",
    "in",
    "capital",
    "on",
    "defence",
    "trade",
    "record",
    "growth",
    "region",
    "the",
    "of",
    "and",
    "to",
    "a",
    "the",
    "that",
    "was",
    "for",
    "the",
    "of",
    "and",
    "to",
];

/// A deterministic story: `paragraphs` paragraphs of four sentences.
fn story(paragraphs: usize, seed: usize) -> Vec<String> {
    let mut n = seed;
    let mut next = || {
        n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (n >> 33) % WORDS.len()
    };
    (0..paragraphs)
        .map(|_| {
            (0..4)
                .map(|_| {
                    let len = 10 + next() % 12;
                    let words: Vec<&str> = (0..len).map(|_| WORDS[next()]).collect();
                    let s = words.join(" ");
                    let mut c = s.chars();
                    let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or('X');
                    format!("{first}{}.", c.as_str())
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn plain_article(seed: usize) -> String {
    let mut s = String::from("Ministers agree on new trade pact | News | DW | 14.03.2021\n");
    s.push_str("  1. Content\n  2. Navigation\n  3. More content\n  4. Search\n\n");
    s.push_str("Ministers agree on new trade pact\n\n");
    for p in story(12, seed) {
        s.push_str(&p);
        s.push_str("\n\n");
    }
    s.push_str("Share on Facebook\nTwitter\n\nabc/xyz (Reuters, AFP, AP)\n");
    s
}

fn html_article(seed: usize) -> String {
    let mut s = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Ministers agree on new trade pact | DW</title>\
         <meta property=\"og:site_name\" content=\"DW\"><style>body{margin:0}</style>\
         <script>var x = '<p>not text</p>';</script></head><body>\
         <header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li>\
         </ul></nav></header><main><article><h1>Ministers agree on new trade pact</h1>",
    );
    for (i, p) in story(12, seed).iter().enumerate() {
        if i % 4 == 3 {
            s.push_str("<h2>A sub&shy;heading</h2>");
        }
        s.push_str("<p class=\"story-paragraph\">");
        s.push_str(&p.replace("agreed", "<a href=\"/x?utm_source=y\">agreed</a>&nbsp;"));
        s.push_str("</p>\n");
    }
    s.push_str(
        "<p>abc/xyz (Reuters, AFP)</p></article><aside><h3>Related</h3><ul><li>Other story</li>\
         </ul></aside></main><footer>&copy; 2013 DW. All rights reserved.</footer>\
         <div style=\"display: none\">hidden</div></body></html>",
    );
    s
}

fn bench(c: &mut Criterion) {
    let normalizer = Normalizer::new(&Valid::documented()).expect("default config");
    let mut group = c.benchmark_group("normalize");
    for (name, make) in [
        ("plain_text", plain_article as fn(usize) -> String),
        ("html", html_article),
    ] {
        let inputs: Vec<String> = (0..16).map(make).collect();
        let bytes: usize = inputs.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::new(name, bytes), &inputs, |b, inputs| {
            b.iter(|| {
                for input in inputs {
                    let article = normalizer.normalize(input.as_bytes());
                    assert!(article.is_ok());
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
