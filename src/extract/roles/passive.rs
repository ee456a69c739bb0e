//! The passive voice: "Kharkiv was shelled by Russian artillery" (the "by" group acts on the
//! subject), a passive without its agent, which names only the patient, and armed forces
//! deployed or withdrawn in the passive, which is their own side's act.

use super::{object, subject, Roles, Span};
use crate::extract::actors::ActorCode;
use crate::extract::dictionaries::Dictionaries;
use crate::extract::sentence::Sentence;
use crate::extract::tokens::Tokens;
use crate::extract::triggers::Trigger;
use crate::extract::word_classes::WordClass;

/// Whether the trigger at `first` follows a form of "be" ("was shelled", "were also killed").
pub(super) fn is_passive(tokens: &Tokens, first: usize) -> bool {
    let word = tokens.text(first).as_bytes();
    let ing = word.len() >= 3 && word[word.len() - 3..].eq_ignore_ascii_case(b"ing");
    // A trigger that holds its auxiliary ("been freed") is passive itself.
    if tokens.is(first, "been") {
        return true;
    }
    // "workers are on strike", "troops are on high alert", "talks are out of the question": a
    // trigger that opens with a preposition is a predicate of its subject, not a participle.
    if first == 0 || ing || tokens.is_any(first, &["on", "out", "in"]) {
        return false;
    }
    let mut k = first - 1;
    if k > 0 && (tokens.text(k).ends_with("ly") || tokens.is_any(k, &["also", "being"])) {
        k -= 1;
    }
    tokens.is_a(k, WordClass::Be)
}

/// "Kharkiv was shelled by Russian artillery", "two soldiers killed by suspected militants":
/// the "by" group acts on the subject. Without a "by" group the participle is an adjective ("we
/// are concerned") and the clause is active; a comment's participle is an adjective even with
/// one ("Japan is alarmed by China's buildup": Japan comments on China).
pub(super) fn passive_roles<'g>(ctx: &Sentence<'g>, t: &Trigger<'_>) -> Option<Roles<'g>> {
    let participle_by =
        ctx.tokens.is(t.first + 1, "by") && ctx.tokens.text(t.first).ends_with("ed");
    let comment = t.code.is_root(1);
    if comment || t.shift.is_some() || !(is_passive(ctx.tokens, t.first) || participle_by) {
        return None;
    }
    let source = ctx
        .groups
        .iter()
        .find(|g| g.first > t.first && g.first <= t.last + 10 && after_by(ctx.tokens, g.first))?;
    let target = ctx.groups.iter().rev().find(|g| g.last <= t.first);
    Some((source, target, false, false))
}

/// Whether the group starting at `first` is the agent of a passive: "by" right before it, or
/// before at most two lower-case words ("by the army", "by unidentified gunmen").
fn after_by(tokens: &Tokens, first: usize) -> bool {
    (1..=3).any(|back| {
        first >= back
            && tokens.is(first - back, "by")
            && (first - back + 1..first).all(|k| {
                tokens.tokens[k].is_word && tokens.text(k).starts_with(|c: char| c.is_lowercase())
            })
    })
}

/// "Two French diplomats were expelled from Iran", "aid agencies were ordered out of Darfur": an
/// expulsion in the passive names the expelling state after "from" or "out of"; the expelled
/// are its target.
fn expelled_from<'g>(
    ctx: &Sentence<'g>,
    dict: &Dictionaries,
    t: &Trigger<'_>,
    span: Span,
) -> Option<Roles<'g>> {
    if !matches!(
        t.code.as_str(),
        "161" | "166" | "1661" | "1662" | "1663" | "174"
    ) {
        return None;
    }
    let tokens = ctx.tokens;
    let source = ctx.groups.iter().find(|g| {
        let before = |back: usize, word: &str| g.first >= back && tokens.is(g.first - back, word);
        g.first > t.first
            && g.first <= t.last + 3
            && g.first < span.next
            && (before(1, "from") || (before(1, "of") && before(2, "out")))
    })?;
    let target = subject(ctx, dict, t.first, span.previous).filter(|g| g.last <= t.first);
    Some((source, target, false, false))
}

/// "Two French aid workers were freed in Mali", "the sailors have been released from
/// detention in Iran": a release in the passive without its agent was made by the side that
/// held them, the state where they were held; the released are its target.
fn released_in<'g>(
    ctx: &Sentence<'g>,
    dict: &Dictionaries,
    t: &Trigger<'_>,
    span: Span,
) -> Option<Roles<'g>> {
    const MAX_PLACE_GAP: usize = 6;
    if !t.code.within(84) {
        return None;
    }
    let source = ctx.groups.iter().find(|g| {
        g.locative && g.first > t.first && g.first <= t.last + MAX_PLACE_GAP && g.first < span.next
    })?;
    let target = subject(ctx, dict, t.first, span.previous).filter(|g| g.last <= t.first);
    Some((source, target, true, false))
}

/// "2,000 Kenyan troops were deployed as peacekeepers", "the last Russian soldiers were
/// withdrawn": a passive whose subject is armed forces reports what their own side did with
/// them (peacekeeping, a withdrawal). Other passives without an agent name only the patient.
pub(super) fn forces_moved<'g>(
    ctx: &Sentence<'g>,
    dict: &Dictionaries,
    t: &Trigger<'_>,
    span: Span,
) -> Option<Roles<'g>> {
    if let Some(roles) =
        expelled_from(ctx, dict, t, span).or_else(|| released_in(ctx, dict, t, span))
    {
        return Some(roles);
    }
    if !matches!(t.code.as_str(), "074" | "0874") {
        return None;
    }
    let source = subject(ctx, dict, t.first, span.previous)?;
    let military = source
        .members
        .iter()
        .all(|m| m.actor.agent == Some(ActorCode::MIL));
    let named = source.last < ctx.tokens.len()
        && (ctx.tokens.is_a(source.last, WordClass::Force)
            || ctx
                .tokens
                .is_any(source.last, &["peacekeepers", "peacekeeping"]));
    if !(military || named) {
        return None;
    }
    let (target, fallback) = object(ctx, dict, t, source, span.next);
    Some((source, target, fallback, false))
}
