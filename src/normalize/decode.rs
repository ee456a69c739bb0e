//! Decoding: message bytes -> [`RawArticle`], the fields as the producer sent them.
//!
//! A message is JSON when its first non-blank character is `{` (a parse failure is then an
//! `invalid_json` dead letter) or when it starts with `[` and parses (a JSON array is a
//! `not_an_object` dead letter; text such as `"[Updated] ..."` that does not parse is plain text).
//! Anything else is plain text whose first line is the title, or an HTML page when it starts
//! with a tag.

use serde_json::{Map, Value};

use super::NormalizeError;

/// The article text as sent: plain text or HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawBody {
    /// Text, possibly with navigation and credits pasted in.
    Text(String),
    /// An HTML page or fragment.
    Html(String),
}

/// A publication date as sent.
#[derive(Debug, Clone, PartialEq)]
pub enum RawDate {
    /// A date string in any of the formats [`super::dates::parse_date`] reads.
    Text(String),
    /// Unix seconds or milliseconds.
    Number(f64),
}

/// The fields of the input contract, before any cleaning.
#[derive(Debug, Clone, PartialEq)]
pub struct RawArticle {
    /// Producer's id (a JSON number is taken as its decimal text).
    pub id: Option<String>,
    /// Article URL, `url` or `link`.
    pub url: Option<String>,
    /// Publisher name.
    pub source: Option<String>,
    /// Title, `title` or `headline`; the first line of a plain-text message.
    pub title: Option<String>,
    /// The story, from `body`, `content`, `text` or `html`.
    pub body: RawBody,
    /// Publication date, from `published_at`, `date`, `pubDate` or `publishedAt`.
    pub published_at: Option<RawDate>,
    /// Language code as given.
    pub language: Option<String>,
}

/// Decodes one message: size cap, UTF-8, then JSON or plain text.
pub fn decode(payload: &[u8], max_bytes: usize) -> Result<RawArticle, NormalizeError> {
    if payload.len() > max_bytes {
        return Err(NormalizeError::TooLarge {
            size: payload.len(),
            limit: max_bytes,
        });
    }
    let text =
        std::str::from_utf8(payload).map_err(|e| NormalizeError::InvalidUtf8(e.to_string()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = text.trim_start();
    if start.starts_with('{') {
        let value: Value =
            serde_json::from_str(text).map_err(|e| NormalizeError::InvalidJson(e.to_string()))?;
        return from_json(value);
    }
    if start.starts_with('[') {
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            return from_json(value);
        }
    }
    from_plain_text(text)
}

/// Whether text is HTML rather than plain text: it starts with a tag, a comment or a doctype.
pub fn looks_like_html(text: &str) -> bool {
    let mut bytes = text.trim_start().bytes();
    bytes.next() == Some(b'<')
        && bytes
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'!')
}

fn from_plain_text(text: &str) -> Result<RawArticle, NormalizeError> {
    let (title, body) = if looks_like_html(text) {
        (None, RawBody::Html(text.to_owned()))
    } else {
        let text = text.trim_start_matches(['\n', '\r', ' ', '\t']);
        let (title, rest) = text.split_once('\n').unwrap_or((text, ""));
        (Some(title.to_owned()), RawBody::Text(rest.to_owned()))
    };
    let article = RawArticle {
        id: None,
        url: None,
        source: None,
        title,
        body,
        published_at: None,
        language: None,
    };
    require_body(article)
}

fn from_json(value: Value) -> Result<RawArticle, NormalizeError> {
    let mut map = match value {
        Value::Object(map) => map,
        other => {
            return Err(NormalizeError::NotAnObject {
                found: type_name(&other),
            })
        }
    };
    let text = take_string(&mut map, &["body", "content", "text"])?;
    let html = take_string(&mut map, &["html"])?;
    let body = match (text, html) {
        (Some(t), _) if !t.trim().is_empty() && looks_like_html(&t) => RawBody::Html(t),
        (Some(t), _) if !t.trim().is_empty() => RawBody::Text(t),
        (_, Some(h)) => RawBody::Html(h),
        (Some(t), None) => RawBody::Text(t),
        (None, None) => RawBody::Text(String::new()),
    };
    let article = RawArticle {
        id: take_id(&mut map)?,
        url: take_string(&mut map, &["url", "link"])?,
        source: take_string(&mut map, &["source"])?,
        title: take_string(&mut map, &["title", "headline"])?,
        body,
        published_at: take_date(&mut map)?,
        language: take_string(&mut map, &["language"])?,
    };
    require_body(article)
}

fn require_body(article: RawArticle) -> Result<RawArticle, NormalizeError> {
    let (RawBody::Text(b) | RawBody::Html(b)) = &article.body;
    if b.trim().is_empty() {
        return Err(NormalizeError::EmptyBody);
    }
    Ok(article)
}

/// The first of `names` present and not null, which must be a string.
fn take_string(
    map: &mut Map<String, Value>,
    names: &[&str],
) -> Result<Option<String>, NormalizeError> {
    for name in names {
        match map.remove(*name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => return Ok(Some(s)),
            Some(other) => return Err(invalid(name, "a string", &other)),
        }
    }
    Ok(None)
}

/// The longest article id accepted, in bytes: the id keys the dedup changelog and is copied
/// into every event, so it must stay small.
pub const MAX_ID_BYTES: usize = 512;

fn take_id(map: &mut Map<String, Value>) -> Result<Option<String>, NormalizeError> {
    let id = match map.remove("id") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => return Err(invalid("id", "a string or a number", &other)),
    };
    if id.len() > MAX_ID_BYTES {
        return Err(NormalizeError::IdTooLong { length: id.len() });
    }
    Ok(Some(id))
}

fn take_date(map: &mut Map<String, Value>) -> Result<Option<RawDate>, NormalizeError> {
    for name in ["published_at", "date", "pubDate", "publishedAt"] {
        match map.remove(name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => return Ok(Some(RawDate::Text(s))),
            Some(Value::Number(n)) => {
                let n = n.as_f64().ok_or_else(|| {
                    invalid(name, "a date string or unix time", &Value::Number(n))
                })?;
                return Ok(Some(RawDate::Number(n)));
            }
            Some(other) => return Err(invalid(name, "a date string or unix time", &other)),
        }
    }
    Ok(None)
}

fn invalid(field: &str, expected: &'static str, found: &Value) -> NormalizeError {
    NormalizeError::InvalidField {
        field: field.to_owned(),
        expected,
        found: type_name(found),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
