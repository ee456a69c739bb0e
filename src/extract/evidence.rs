//! Evidence: turning a coded trigger into the output event, with the sentence, its offsets, the
//! trigger span and its confidence.

use crate::model::{
    ActorRef, ArticleRef, DiplomaticEvent, EventDate, EventId, Evidence, Location, TriggerSpan,
};

use super::dictionaries::Dictionaries;
use super::groups::Member;
use super::roles::Coded;
use super::sentence::Sentence;

/// Builds the output event. It takes the coded event: its actors' names move into the output,
/// their codes are written out as the wire's strings.
pub fn build(
    ctx: &Sentence<'_>,
    dict: &Dictionaries,
    c: Coded,
    date: EventDate,
    location: Option<Location>,
    confidence: f64,
) -> Option<DiplomaticEvent> {
    let entry = dict.cameo.get(c.code)?;
    let source = actor_ref(ctx, c.source);
    let target = c.target.map(|t| actor_ref(ctx, t));
    let body = &ctx.article.body;
    let (first, last) = c.trigger;
    let (t_start, t_end) = (
        ctx.tokens.tokens[first].start,
        ctx.tokens.tokens[last - 1].end,
    );
    Some(DiplomaticEvent {
        event_id: EventId::derive(
            &ctx.article.id,
            ctx.index,
            &source.code,
            target.as_ref().map(|t| t.code.as_str()),
            c.code.as_str(),
        ),
        article_id: ctx.article.id.clone(),
        date,
        source,
        target,
        cameo: entry.cameo.clone(),
        plover: entry.plover.clone(),
        location,
        evidence: Evidence {
            sentence: body[ctx.span.start..ctx.span.end].to_owned(),
            start: ctx.span.start,
            end: ctx.span.end,
            trigger: TriggerSpan {
                text: body[t_start..t_end].to_owned(),
                start: t_start,
                end: t_end,
            },
        },
        confidence,
        article: ArticleRef {
            url: ctx.article.url.clone(),
            source: ctx.article.source.clone(),
            title: ctx.article.title.clone(),
            published_at: ctx.article.published_at,
        },
        coder: dict.info.clone(),
    })
}

fn actor_ref(ctx: &Sentence<'_>, m: Member) -> ActorRef {
    // An implied actor (the protesters of "a protest took place") has no words.
    let text = if m.last > m.first {
        let start = ctx.tokens.tokens[m.first].start;
        let end = ctx.tokens.tokens[m.last - 1].end;
        ctx.article.body[start..end].to_owned()
    } else {
        String::new()
    };
    ActorRef {
        text,
        code: m.actor.code.to_string(),
        country: m.actor.country.map(|c| c.to_string()),
        agent: m.actor.agent.map(|a| a.to_string()),
        name: m.actor.name,
    }
}
