//! Implied actors: "A protest took place in Kano", "a sit-in outside the ministry" name no one,
//! yet a protest always has protesters; "air strikes on Sirte" and "shelling of Kurmuk" have
//! an armed force behind them, and "a roadside bomb exploded near Baidoa" or "an ambush on a
//! bus near Bentiu" an armed group. Such a trigger with no subject before it gets an implied
//! source: protesters (`OPP`) of the sentence's or the article's country; for air strikes and
//! shelling an armed force (`MIL`), and for bombs and attacks an armed group (`INS`), of no
//! known state, since who flew, fired, planted or attacked is not said. The place of a strike
//! or a bomb makes its target (the state of the place), so these are implied only in a
//! sentence that names a place. Other events with no actor stay uncoded: "two people were
//! killed" says nothing of who killed them.

use super::actors::{Actor, ActorCode};
use super::cameo::CameoCode;
use super::groups::{Group, Member};
use super::patterns::{Action, Match};

/// The source a trigger of `code` implies when it has none, and whether that source belongs
/// to the sentence's country.
fn implied_agent(code: CameoCode) -> Option<(ActorCode, bool)> {
    match code.base()? {
        _ if code.is_root(14) => Some((ActorCode::OPP, true)),
        194 | 195 => Some((ActorCode::MIL, false)),
        183 | 180 => Some((ActorCode::INS, false)),
        _ => None,
    }
}

/// Where a sentence is set.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    /// Its country: its first place's or state's, else the article's.
    pub country: Option<ActorCode>,
    /// Whether it names a place of a known country.
    pub placed: bool,
}

/// The sentence's groups with an implied source before each trigger that implies one and has
/// no subject, or `None` when there is no such trigger (the usual case).
pub fn with_implied(groups: &[Group], matches: &[Match], setting: Setting) -> Option<Vec<Group>> {
    let country = setting.country;
    let unsourced: Vec<(usize, ActorCode, bool)> = matches
        .iter()
        .filter_map(|m| match &m.action {
            Action::Event { code, .. } => {
                implied_agent(*code).map(|(agent, own)| (m.first, agent, own))
            }
            Action::Marker { .. } => None,
        })
        .filter(|&(_, _, own)| own || setting.placed)
        .filter(|&(first, _, _)| {
            !groups
                .iter()
                .any(|g| g.last <= first && !g.prepositional && !g.locative)
        })
        .collect();
    if unsourced.is_empty() {
        return None;
    }
    let mut out = groups.to_vec();
    for (first, agent, own) in unsourced {
        let mut actor = Actor::bare(agent);
        actor.set_country(country.filter(|_| own));
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
