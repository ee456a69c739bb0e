//! Rules over the coded events of one sentence, after roles are assigned: one event per
//! (source, target, code), states acting with their forces, charges brought in words, no comment
//! without a target, no mention taken for a report, no untargeted copy of a targeted event.

use super::actors::{Actor, ActorCode};
use super::cameo::CameoCode;
use super::roles::Coded;
use super::tokens::Tokens;
use super::word_classes::WordClass;

/// Applies every rule to the sentence's events, in order.
pub fn apply(tokens: &Tokens, coded: &mut Vec<Coded>) {
    // One event per (source, target, code) and sentence, from its first trigger.
    drop_where(coded, |all, i| {
        all[..i]
            .iter()
            .any(|e| sentence_key(e) == sentence_key(&all[i]))
    });
    for c in coded.iter_mut() {
        own_forces(tokens, c);
        armed_clash(c);
        crowd_action(tokens, c);
        charge_without_power(tokens, c);
    }
    // No event whose only content is that someone spoke ("X said"): a comment is an event
    // only when it is addressed to or about a target ("Japan criticised China").
    coded.retain(|c| !c.statement && (c.target.is_some() || !is_comment(c.code.as_str())));
    // "Israel rejected the findings of a UN inquiry", "Turkey asked for the cleric whom
    // Ankara blames": an act without a target after another event's trigger is a mention
    // inside that event's clause, not a report of its own, unless it is coordinated ("marched
    // and burned tyres"), the purpose of the first ("marched to demand the release") or
    // marked as an act of its own ("agreed to").
    let first_trigger = coded.iter().map(|c| c.trigger.0).min();
    coded.retain(|c| {
        let later = first_trigger.is_some_and(|f| c.trigger.0 > f);
        let coordinated = c.trigger.0 > 0 && tokens.is_any(c.trigger.0 - 1, &["and", "to"])
            || helped_purpose(tokens, c.trigger.0);
        c.target.is_some() || !later || coordinated || c.shift.is_some()
    });
    // "imposed travel bans and asset freezes on Russian officials": one event, with its
    // target; the same act without one is the same event seen from a nearer trigger.
    drop_where(coded, |all, i| {
        let c = &all[i];
        c.target.is_none()
            && all.iter().any(|o| {
                o.target.is_some() && o.source.actor.code == c.source.actor.code && o.code == c.code
            })
    });
}

/// "arrived to help deliver aid", "sent troops to help evacuate civilians": the purpose of the
/// first act, with "help" before its verb.
fn helped_purpose(tokens: &Tokens, first: usize) -> bool {
    first >= 2 && tokens.is(first - 1, "help") && tokens.is(first - 2, "to")
}

/// Drops the events for which `drop(all, i)` holds, each judged against all of them.
fn drop_where(coded: &mut Vec<Coded>, drop: impl Fn(&[Coded], usize) -> bool) {
    let dropped: Vec<bool> = (0..coded.len()).map(|i| drop(coded, i)).collect();
    let mut flags = dropped.into_iter();
    coded.retain(|_| !flags.next().unwrap_or(false));
}

/// The (source, target, code) of a coded event, borrowed.
fn sentence_key(c: &Coded) -> (ActorCode, Option<ActorCode>, CameoCode) {
    (
        c.source.actor.code,
        c.target.as_ref().map(|t| t.actor.code),
        c.code,
    )
}

/// "Russia moved troops", "India put its armed forces on alert": a state that moves or uses its
/// own forces acts as its military (force posture and fighting codes).
fn own_forces(tokens: &Tokens, c: &mut Coded) {
    let force_code = c.code.is_root(15) || c.code.is_root(19);
    let actor = &mut c.source.actor;
    if !force_code
        || actor.agent.is_some()
        || actor.code.is_intergovernmental()
        || actor.country.is_none()
    {
        return;
    }
    let (first, last) = c.trigger;
    if (first..last.min(tokens.len())).any(|k| tokens.is_a(k, WordClass::Force)) {
        actor.set_agent(ActorCode::MIL);
    }
}

/// Fighting with small arms and light weapons (190).
const FIGHT: CameoCode = CameoCode::of("190");

