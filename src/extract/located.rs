//! Where a sentence's events happen: the text and country of the place nearest each trigger,
//! and what the place says of the event (the state an attack on a place is aimed at, a
//! meeting in a third country).

use crate::model::Location;

use super::actors::{Actor, ActorCode, PlaceMention};
use super::cameo::CameoCode;
use super::groups::Member;
use super::roles::Coded;
use super::tokens::Tokens;

/// Meeting at a third location (044).
const THIRD_LOCATION: CameoCode = CameoCode::of("044");

pub(super) fn location(body: &str, tokens: &Tokens, p: &PlaceMention) -> Location {
    // Unknown places are completed from the event's actors in `place_country`.
    let text = body[tokens.tokens[p.first].start..tokens.tokens[p.last - 1].end].to_owned();
    Location {
        text,
        country: p.country.map(|c| c.to_string()),
    }
}

/// A place the dictionaries do not know ("the town of Sinjar") is in the target's state, else
/// in the source's: such places are named in reports of events inside a country.
pub(super) fn place_country(c: &Coded, location: Option<&mut Location>) {
    let Some(loc) = location.filter(|l| l.country.is_none()) else {
        return;
    };
    let target = c.target.as_ref().and_then(|t| t.actor.country);
    loc.country = target.or(c.source.actor.country).map(|c| c.to_string());
}

/// "Israeli aircraft struck targets near Damascus": an attack with no actor as target is aimed at
/// the state where it struck, when that is not the attacker's own. The target is marked
/// indirect.
pub(super) fn located_target(c: &mut Coded, place: &PlaceMention) {
    let violent = matches!(c.code.root(), 18..=20);
    let Some(country) = place.country else {
        return;
    };
    if c.target.is_some() || !violent || c.source.actor.country == Some(country) {
        return;
    }
    c.target = Some(Member {
        actor: Actor::of_state(country, None),
        first: place.first,
        last: place.last,
    });
    c.indirect = true;
}

/// A meeting (040) in a country that is neither side's is a meeting at a third location (044).
pub(super) fn third_location(c: &mut Coded, location: Option<&Location>) {
    let Some(place) = location.and_then(|l| l.country.as_deref()) else {
        return;
    };
    let source = c.source.actor.country;
    let target = c.target.as_ref().and_then(|t| t.actor.country);
    let of_place = |side: Option<ActorCode>| side.is_some_and(|s| s == place);
    if c.code == "040" && !of_place(source) && !of_place(target) {
        c.code = THIRD_LOCATION;
    }
}

/// A transnational armed group ("al-Qaeda", "Islamic State": IMGMUS) has no country of its own:
/// in an event it acts in `country`, where the sentence or the article is set. Its code stays
/// the group's. It does not take the country of the other party ("al-Qaeda threatened the
/// United States" is not an American group's threat): that party already carries the event's
/// country. A place taken as the target ("attacked a base in Mali") is where it acted.
pub(super) fn transnational_country(c: &mut Coded, country: Option<ActorCode>) {
    let Some(country) = country else {
        return;
    };
    let of_country = |a: &Actor| a.country == Some(country);
    // A place taken for the target ("attacked a base in Mali") is where the group acted.
    let target = c.target.as_ref().filter(|_| !c.indirect);
    let other = target.is_some_and(|t| of_country(&t.actor)) || of_country(&c.source.actor);
    if other {
        return;
    }
    let target = c.target.as_mut().map(|t| &mut t.actor);
    for actor in std::iter::once(&mut c.source.actor).chain(target) {
        if actor.code.is_transnational() && actor.country.is_none() {
            actor.country = Some(country);
        }
    }
}
