//! Mentions for the aggregation tests: one consultation of China's government by the United
//! States', reported by any article, outlet and date.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::model::{
    ActorRef, ArticleId, ArticleRef, CameoRef, CoderInfo, DatePrecision, DiplomaticEvent,
    EventDate, EventId, Evidence, PloverRef, TriggerSpan,
};

pub fn actor(code: &str) -> ActorRef {
    ActorRef {
        text: code.to_owned(),
        code: code.to_owned(),
        country: Some(code[..3].to_owned()),
        agent: code.get(3..).map(str::to_owned),
        name: None,
    }
}

/// A consultation of China's government by the United States' on `date`, reported in sentence
/// `sentence` of `article` by `outlet`.
pub fn mention(
    article: &str,
    sentence: usize,
    outlet: Option<&str>,
    date: &str,
) -> DiplomaticEvent {
    dated(article, sentence, outlet, date, DatePrecision::Day)
}

pub fn dated(
    article: &str,
    sentence: usize,
    outlet: Option<&str>,
    date: &str,
    precision: DatePrecision,
) -> DiplomaticEvent {
    let article_id = ArticleId::new(article);
    let text = "The two foreign ministers met in Geneva for talks on trade.";
    DiplomaticEvent {
        event_id: EventId::derive(&article_id, sentence, "USAGOV", Some("CHNGOV"), "036"),
        article_id,
        date: EventDate {
            event_date: Some(date.parse().expect("date")),
            date_precision: precision,
        },
        source: actor("USAGOV"),
        target: Some(actor("CHNGOV")),
        cameo: CameoRef {
            code: "036".into(),
            root: "03".into(),
            name: "Express intent to meet or negotiate".into(),
            quad_class: 1,
            goldstein: 4.0,
        },
        plover: Some(PloverRef {
            category: "CONSULT".into(),
            quad: "verbal cooperation".into(),
        }),
        location: None,
        evidence: Evidence {
            sentence: text.into(),
            start: 0,
            end: text.len(),
            trigger: TriggerSpan {
                text: "met".into(),
                start: 26,
                end: 29,
            },
        },
        confidence: 0.8,
        article: ArticleRef {
            url: Some(format!("https://news.example.org/{article}")),
            source: outlet.map(str::to_owned),
            title: "Ministers meet in Geneva".into(),
            published_at: None,
        },
        coder: CoderInfo {
            version: "test".into(),
            dictionary_version: "test".into(),
        },
    }
}

/// 2024-03-12 at `hour` o'clock.
pub fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, 12, hour, 0, 0).unwrap()
}

/// Noon of `text` (YYYY-MM-DD).
pub fn day(text: &str) -> DateTime<Utc> {
    let date: NaiveDate = text.parse().expect("date");
    date.and_hms_opt(12, 0, 0).expect("noon").and_utc()
}
