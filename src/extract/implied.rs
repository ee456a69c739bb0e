//! Implied actors: "A protest took place in Kano", "a sit-in outside the ministry" name no one,
//! yet a protest always has protesters. A protest trigger with no subject before it gets an
//! implied group of protesters (agent `OPP`) of the sentence's or the article's country. Other
//! events with no actor stay uncoded: "two people were killed" says nothing of who killed them.

use super::actors::Actor;
use super::groups::{Group, Member};
use super::patterns::{Action, Match};

/// The sentence's groups with an implied group of protesters before each protest trigger that
/// has no subject, or `None` when there is no such trigger (the usual case).
pub fn with_protesters(
    groups: &[Group],
    matches: &[Match],
    country: Option<&str>,
) -> Option<Vec<Group>> {
    let unsourced: Vec<usize> = matches
        .iter()
        .filter(|m| matches!(&m.action, Action::Event { code, .. } if code.starts_with("14")))
        .filter(|m| {
            !groups
                .iter()
                .any(|g| g.last <= m.first && !g.prepositional && !g.locative)
        })
        .map(|m| m.first)
        .collect();
    if unsourced.is_empty() {
        return None;
    }
    let mut out = groups.to_vec();
    for first in unsourced {
        let actor = Actor {
            code: format!("{}OPP", country.unwrap_or("")),
            country: country.map(str::to_owned),
            agent: Some("OPP".to_owned()),
            name: None,
        };
        // An empty span right before the trigger: the subject, and nobody's target.
        out.push(Group {
            first,
            last: first,
            members: vec![Member {
                actor,
                first,
                last: first,
            }],
            anaphoric: false,
            locative: false,
            prepositional: false,
        });
    }
    out.sort_by_key(|g| (g.first, g.last));
    Some(out)
}
