//! Who did it to whom: source and target assignment for every trigger of a sentence, with the
//! marker shifts (intent, refusal, threat), negation, hedging, passive voice, reported speech,
//! compound and reciprocal actors.

mod clauses;
mod nominal;
mod passive;
mod purpose;
mod speech;
mod subject;

use super::cameo::{CameoCode, Shift};
use super::dictionaries::Dictionaries;
use super::dictionary::TargetRule;
use super::groups::{Group, Member};
use super::patterns::{Action, Match};
use super::sentence::Sentence;
use super::triggers::{hedged, hypothetical, negated, resolve_markers, Trigger};
use nominal::{background, head_of, inner_agent};
use passive::{forces_moved, is_passive, passive_roles};
use speech::{attribution, is_obligation, is_reported_blame, reported_speaker, speaker};
use subject::subject;

/// How far after a trigger a target may start.
const MAX_TARGET_DISTANCE: usize = 12;

/// One coded event before it becomes a [`crate::model::DiplomaticEvent`].
#[derive(Debug, Clone, PartialEq)]
pub struct Coded {
    /// Who acted.
    pub source: Member,
    /// Whom it was aimed at.
    pub target: Option<Member>,
    /// CAMEO code.
    pub code: CameoCode,
    /// Trigger tokens `[first, last)`.
    pub trigger: (usize, usize),
    /// Whether it is a bare statement.
    pub statement: bool,
    /// Whether a hedge ("may", "reportedly") precedes it.
    pub hedged: bool,
    /// Whether an actor came from an anaphor.
    pub anaphoric: bool,
    /// Whether the source came from a quotation's attribution or a locative target was used.
    pub indirect: bool,
    /// Pattern strength.
    pub specificity: usize,
    /// The marker's shift of the code, if any ("will" + "meet": intent).
    pub shift: Option<Shift>,
}

/// Codes every trigger of the sentence.
pub fn assign(ctx: &Sentence<'_>, dict: &Dictionaries, matches: &[Match]) -> Vec<Coded> {
    let triggers = resolve_markers(ctx, dict, matches);
    let mut out = Vec::new();
    for (i, t) in triggers.iter().enumerate() {
        if aid_purpose(ctx, &triggers, i) {
            continue;
        }
        // The aid reaches over its purpose to whom it helps.
        let after = if aid_purpose(ctx, &triggers, i + 1) {
            i + 2
        } else {
            i + 1
        };
        let next = triggers.get(after).map_or(ctx.tokens.len(), |n| n.first);
        let previous = i
            .checked_sub(1)
            .map(|p| (triggers[p].first, triggers[p].last));
        if negated(ctx, dict, t) || hypothetical(ctx, t) {
            continue;
        }
        code_trigger(ctx, dict, t, Span { previous, next }, &mut out);
    }
    out
}

/// "provided $2 billion in aid to support Syrian refugees": support right after aid is the aid's
/// purpose, not an endorsement of its own.
fn aid_purpose(ctx: &Sentence<'_>, triggers: &[Trigger<'_>], i: usize) -> bool {
    let (Some(t), Some(before)) = (triggers.get(i), i.checked_sub(1).map(|b| &triggers[b])) else {
        return false;
    };
    t.code == "051"
        && t.shift.is_none()
        && ctx.tokens.is(t.first.saturating_sub(1), "to")
        && before.code.is_root(7)
        && before.shift.is_none()
}

/// Whether `x` may be the target of `s`: not the same actor, and not the same state when one of
/// them is the bare state ("Japan" and "Japan's government" are one side).
fn distinct(s: &Member, x: &Member) -> bool {
    let same_state = s.actor.country.is_some() && s.actor.country == x.actor.country;
    s.actor.code != x.actor.code
        && !(same_state && (s.actor.agent.is_none() || x.actor.agent.is_none()))
}

/// Where a trigger's clause may reach: the trigger before it (first and last tokens), the start
/// of the one after it.
#[derive(Debug, Clone, Copy)]
struct Span {
    previous: Option<(usize, usize)>,
    next: usize,
}

