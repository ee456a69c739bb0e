//! Article messages as a producer sends them (schemas/article.schema.json), built field by
//! field: a test names the fields that matter to it, and no other field is sent.

use serde_json::{Map, Value};

/// An input article being built; [`Article::payload`] is the message.
#[derive(Debug, Clone)]
pub struct Article(Map<String, Value>);

impl Article {
    /// An article in English with `id` and `body`: no title, URL, source or date.
    pub fn new(id: impl Into<String>, body: impl Into<String>) -> Self {
        Self(Map::new())
            .set("id", id.into())
            .set("body", body.into())
            .language("en")
    }

    /// The headline.
    pub fn title(self, title: impl Into<String>) -> Self {
        self.set("title", title.into())
    }

    /// The address the article was read at.
    pub fn url(self, url: impl Into<String>) -> Self {
        self.set("url", url.into())
    }

    /// The outlet that published it.
    pub fn source(self, source: impl Into<String>) -> Self {
        self.set("source", source.into())
    }

    /// The publication time, as RFC 3339 text ("2024-03-12T08:00:00Z").
    pub fn published_at(self, at: impl Into<String>) -> Self {
        self.set("published_at", at.into())
    }

    /// The language, as the producer states it (ISO 639-1).
    pub fn language(self, language: &str) -> Self {
        self.set("language", language.to_owned())
    }

    /// The message: the article as JSON.
    pub fn payload(&self) -> Vec<u8> {
        Value::Object(self.0.clone()).to_string().into_bytes()
    }

    fn set(mut self, field: &str, value: String) -> Self {
        self.0.insert(field.to_owned(), Value::String(value));
        self
    }
}

/// A normalized article, as the coder receives it: `body` published at 09:00 UTC on
/// `published` (YYYY-MM-DD), in English, with no dateline, URL or source.
pub fn normalized(id: &str, published: &str, body: &str) -> demarche::model::Article {
    use chrono::{NaiveDate, TimeZone, Utc};
    let date = NaiveDate::parse_from_str(published, "%Y-%m-%d").expect("test date");
    demarche::model::Article {
        id: demarche::model::ArticleId::new(id),
        url: None,
        source: None,
        title: String::new(),
        body: body.into(),
        published_at: date.and_hms_opt(9, 0, 0).map(|d| Utc.from_utc_datetime(&d)),
        date_precision: demarche::model::DatePrecision::Exact,
        language: "en".into(),
        wire_sources: Vec::new(),
        dateline: None,
    }
}