/// Demonstrating or rallying (140).
const PROTEST: CameoCode = CameoCode::of("140");

/// Threatening political dissent, a strike or a boycott (133).
const THREATEN_PROTEST: CameoCode = CameoCode::of("133");

/// Protesting violently, rioting (145).
const RIOT: CameoCode = CameoCode::of("145");

/// Agents that bear arms as their trade: the military, rebels, insurgents.
const ARMED: &[ActorCode] = &[ActorCode::MIL, ActorCode::REB, ActorCode::INS];

/// Whether the actor is an armed force or group (a transnational armed group included).
fn is_armed(actor: &Actor) -> bool {
    actor.code.is_transnational() || actor.agent.is_some_and(|a| ARMED.contains(&a))
}

/// "Rebels clashed with soldiers", "troops stormed the militants' positions": a riot (145) is
/// civilians' violent protest; an armed force or group that clashes or storms, or a state's
/// forces that clash with an armed group, are fighting (190).
fn armed_clash(c: &mut Coded) {
    if !c.code.within(145) {
        return;
    }
    let source = &c.source.actor;
    let state_force = matches!(
        source.agent,
        Some(ActorCode::GOV | ActorCode::COP | ActorCode::SPY)
    );
    let armed_target = c.target.as_ref().is_some_and(|t| is_armed(&t.actor));
    if is_armed(source) || (state_force && armed_target) {
        c.code = FIGHT;
    }
}

/// Agents of people who protest in the street rather than by note: the opposition and
/// protesters, civilians, workers, students, health workers, traders, refugees.
const CROWDS: &[ActorCode] = &[
    ActorCode::OPP,
    ActorCode::CVL,
    ActorCode::LAB,
    ActorCode::EDU,
    ActorCode::HLH,
    ActorCode::BUS,
    ActorCode::REF,
];

/// "Farmers protested against the plan": people protesting do so in the street (140), where a
/// government's protest is a note (110). "Protesters stormed the depot", "rioters burned
/// houses": protesters' violence is a riot (145).
fn crowd_action(tokens: &Tokens, c: &mut Coded) {
    let Some(agent) = c.source.actor.agent else {
        return;
    };
    if !CROWDS.contains(&agent) {
        return;
    }
    let protest = starts_with(tokens.text(c.trigger.0), "protest");
    if c.code.is_root(11) && protest {
        c.code = PROTEST;
    } else if c.code.within(138)
        && (c.trigger.0..c.trigger.1.min(tokens.len())).any(|k| tokens.is(k, "strike"))
    {
        // "Teachers threatened to strike": workers' strikes are protests, not attacks.
        c.code = THREATEN_PROTEST;
    } else if agent == ActorCode::OPP && matches!(c.code.as_str(), "180" | "190" | "1712") {
        c.code = RIOT;
    }
}

/// Accusing formally (112).
const ACCUSE: CameoCode = CameoCode::of("112");

/// "Amnesty charged the army with war crimes", "the opposition charged the minister with
/// fraud": those who cannot arrest or prosecute (non-governmental organisations, the media,
/// crowds) bring charges only in words, an accusation (112), not the legal action of 173.
fn charge_without_power(tokens: &Tokens, c: &mut Coded) {
    if !c.code.within(173) || !starts_with(tokens.text(c.trigger.0), "charg") {
        return;
    }
    let source = &c.source.actor;
    let non_governmental = source.code.is_organisation() && !source.code.is_intergovernmental();
    let powerless = source
        .agent
        .is_some_and(|a| a == ActorCode::MED || CROWDS.contains(&a));
    if non_governmental || powerless {
        c.code = ACCUSE;
    }
}

/// Whether `word` starts with `prefix`, ignoring ASCII case.
fn starts_with(word: &str, prefix: &str) -> bool {
    word.get(..prefix.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(prefix))
}

/// CAMEO's comments and views (statement 010, pessimistic 012, optimistic 013, considering a
/// policy 014, agreeing with a view 019): speech whose only content is an opinion. Declining to
/// comment, claiming or denying responsibility and symbolic acts are acts of their own.
pub fn is_comment(code: &str) -> bool {
    matches!(code, "010" | "012" | "013" | "014" | "019")
}