/// Appends the events of one trigger to `out`.
fn code_trigger(
    ctx: &Sentence<'_>,
    dict: &Dictionaries,
    t: &Trigger<'_>,
    span: Span,
    out: &mut Vec<Coded>,
) {
    let rule = dict
        .cameo
        .get(t.code)
        .map_or(TargetRule::Optional, |e| e.target);
    let (sources, targets, indirect, reciprocal) = match roles(ctx, dict, t, span) {
        Some(r) => r,
        None => return,
    };
    let hedged = hedged(ctx, dict, t.first);
    let anaphoric = sources.anaphoric || targets.is_some_and(|g| g.anaphoric);
    // Each event is built once from borrowed parts: a cloned template would copy the source
    // actor only to drop it.
    let event = |s: &Member, x: Option<&Member>| Coded {
        source: s.clone(),
        target: x.cloned(),
        code: t.code,
        trigger: (t.first, t.last),
        statement: t.statement,
        hedged,
        anaphoric,
        indirect,
        specificity: t.m.specificity,
        shift: t.shift,
    };
    match targets {
        Some(tg) => {
            for s in &sources.members {
                let mut targets = tg.members.iter().filter(|x| distinct(s, x)).peekable();
                // "Israel refused to release prisoners": an object of the source's own state
                // is no target, but the act still happened where a target is optional.
                if targets.peek().is_none() && rule == TargetRule::Optional {
                    out.push(event(s, None));
                }
                for x in targets {
                    out.push(event(s, Some(x)));
                }
            }
        }
        None if reciprocal && sources.members.len() >= 2 => {
            for s in &sources.members {
                for x in sources.members.iter().filter(|x| distinct(s, x)) {
                    out.push(event(s, Some(x)));
                }
            }
        }
        None if rule == TargetRule::Optional => {
            for s in &sources.members {
                out.push(event(s, None));
            }
        }
        None => {}
    }
}

type Roles<'g> = (&'g Group, Option<&'g Group>, bool, bool);

/// The source group, the target group, whether either was found indirectly, and whether the
/// source acts reciprocally.
fn roles<'g>(
    ctx: &Sentence<'g>,
    dict: &Dictionaries,
    t: &Trigger<'_>,
    span: Span,
) -> Option<Roles<'g>> {
    // "mediated between Togo and Benin": the parties are whom the mediator acts on.
    let mediation = matches!(&t.m.action, Action::Event { code, .. } if code == "045");
    if let Some(g) = between_group(ctx, t).filter(|_| !mediation) {
        return Some((g, None, false, true));
    }
    if let Some(r) = passive_roles(ctx, t) {
        return Some(r);
    }
    // "Two soldiers were killed", "ties were cut": a passive without its agent names only the
    // patient, which is not the source. (A comment's participle is an adjective: "Japan is
    // concerned".)
    if t.shift.is_none() && !t.code.is_root(1) && is_passive(ctx.tokens, t.first) {
        return forces_moved(ctx, dict, t, span);
    }
    let headed = head_of(ctx, t)
        .or_else(|| subject(ctx, dict, t.first, span.previous))
        .or_else(|| inner_agent(ctx, t));
    let (source, attributed) = match headed {
        Some(g) => (g, false),
        None => (attribution(ctx, dict, t.last)?, true),
    };
    if is_obligation(ctx, t) || is_reported_blame(ctx, t) {
        // "Canada said Venezuela must free the detainees": Canada demands it of Venezuela;
        // "Israel said Hezbollah was behind the attack": Israel accuses Hezbollah.
        let speaker = reported_speaker(ctx, dict, source)?;
        return Some((speaker, Some(source), false, false));
    }
    let as_noun = t.first > 0
        && ctx.tokens.is_any(
            t.first - 1,
            &["the", "a", "an", "its", "their", "his", "her"],
        );
    if t.compound_only && (source.members.len() < 2 || as_noun) {
        return None;
    }
    if t.shift.is_none() && background(ctx, t) {
        return None;
    }
    let (target, fallback) = object(ctx, dict, t, source, span.next);
    Some((source, target, attributed || fallback, t.reciprocal))
}

