//! Actor groups: mentions joined by "and", "or" and list commas ("South Korea, Japan and the
//! United States") become one compound actor; plural anaphors ("the two countries") are resolved
//! to the last compound actor of the article.

use super::actors::{Actor, Mention, Referent};
use super::tokens::Tokens;
use super::word_classes::WordClass;

/// One member of a group: an actor and the tokens that named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The actor.
    pub actor: Actor,
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
}

/// A simple or compound actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// The actors, in text order, without repeats.
    pub members: Vec<Member>,
    /// Whether it was resolved from an anaphor.
    pub anaphoric: bool,
    /// Whether every member follows a locative preposition ("in Afghanistan").
    pub locative: bool,
    /// Whether it follows a preposition ("with Russia").
    pub prepositional: bool,
}

/// Builds the groups of a sentence; `previous` is the last compound actor of the article.
/// The mentions' actors move into the groups: they are left empty.
pub fn build(tokens: &Tokens, mentions: &mut [Mention], previous: Option<&Group>) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut i = 0;
    while i < mentions.len() {
        let mut j = i + 1;
        let mut has_and = false;
        let mut comma_at = None;
        while j < mentions.len() {
            let Some(sep) = separator(tokens, mentions[j - 1].last, mentions[j].first) else {
                break;
            };
            let anaphor = |m: &Mention| matches!(m.referent, Referent::Anaphor);
            // "A, B and C" is one list; after its "and" a comma ends it ("between the
            // countries, Kishida and Onodera"), and an anaphor never joins a list.
            if (sep == Sep::Comma && has_and) || anaphor(&mentions[j - 1]) || anaphor(&mentions[j])
            {
                break;
            }
            if sep == Sep::Comma {
                comma_at.get_or_insert(j);
            } else {
                has_and = true;
            }
            j += 1;
        }
        if let (Some(c), false) = (comma_at, has_and) {
            j = c;
        }
        if let Some(g) = make_group(tokens, &mut mentions[i..j], previous) {
            groups.push(g);
        }
        i = j;
    }
    groups
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    And,
    Comma,
}

fn separator(tokens: &Tokens, from: usize, to: usize) -> Option<Sep> {
    // The words between two mentions, "the" left out, compared without lower-cased copies:
    // no separator is longer than three words.
    let mut words = [""; 3];
    let mut n = 0;
    for k in from..to {
        let w = tokens.text(k);
        if w.eq_ignore_ascii_case("the") {
            continue;
        }
        if n == words.len() {
            return None;
        }
        words[n] = w;
        n += 1;
    }
    let is = |want: &[&str]| {
        want.len() == n
            && want
                .iter()
                .zip(&words)
                .all(|(w, t)| t.eq_ignore_ascii_case(w))
    };
    let and: &[&[&str]] = &[
        &["and"],
        &["or"],
        &[",", "and"],
        &[",", "or"],
        &["as", "well", "as"],
        &["and", "its"],
    ];
    if and.iter().any(|w| is(w)) {
        Some(Sep::And)
    } else if is(&[","]) {
        Some(Sep::Comma)
    } else {
        None
    }
}

fn make_group(
    tokens: &Tokens,
    mentions: &mut [Mention],
    previous: Option<&Group>,
) -> Option<Group> {
    let first = mentions.first()?.first;
    let last = mentions.last()?.last;
    let mut members: Vec<Member> = Vec::new();
    let mut anaphoric = false;
    for m in mentions.iter_mut() {
        match &mut m.referent {
            Referent::Actor(actor) => {
                if !members.iter().any(|x| x.actor.code == actor.code) {
                    members.push(Member {
                        actor: actor.take(),
                        first: m.first,
                        last: m.last,
                    });
                }
            }
            Referent::Anaphor => {
                let prev = previous?;
                anaphoric = true;
                for x in &prev.members {
                    if !members.iter().any(|y| y.actor.code == x.actor.code) {
                        members.push(Member {
                            first: m.first,
                            last: m.last,
                            ..x.clone()
                        });
                    }
                }
            }
        }
    }
    let prepositional =
        word_before(tokens, first).is_some_and(|b| tokens.is_a(b, WordClass::Preposition));
    Some(Group {
        first,
        last,
        locative: mentions.iter().all(|m| m.locative),
        members,
        anaphoric,
        prepositional,
    })
}

fn distinct_countries(g: &Group) -> usize {
    if g.members.iter().any(|m| m.actor.country.is_none()) {
        return 0;
    }
    // Each country counts at its first member; a group has a handful of members.
    let first_of_its_country = |(i, m): &(usize, &Member)| {
        !g.members[..*i]
            .iter()
            .any(|x| x.actor.country == m.actor.country)
    };
    g.members
        .iter()
        .enumerate()
        .filter(first_of_its_country)
        .count()
}

/// The token before `first`, skipping articles and direction words.
pub fn word_before(tokens: &Tokens, first: usize) -> Option<usize> {
    let mut k = first.checked_sub(1)?;
    while k > 0 && first - k <= 3 && tokens.is_a(k, WordClass::Modifier) {
        k -= 1;
    }
    Some(k)
}

/// The compound actor an anaphor in a later sentence refers to: the index of the last group of
/// the sentence with actors of two or more states, not itself anaphoric.
pub fn compound_for_anaphora(groups: &[Group]) -> Option<usize> {
    groups
        .iter()
        .rposition(|g| !g.anaphoric && distinct_countries(g) >= 2)
}
