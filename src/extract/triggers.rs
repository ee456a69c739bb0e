//! Triggers: event matches paired with the marker before them ("agreed to" + "hold talks"),
//! their code shifted (intent, refusal, threat, appeal, demand), and the negation and hedging
//! around them.

use super::cameo::{CameoCode, Shift};
use super::dictionaries::Dictionaries;
use super::patterns::{Action, Match};
use super::sentence::Sentence;
use super::word_classes::WordClass;

/// Words that may stand between a marker and its trigger ("agreed to also hold").
const MAX_MARKER_GAP: usize = 3;

/// Words an appeal or demand may reach over to its infinitive ("called on A and B to agree").
const MAX_ADDRESSEE_GAP: usize = 12;

/// Words a marker that is an act of its own may reach over, within its clause, to the act it
/// governs ("agreed to an expansion of its peacekeeping force", "is ready to contribute
/// engineers to a peacekeeping mission").
const MAX_GOVERNED_GAP: usize = 8;

/// Words that open another clause or coordinate another act: a marker governs nothing after
/// them.
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "or", "which", "who", "whom", "whose", "that", "while", "as", "because", "after",
    "before", "when", "where", "since", "until", "unless", "if", "although", "though",
];

/// A trigger after marker resolution.
pub struct Trigger<'m> {
    pub first: usize,
    pub last: usize,
    pub code: CameoCode,
    pub reciprocal: bool,
    pub statement: bool,
    pub compound_only: bool,
    pub shift: Option<Shift>,
    pub slot: Option<(usize, usize)>,
    pub m: &'m Match,
}

/// Pairs each event trigger with the marker right before it and shifts its code; markers left
/// alone become their fallback code.
pub fn resolve_markers<'m>(
    ctx: &Sentence<'_>,
    dict: &Dictionaries,
    matches: &'m [Match],
) -> Vec<Trigger<'m>> {
    let mut used = vec![false; matches.len()];
    let mut out = Vec::new();
    for m in matches {
        let Some(t) = event_trigger(m) else {
            continue;
        };
        let Some((k, mk)) = marker_before(ctx, dict, matches, &used, m) else {
            out.push(t);
            continue;
        };
        used[k] = true;
        // A marker whose shift does not apply to the event drops both.
        if let Some(t) = shifted(dict, t, mk) {
            out.push(t);
        }
    }
    out.extend(fallbacks(dict, matches, &mut used));
    out.sort_by_key(|t| t.first);
    out
}

/// The trigger of an event match, unshifted; `None` for a marker.
fn event_trigger(m: &Match) -> Option<Trigger<'_>> {
    let Action::Event {
        code,
        reciprocal,
        statement,
        compound_only,
    } = &m.action
    else {
        return None;
    };
    Some(Trigger {
        first: m.first,
        last: m.last,
        code: *code,
        reciprocal: *reciprocal,
        statement: *statement,
        compound_only: *compound_only,
        shift: None,
        slot: m.slot,
        m,
    })
}

/// The unused marker nearest before event `m`, at most [`MAX_MARKER_GAP`] tokens away and with
/// no actor between them.
fn marker_before<'m>(
    ctx: &Sentence<'_>,
    dict: &Dictionaries,
    matches: &'m [Match],
    used: &[bool],
    m: &Match,
) -> Option<(usize, &'m Match)> {
    // "threatened and assaulted": a verb coordinated with the marker is an act of its own.
    let coordinated =
        |mk: &Match| m.first > mk.last && ctx.tokens.is_any(m.first - 1, &["and", "or", "but"]);
    let near = |mk: &Match| {
        m.first - mk.last <= MAX_MARKER_GAP
            && !coordinated(mk)
            && !ctx
                .groups
                .iter()
                .any(|g| g.first >= mk.last && g.first < m.first)
    };
    let before = |mk: &Match| {
        matches!(mk.action, Action::Marker { .. }) && mk.last <= m.first && mk.first < m.first
    };
    let free = |k: usize, mk: &Match| !used[k] && before(mk);
    matches
        .iter()
        .enumerate()
        .rev()
        .find(|(k, mk)| free(*k, mk) && (near(mk) || addressed_infinitive(ctx, mk, m)))
        .or_else(|| {
            // The nearest free marker, if it is an act of its own, governs the first act of its
            // clause.
            let (k, mk) = matches
                .iter()
                .enumerate()
                .rev()
                .find(|(k, mk)| free(*k, mk))?;
            governs(ctx, dict, mk, m).then_some((k, mk))
        })
}

