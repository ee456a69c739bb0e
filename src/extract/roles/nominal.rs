//! Event nouns: whose event a noun names ("Iran's rejection of the plan", "the withdrawal of
//! Ethiopian troops from Somalia") and whether it reports the event or names one the reader
//! already knows of ("since Russia's invasion of Ukraine").

use crate::extract::groups::Group;
use crate::extract::sentence::Sentence;
use crate::extract::triggers::Trigger;
use crate::extract::word_classes::WordClass;

/// "A Nigerian court has convicted ...", "UN peacekeepers arrived in ...": a trigger that opens
/// with the last words of an actor's name (the noun the phrase is about) has that actor as its
/// subject.
pub(super) fn head_of<'g>(ctx: &Sentence<'g>, t: &Trigger<'_>) -> Option<&'g Group> {
    ctx.groups
        .iter()
        .find(|g| g.first <= t.first && t.first < g.last && g.last < t.last)
}

/// "The withdrawal of Ethiopian troops from Somalia began": an event noun whose phrase names
/// its target in the `@` slot names its agent after "of" or "by" before it.
pub(super) fn inner_agent<'g>(ctx: &Sentence<'g>, t: &Trigger<'_>) -> Option<&'g Group> {
    let (slot, _) = t.slot?;
    ctx.groups.iter().find(|g| {
        g.first > t.first
            && g.last <= slot
            && (g.first.saturating_sub(2)..g.first).any(|k| ctx.tokens.is_any(k, &["of", "by"]))
    })
}

/// Whether the trigger names an event as background rather than reporting it.
pub(super) fn background(ctx: &Sentence<'_>, t: &Trigger<'_>) -> bool {
    // "told ... that upgrading defense ties could serve": a gerund opening a clause.
    let gerund = ctx.tokens.text(t.first).ends_with("ing")
        && (t.first == 0 || ctx.tokens.is_any(t.first - 1, &["that", "of", "for"]));
    // "will release a kidnapped volunteer": a lone participle after an article is an adjective.
    let adjective = t.last == t.first + 1
        && ctx.tokens.text(t.first).ends_with("ed")
        && t.first > 0
        && ctx.tokens.is_any(t.first - 1, &["a", "an", "the"]);
    names_known_event(ctx, t.first) || gerund || adjective
}

/// Whether the event noun at token `first` names an event the reader already knows of: owned
/// ("since Russia's invasion of Ukraine", "after Seoul's offer of talks"), unless its owner
/// opens the clause as the subject ("Iran's rejection of the plan angered Washington" reports
/// the rejection); or after a preposition and an article, the topic of another event ("claimed
/// responsibility for the drone attacks").
fn names_known_event(ctx: &Sentence<'_>, first: usize) -> bool {
    let in_group = |k: usize| ctx.groups.iter().any(|g| g.first <= k && k < g.last);
    let owner_at = if first > 0 && ctx.tokens.is(first - 1, "'s") {
        Some(first - 1)
    } else if first > 1 && ctx.tokens.is(first - 2, "'s") && !in_group(first - 1) {
        Some(first - 2)
    } else {
        None
    };
    let owned = owner_at.is_some_and(|k| !owner_is_subject(ctx, k));
    const TOPIC: &[&str] = &[
        "for", "of", "over", "about", "against", "after", "before", "despite", "since", "during",
    ];
    let topic =
        first >= 2 && ctx.tokens.is(first - 1, "the") && ctx.tokens.is_any(first - 2, TOPIC);
    owned || topic
}

/// Whether the actor whose "'s" is token `k` stands where a subject does, at the start of the
/// sentence or of a coordinated clause: "Iran's refusal ...", "..., and Iran's refusal ...",
/// "The EU's decision ...". (`clauses::opens_clause` asks another question: whether a group is
/// the subject of a subordinate clause its verb opens.)
fn owner_is_subject(ctx: &Sentence<'_>, k: usize) -> bool {
    let Some(owner) = ctx.groups.iter().find(|g| g.last == k) else {
        return false;
    };
    let first = match owner.first {
        f if f > 0 && ctx.tokens.is(f - 1, "the") => f - 1,
        f => f,
    };
    first == 0
        || ctx.tokens.is_a(first - 1, WordClass::ClauseEnd)
        || ctx
            .tokens
            .is_any(first - 1, &["and", "but", "while", "whereas"])
}
