//! The coded diplomatic event: the output contract (`schemas/event.schema.json`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{ArticleId, DatePrecision, EventId};

/// One coded event: who did what to whom, when and where, and the sentence that says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiplomaticEvent {
    /// Deterministic id and Kafka key (see [`EventId::derive`]).
    pub event_id: EventId,
    /// The article the event was coded from.
    pub article_id: ArticleId,
    /// When the event happened, resolved against the article date.
    #[serde(flatten)]
    pub date: EventDate,
    /// Who acted.
    pub source: ActorRef,
    /// Whom the action was aimed at; `None` for codes that need no target.
    pub target: Option<ActorRef>,
    /// The CAMEO event code with its root, quad class and Goldstein value.
    pub cameo: CameoRef,
    /// The PLOVER category of the code, where PLOVER has one.
    pub plover: Option<PloverRef>,
    /// Where the event happened, only where the sentence states it.
    pub location: Option<Location>,
    /// The sentence that proves the event.
    pub evidence: Evidence,
    /// Strength of the match, 0 to 1.
    pub confidence: f64,
    /// Where the event was read.
    pub article: ArticleRef,
    /// Which coder and dictionaries produced it.
    pub coder: CoderInfo,
}

/// An event date and how precisely it is known; serialized as `event_date` and `date_precision`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// The day (for month or year precision, the first day of that period); `None` if unknown.
    pub event_date: Option<NaiveDate>,
    /// How precisely the date is known.
    pub date_precision: DatePrecision,
}

/// An actor as coded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    /// The words of the sentence that named the actor.
    pub text: String,
    /// CAMEO actor code ("JPNGOV", "RUSMIL", "IGOUNO").
    pub code: String,
    /// ISO 3166-1 alpha-3 country, if the actor is a state or part of one.
    pub country: Option<String>,
    /// Agent code qualifying the state ("GOV", "MIL"), if any.
    pub agent: Option<String>,
    /// The named person, if an office holder was recognised ("Fumio Kishida").
    pub name: Option<String>,
}

/// A CAMEO event code with the facts of the CAMEO table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CameoRef {
    /// Full code, 2 to 4 digits ("0312").
    pub code: String,
    /// Root category, 2 digits ("03").
    pub root: String,
    /// Name of the code.
    pub name: String,
    /// Quad class 1-4: verbal cooperation, material cooperation, verbal conflict, material conflict.
    pub quad_class: u8,
    /// Goldstein scale value, -10 to 10.
    pub goldstein: f64,
}

/// A PLOVER category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PloverRef {
    /// Category name ("AGREE", "CONSULT").
    pub category: String,
    /// Quad name ("verbal cooperation").
    pub quad: String,
}

/// A place stated in the sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The words that named the place ("Moscow").
    pub text: String,
    /// ISO 3166-1 alpha-3 of the place's country, if known.
    pub country: Option<String>,
}

/// The sentence that proves an event, with byte offsets into the normalized body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence text.
    pub sentence: String,
    /// Byte offset of the sentence start in `Article::body`.
    pub start: usize,
    /// Byte offset just past the sentence end.
    pub end: usize,
    /// The words that triggered the event code.
    pub trigger: TriggerSpan,
}

/// The trigger words and their byte offsets in `Article::body`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriggerSpan {
    /// The trigger text ("agreed to hold joint military ... exercises").
    pub text: String,
    /// Byte offset of the first trigger word.
    pub start: usize,
    /// Byte offset just past the last trigger word.
    pub end: usize,
}

/// What the event says of its article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRef {
    /// Canonical URL.
    pub url: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    /// Clean title.
    pub title: String,
    /// Publication time.
    pub published_at: Option<DateTime<Utc>>,
}

/// Versions of the coder and its dictionaries, so that a consumer can tell codings apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoderInfo {
    /// demarche version.
    pub version: String,
    /// Content hash of the dictionaries in use.
    pub dictionary_version: String,
}