/// "agreed to an expansion of its peacekeeping force": a marker that would be an act of its own
/// (it has a fallback code) governs the first act after it in its clause, over the words that
/// name it.
fn governs(ctx: &Sentence<'_>, dict: &Dictionaries, mk: &Match, m: &Match) -> bool {
    let own_act = matches!(
        mk.action,
        Action::Marker {
            fallback: Some(_),
            ..
        }
    );
    let tokens = ctx.tokens;
    let opens = |k: usize| {
        tokens.is_a(k, WordClass::ClauseEnd)
            || tokens.is_any(k, CLAUSE_OPENERS)
            || dict.patterns.is_reporting(tokens, k)
    };
    own_act && m.first - mk.last <= MAX_GOVERNED_GAP && !(mk.last..m.first).any(opens)
}

/// "called on Sudan's army and the paramilitary forces to agree to a ceasefire": an appeal or a
/// demand reaches over its addressees to the infinitive that says what is asked, within the
/// clause.
fn addressed_infinitive(ctx: &Sentence<'_>, mk: &Match, m: &Match) -> bool {
    let asks = matches!(
        mk.action,
        Action::Marker {
            shift: Shift::Appeal | Shift::Demand,
            ..
        }
    );
    let infinitive = m.first > 0 && ctx.tokens.is(m.first - 1, "to");
    let within = m.first - mk.last <= MAX_ADDRESSEE_GAP
        && !(mk.last..m.first).any(|k| ctx.tokens.is_any(k, &[",", ";", ":"]));
    asks && infinitive && within
}

/// Trigger `t` shifted by marker `mk` ("agreed to" + "hold talks"), if the CAMEO table has the
/// shifted code.
fn shifted<'m>(dict: &Dictionaries, t: Trigger<'m>, mk: &Match) -> Option<Trigger<'m>> {
    let Action::Marker {
        shift, reciprocal, ..
    } = &mk.action
    else {
        return None;
    };
    let code = dict.cameo.shift(t.code, *shift)?;
    // The marker's actor is the target ("urged @ to"); without one the target is found
    // after the marker, not in the action's own slot ("demanded the withdrawal of
    // U.S. troops from Iraq" is addressed to the troops).
    // "urged the Taliban to talk": the appeal names whom it asks, so an act that needs a
    // compound subject on its own ("talk", "meet") needs none under it.
    let addressed = matches!(shift, Shift::Appeal | Shift::Demand);
    Some(Trigger {
        first: mk.first,
        code,
        reciprocal: t.reciprocal || *reciprocal,
        compound_only: t.compound_only && !addressed,
        shift: Some(*shift),
        statement: false,
        slot: mk.slot,
        ..t
    })
}

