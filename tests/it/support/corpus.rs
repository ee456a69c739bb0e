//! A generated stream of distinct news-style articles (JSON), for restart and fault tests.

use super::article::Article;

/// (name, adjective) of the states the generator writes about.
const STATES: &[(&str, &str)] = &[
    ("Japan", "Japanese"),
    ("Russia", "Russian"),
    ("China", "Chinese"),
    ("France", "French"),
    ("Germany", "German"),
    ("India", "Indian"),
    ("Brazil", "Brazilian"),
    ("Egypt", "Egyptian"),
    ("Turkey", "Turkish"),
    ("Kenya", "Kenyan"),
    ("Mexico", "Mexican"),
    ("Canada", "Canadian"),
];

/// Sentence shapes, filled with two states (by name or adjective) and a number.
const SHAPES: &[&str] = &[
    "{A} and {B} agreed to hold talks on trade and security, officials said.",
    "The {a} government criticized {B} over a fishing dispute involving {n} boats.",
    "{A} accused {B} of violating its airspace {n} times this year.",
    "{a} troops held joint exercises with {b} forces near the border.",
    "{A} signed an agreement with {B} to build {n} kilometres of railway.",
    "{A} sent humanitarian aid to {B} after floods displaced {n} families.",
    "{a} police arrested {n} {b} fishermen, the foreign ministry said.",
    "{A} praised {B} for its role in the negotiations.",
    "{A} urged {B} to release {n} detained aid workers.",
    "{A} rejected a proposal by {B} to cut tariffs on {n} goods.",
];

/// The `i`-th generated article, as a JSON message payload.
pub fn article(i: usize) -> Vec<u8> {
    let a = STATES[i % STATES.len()];
    let b = STATES[(i / STATES.len() + 1 + i) % STATES.len()];
    let b = if a.0 == b.0 {
        STATES[(i + 5) % STATES.len()]
    } else {
        b
    };
    let mut sentences = Vec::new();
    for k in 0..2 {
        let shape = SHAPES[(i * 7 + k * 3) % SHAPES.len()];
        sentences.push(
            shape
                .replace("{A}", a.0)
                .replace("{B}", b.0)
                .replace("{a}", a.1)
                .replace("{b}", b.1)
                .replace("{n}", &(10 + i * 3 + k).to_string()),
        );
    }
    // Publication times increase through the stream, as in a live feed, a minute apart.
    let (hour, minute) = (i / 60, i % 60);
    Article::new(format!("gen-{i:06}"), sentences.join("\n\n"))
        .url(format!("https://news.example.org/generated/{i}"))
        .source("Example Wire")
        .title(format!("{} and {}: report {i}", a.0, b.0))
        .published_at(format!(
            "2024-05-{:02}T{:02}:{minute:02}:00Z",
            1 + hour / 24,
            hour % 24
        ))
        .payload()
}

/// The first `n` generated articles.
pub fn articles(n: usize) -> Vec<Vec<u8>> {
    (0..n).map(article).collect()
}
