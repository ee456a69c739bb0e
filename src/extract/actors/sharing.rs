//! Sharing between the mentions of a sentence: a bare demonym takes the agent of the next
//! mention ("Chinese and Russian warships"), a bare agent takes the sentence's state
//! ("protesters" in a Thai story).

use crate::extract::tokens::Tokens;

use super::code::ActorCode;
use super::mentions::{Mention, Referent};

/// "Chinese and Russian warships": the bare adjective shares the agent of the next mention.
pub(super) fn share_agents(mentions: &mut [Mention], tokens: &Tokens) {
    for i in (0..mentions.len().saturating_sub(1)).rev() {
        let (left, right) = mentions.split_at_mut(i + 1);
        let (a, b) = (&mut left[i], &right[0]);
        let joined = b.first == a.last + 1 && tokens.is_any(a.last, &["and", ",", "or"]);
        let (Referent::Actor(x), Referent::Actor(y)) = (&mut a.referent, &b.referent) else {
            continue;
        };
        let shared = y
            .agent
            .filter(|_| a.bare_adjective && joined && y.name.is_none() && x.country.is_some());
        if let Some(agent) = shared {
            x.set_agent(agent);
            a.bare_adjective = false;
        }
    }
}

/// Bare agents take the country of a place the sentence names ("French troops killed militants
/// in Mali" -> MLIINS, "police in Kano"), else the state of the nearest earlier state mention
/// ("Myanmar's police fired tear gas at protesters" -> MMROPP), else of the next one,
/// else the article's `context` country; without any they stay an agent of no known state
/// ("COP"). A bare agent joined by "and" or a comma to a state's mention is that state's
/// ("Russian warships and submarines"). An office holder the dictionaries do not know does not
/// take the state of the next mention when that is the object of its verb ("Governor Ana Ruiz
/// criticized Mexico" is a governor of no known state, not Mexico's): crowds and units do,
/// since what they act on is most often of their own state ("soldiers clashed with Boko
/// Haram").
pub(super) fn inherit_states(
    mentions: &mut [Mention],
    place: Option<ActorCode>,
    context: Option<ActorCode>,
    tokens: &Tokens,
) {
    let is_bare = |m: &Mention| matches!(&m.referent, Referent::Actor(a) if a.is_bare());
    // Most sentences have no bare agent.
    if !mentions.iter().any(is_bare) {
        return;
    }
    let states: Vec<(usize, ActorCode)> = mentions
        .iter()
        .enumerate()
        .filter_map(|(i, m)| match &m.referent {
            Referent::Actor(a) => a.country.map(|c| (i, c)),
            _ => None,
        })
        .collect();
    // "Russian warships and submarines": a bare agent joined to a state's mention is that state's.
    let joined: Vec<bool> = (0..mentions.len())
        .map(|i| {
            i > 0
                && mentions[i].first == mentions[i - 1].last + 1
                && states.iter().any(|(j, _)| *j == i - 1)
                && tokens.is_any(mentions[i - 1].last, &["and", ","])
        })
        .collect();
    let mentions_first: Vec<usize> = mentions.iter().map(|m| m.first).collect();
    for (i, m) in mentions.iter_mut().enumerate() {
        let Referent::Actor(a) = &mut m.referent else {
            continue;
        };
        if !a.is_bare() {
            continue;
        }
        let before = states.iter().rev().find(|(j, _)| *j < i);
        let after = states
            .iter()
            .find(|(j, _)| *j > i)
            .filter(|(j, _)| !(office(a) && object_of_verb(tokens, m.last, mentions_first[*j])));
        let left = before.filter(|_| joined[i]).map(|(_, c)| *c);
        let country = left
            .or(place)
            .or(before.map(|(_, c)| *c))
            .or(after.map(|(_, c)| *c))
            .or(context);
        a.set_country(country);
    }
}

/// Whether the mention starting at `next` is the direct object of a verb that follows the agent
/// ending at `end` ("Governor Ana Ruiz criticized Mexico"): what an office holder acts on is
/// most often another state. A verb of saying is not such a verb: what follows it is the
/// subject of what was said ("the minister said Vietnam would ..."), most often the speaker's
/// own state; nor is a word that links a description ("officials loyal to Iraq's ...").
fn object_of_verb(tokens: &Tokens, end: usize, next: usize) -> bool {
    const NOT_VERBS: &[&str] = &[
        "of",
        "for",
        "from",
        "in",
        "at",
        "with",
        "to",
        "the",
        "a",
        "an",
        "and",
        "or",
        "by",
        "on",
        "against",
        "said",
        "says",
        "told",
        "added",
        "stated",
        "announced",
        "that",
        "based",
        "loyal",
        "allied",
        "affiliated",
        "linked",
        "backed",
        "led",
        "who",
        "which",
    ];
    let mut k = next;
    while k > end && tokens.is_any(k - 1, &["the", "a", "an"]) {
        k -= 1;
    }
    k > end
        && tokens.tokens[k - 1].is_word
        && tokens
            .text(k - 1)
            .starts_with(|c: char| c.is_ascii_lowercase())
        && !tokens.is_any(k - 1, NOT_VERBS)
}

/// Whether a bare actor holds an office ("Governor Ana Ruiz", "the government", "Senator ..."):
/// a person or body that acts for a state, unlike a crowd or a unit.
fn office(a: &super::mentions::Actor) -> bool {
    matches!(a.agent, Some(ActorCode::GOV | ActorCode::LEG))
}