/// The markers no event took that have a code of their own. A marker right before another
/// ("must agree to", "will refuse to") shifts that one's code in turn: the rebels' "must agree
/// to" is their demand.
fn fallbacks<'m>(dict: &Dictionaries, matches: &'m [Match], used: &mut [bool]) -> Vec<Trigger<'m>> {
    let mut out: Vec<Trigger<'m>> = Vec::new();
    // Last first: an inner marker takes the outer one before that could fall back itself.
    for (k, m) in matches.iter().enumerate().rev() {
        let Action::Marker {
            fallback: Some(code),
            reciprocal,
            shift,
        } = &m.action
        else {
            continue;
        };
        if used[k] {
            continue;
        }
        used[k] = true;
        let t = Trigger {
            first: m.first,
            last: m.last,
            code: *code,
            reciprocal: *reciprocal,
            statement: false,
            compound_only: false,
            shift: Some(*shift),
            slot: m.slot,
            m,
        };
        let outer = matches[..k].iter().enumerate().rev().find(|(j, mk)| {
            !used[*j]
                && matches!(mk.action, Action::Marker { .. })
                && mk.last <= m.first
                && m.first - mk.last <= 1
        });
        match outer {
            Some((j, mk)) => {
                used[j] = true;
                out.extend(shifted(dict, t, mk));
            }
            None => out.push(t),
        }
    }
    out
}

/// "did not agree", "never signed": negated triggers are not events (refusals are coded by
/// their own markers). "urged Turkey not to attack": a negation after an appeal or a demand is
/// what is asked, and the appeal stands. A negation word inside an actor's name ("Doctors
/// Without Borders accused ...") negates nothing.
pub fn negated(ctx: &Sentence<'_>, dict: &Dictionaries, t: &Trigger<'_>) -> bool {
    if matches!(t.shift, Some(Shift::Refuse)) {
        return false;
    }
    let asked = matches!(t.shift, Some(Shift::Appeal | Shift::Demand));
    let until = if asked {
        t.first
    } else {
        t.m.first.max(t.first)
    };
    let from = t.first.saturating_sub(3);
    let named = |k: usize| ctx.groups.iter().any(|g| g.first <= k && k < g.last);
    (from..until).any(|k| !named(k) && dict.patterns.negations.iter().any(|n| ctx.tokens.is(k, n)))
}

/// Whether the trigger's event is only supposed or called off: in a condition ("if China
/// attacks Taiwan, ...", "... unless the president steps down"), any such act ("any attack"),
/// an act warned against ("warned against deploying troops"), or cancelled ("postponed the talks", "talks were called off"). Such events did not happen;
/// threats and demands about them are coded by their own markers.
pub fn hypothetical(ctx: &Sentence<'_>, t: &Trigger<'_>) -> bool {
    let tokens = ctx.tokens;
    // A condition opened before the trigger and not closed by a clause end.
    let conditional = (0..t.first)
        .rev()
        .take_while(|&k| !tokens.is_a(k, WordClass::ClauseEnd))
        .any(|k| tokens.is_a(k, WordClass::Conditional));
    // "postponed the talks", "called off the visit": a cancelling verb just before; "the talks
    // were postponed": a passive one after, in the same clause.
    let cancels = |k: usize| {
        tokens.is_a(k, WordClass::Cancel)
            && (!tokens.is(k, "off") || (k > 0 && tokens.is(k - 1, "called")))
    };
    let before = (t.first.saturating_sub(3)..t.first).any(cancels);
    let after = (t.last..(t.last + 8).min(tokens.len()))
        .take_while(|&k| !tokens.is_a(k, WordClass::ClauseEnd))
        .any(|k| cancels(k) && (t.last..k).any(|j| tokens.is_a(j, WordClass::Be)));
    // "warned against any attack", "will respond to any aggression": an act that is only
    // supposed, not reported.
    let any = t.first > 0 && tokens.is(t.first - 1, "any");
    // "warned NATO against deploying troops": what is warned or argued against.
    let against = t.first > 0
        && tokens.is(t.first - 1, "against")
        && tokens.text(t.first).to_ascii_lowercase().ends_with("ing");
    conditional || before || after || any || against
}

/// Whether a hedge ("may", "reportedly") stands just before the trigger.
pub fn hedged(ctx: &Sentence<'_>, dict: &Dictionaries, first: usize) -> bool {
    let from = first.saturating_sub(4);
    (from..first).any(|k| dict.patterns.hedges.iter().any(|h| ctx.tokens.is(k, h)))
}
