//! Places stated in a sentence beyond the dictionary names: "the Georgian town of Gori" (a
//! place of the adjective's state) and "in the town of Sinjar" (a place whose state the coder
//! takes from the event's actors).

use crate::extract::tokens::Tokens;
use crate::extract::word_classes::WordClass;

use super::lexicon::{Lexicon, NameKind};
use super::mentions::PlaceMention;
use super::noun_phrase::starts_upper;
use super::recognize::{Piece, PieceKind};

/// "in the town of Sinjar", "in Kandahar province": a place the dictionaries do not know, whose
/// country the coder takes from the event's actors.
pub(super) fn unnamed_places(tokens: &Tokens, places: &mut Vec<PlaceMention>) {
    let known =
        |k: usize, places: &[PlaceMention]| places.iter().any(|p| p.first <= k && k < p.last);
    let mut k = 0;
    while k + 1 < tokens.len() {
        // Only a locative preposition starts a place: other tokens are passed over at once.
        if !tokens.is_a(k, WordClass::Locative) {
            k += 1;
            continue;
        }
        let mut start = k + 1;
        if tokens.is(start, "the") {
            start += 1;
        }
        let mut name = start;
        if tokens.is_a(start, WordClass::PlaceNoun) && tokens.is(start + 1, "of") {
            name = start + 2;
        }
        let mut end = name;
        while end < tokens.len()
            && end < name + 3
            && starts_upper(tokens.text(end))
            && !known(end, places)
        {
            end += 1;
        }
        let named = end > name && (name > start || tokens.is_a(end, WordClass::Region));
        if named {
            let last = if tokens.is_a(end, WordClass::Region) {
                end + 1
            } else {
                end
            };
            places.push(PlaceMention {
                first: start,
                last,
                country: None,
                locative: true,
            });
            k = last;
        } else {
            k += 1;
        }
    }
}

/// "the Georgian town of Gori": a place of the adjective's country.
pub(super) fn described_places(
    lexicon: &Lexicon,
    tokens: &Tokens,
    pieces: &[Piece],
    places: &mut Vec<PlaceMention>,
) {
    for p in pieces {
        let PieceKind::Name(i) = p.kind else { continue };
        let value = &lexicon.name_values[i];
        if value.kind != NameKind::Adjective {
            continue;
        }
        let mut k = p.last;
        if tokens.is(k, "-")
            || tokens.is_any(
                k,
                &[
                    "border", "coastal", "northern", "southern", "eastern", "western",
                ],
            )
        {
            k += 1;
        }
        if tokens.is_a(k, WordClass::PlaceNoun)
            && tokens.is(k + 1, "of")
            && k + 2 < tokens.len()
            && starts_upper(tokens.text(k + 2))
        {
            let mut end = k + 3;
            while end < tokens.len() && starts_upper(tokens.text(end)) {
                end += 1;
            }
            let locative = crate::extract::groups::word_before(tokens, p.first)
                .is_some_and(|b| tokens.is_a(b, WordClass::Locative));
            places.push(PlaceMention {
                first: p.first,
                last: end,
                country: value.code,
                locative,
            });
        }
    }
    places.sort_by_key(|p| p.first);
}

/// Words that may stand between a place and the larger place it lies in ("Dilla, Gedeo zone
/// in the south", "the Kinama district of Bujumbura", "El Arish (North Sinai)").
const WITHIN: &[&str] = &[
    ",",
    "(",
    "in",
    "of",
    "near",
    "outside",
    "town",
    "city",
    "village",
    "villages",
    "district",
    "area",
    "areas",
    "zone",
    "county",
    "province",
    "region",
    "state",
    "territory",
    "locality",
    "neighbourhood",
    "neighborhood",
    "suburb",
    "commune",
    "sub-county",
    "chiefdom",
    "group",
    "department",
    "governorate",
    "municipality",
    "division",
    "camp",
];

/// How many tokens may stand between a place and the place it lies in.
const MAX_WITHIN_GAP: usize = 4;

/// "in a village near Bambari", "Dilla, Gedeo zone in the south": a place followed closely by
/// another lies in (or beside) it, so it is in the later place's country. Small towns share
/// their names with towns elsewhere; the larger place named after them settles which is meant.
/// A list ("Moscow, Beijing and Washington") is not such a chain.
pub(super) fn contained_places(tokens: &Tokens, places: &mut [PlaceMention]) {
    for i in (0..places.len().saturating_sub(1)).rev() {
        let (a, b) = (&places[i], &places[i + 1]);
        let gap = a.last..b.first;
        let chained = b.first >= a.last
            && gap.len() <= MAX_WITHIN_GAP
            && gap
                .clone()
                .all(|k| tokens.is_any(k, WITHIN) || (k > a.last && starts_upper(tokens.text(k))))
            && !listed(tokens, places, i + 1);
        if chained && b.country.is_some() && a.country != b.country {
            places[i].country = places[i + 1].country;
        }
    }
}

/// Whether the place at `i` is followed by "and", "or" or a comma and another place: a list.
fn listed(tokens: &Tokens, places: &[PlaceMention], i: usize) -> bool {
    let end = places[i].last;
    tokens.is_any(end, &[",", "and", "or"])
        && places.get(i + 1).is_some_and(|n| {
            n.first == end + 1 || (n.first == end + 2 && tokens.is(end + 1, "and"))
        })
}
