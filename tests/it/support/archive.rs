//! An archive fed as a stream: stories dated over a year, read in an order that mixes the
//! dates, each followed a little later by an exact re-send, a copy under another id at the same
//! URL and a copy of its body under another id and URL.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::article::Article;

/// Stories in the archive, dated fifteen days apart: a year.
pub const STORIES: usize = 24;

const LEAD: &str =
    "Japan and Russia agreed on Tuesday to hold joint naval exercises next year, officials said.";

/// One message of the stream.
#[derive(Debug, Clone)]
pub struct Message {
    /// The payload.
    pub payload: Vec<u8>,
    /// For a re-send or a copy, the id of the original it copies; `None` for an original.
    pub copy_of: Option<String>,
}

/// The stream: after each story (but the first three), the three copies of the story read
/// three stories before; then the copies of the last three.
pub fn stream() -> Vec<Message> {
    let order = order();
    let mut stream = Vec::new();
    for (s, &k) in order.iter().enumerate() {
        stream.push(Message {
            payload: original(k).payload(),
            copy_of: None,
        });
        if s >= 3 {
            stream.extend(copies(order[s - 3]));
        }
    }
    for &k in &order[STORIES - 3..] {
        stream.extend(copies(k));
    }
    stream
}

/// The ids of the originals, in the order read.
pub fn originals() -> Vec<String> {
    order().into_iter().map(id).collect()
}

/// Story numbers in the order read: 0, 7, 14, 21, 4, 11, ... (dates jump back and forth).
fn order() -> Vec<usize> {
    (0..STORIES).map(|s| s * 7 % STORIES).collect()
}

fn id(k: usize) -> String {
    format!("story-{k}")
}

fn date(k: usize) -> DateTime<Utc> {
    let first = Utc.with_ymd_and_hms(2023, 3, 1, 8, 0, 0).unwrap();
    first + Duration::days(15 * k as i64)
}

/// Story `k`'s body: a lead sentence and words of its own, so no two stories look alike.
fn body(k: usize) -> String {
    let own: Vec<String> = (0..40).map(|w| format!("w{k}x{w}")).collect();
    format!("{LEAD}\n\nThe report number {k} said: {}.", own.join(" "))
}

fn original(k: usize) -> Article {
    Article::new(id(k), body(k))
        .title(format!("Talks, part {k}"))
        .url(format!("https://one.example.org/{k}"))
        .published_at(date(k).to_rfc3339())
}

/// An exact re-send, a copy at the same URL (updated headline), a copy of the body elsewhere.
fn copies(k: usize) -> [Message; 3] {
    let same_url = Article::new(format!("{}-same-url", id(k)), body(k))
        .title(format!("Talks (updated), part {k}"))
        .url(format!("https://one.example.org/{k}"))
        .published_at((date(k) + Duration::hours(2)).to_rfc3339());
    let same_body = Article::new(format!("{}-same-body", id(k)), body(k))
        .title(format!("Talks, part {k}"))
        .url(format!("https://two.example.net/{k}"))
        .published_at((date(k) + Duration::days(1)).to_rfc3339());
    [original(k), same_url, same_body].map(|a| Message {
        payload: a.payload(),
        copy_of: Some(id(k)),
    })
}