/// "talks between Japan and Russia": the group after "between" acts reciprocally.
fn between_group<'g>(ctx: &Sentence<'g>, t: &Trigger<'_>) -> Option<&'g Group> {
    let k = if ctx
        .tokens
        .is_any(t.last.saturating_sub(1), &["between", "among"])
    {
        t.last
    } else if ctx.tokens.is_any(t.last, &["between", "among"]) {
        t.last + 1
    } else {
        return None;
    };
    ctx.groups.iter().find(|g| {
        (g.first == k || (g.first == k + 1 && ctx.tokens.is(k, "the"))) && g.members.len() >= 2
    })
}

/// The target: the pattern's `@` slot, else the first group after the trigger start that is not
/// the source, before the next trigger; a locative group only for material actions.
fn object<'g>(
    ctx: &Sentence<'g>,
    dict: &Dictionaries,
    t: &Trigger<'_>,
    source: &Group,
    next: usize,
) -> (Option<&'g Group>, bool) {
    if let Some((start, _)) = t.slot {
        return (
            ctx.groups
                .iter()
                .find(|g| g.first <= start && start < g.last),
            false,
        );
    }
    if t.statement || t.code == "010" || t.code == "011" {
        return (None, false);
    }
    // A compound acting reciprocally ("A and B met on the sidelines of the APEC summit") takes
    // only an object right after the trigger.
    let reach = if t.reciprocal && source.members.len() >= 2 {
        2
    } else {
        MAX_TARGET_DISTANCE
    };
    let mut fallback = None;
    let mut topic = None;
    for g in ctx
        .groups
        .iter()
        .filter(|g| g.first > t.first && g.first != source.first)
    {
        if blocked(ctx, dict, t, g, reach, next) || speaker(ctx, dict, g) {
            break;
        }
        // "Egypt refused to send troops to Yemen": the source's own side is no target.
        let own_side = g
            .members
            .iter()
            .all(|x| source.members.iter().any(|s| !distinct(s, x)));
        if own_side {
            continue;
        }
        if g.locative {
            fallback.get_or_insert(g);
            continue;
        }
        // "shared intelligence on North Korea's launch with Japan": an owner named as the
        // topic gives way to a later "with" or "to" partner.
        let owner = g.last < ctx.tokens.len() && ctx.tokens.is(g.last, "'s");
        if owner && (reach == 2 || topic.is_none()) {
            if reach != 2 {
                topic = Some(g);
            }
            continue;
        }
        let partner = g.first > 0 && ctx.tokens.is_any(g.first - 1, &["with", "to"]);
        if topic.is_some() && !partner {
            continue;
        }
        return (Some(g), false);
    }
    if topic.is_some() {
        return (topic, false);
    }
    locative_target(t, fallback)
}

/// Whether group `g` is out of the trigger's reach: too far, past the next trigger, or behind a
/// semicolon or a reporting verb.
fn blocked(
    ctx: &Sentence<'_>,
    dict: &Dictionaries,
    t: &Trigger<'_>,
    g: &Group,
    reach: usize,
    next: usize,
) -> bool {
    g.first > t.last + reach
        || (g.first > next && next > t.first)
        || (t.last..g.first)
            .any(|k| ctx.tokens.is(k, ";") || dict.patterns.is_reporting(ctx.tokens, k))
}

/// A locative group ("strikes in Syria") is the target of material actions only; the flag says
/// the target is locative. A reduction of relations in a place ("suspended aid deliveries in
/// Baghdad", "forced aid workers out of Rakhine") is aimed at that place's state.
fn locative_target<'g>(t: &Trigger<'_>, fallback: Option<&'g Group>) -> (Option<&'g Group>, bool) {
    let material = matches!(t.code.root(), 7 | 15 | 16 | 17 | 18 | 19 | 20);
    match fallback {
        Some(g) if material => (Some(g), true),
        _ => (None, false),
    }
}
