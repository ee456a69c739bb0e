//! Actor recognition and composition: dictionary matches in a sentence become actor mentions
//! ("Japanese Foreign Minister Fumio Kishida" -> one JPNGOV mention) and place mentions.

use chrono::NaiveDate;

use crate::extract::tokens::Tokens;

use super::context::place_country;
use super::lexicon::{AgentKind, Lexicon, NameKind};
use super::mentions::{
    actor_of_code, bare_actor, Actor, Mention, PlaceMention, Recognized, Referent,
};
use super::noun_phrase::{
    after_the, ends_noun_phrase, is_modifier, is_name_word, starts_upper, word_count,
};
use super::places::{contained_places, described_places, unnamed_places};
use super::sharing::{inherit_states, share_agents};
use crate::extract::word_classes::WordClass;

/// Agents that, alone, belong to the state of the sentence or the article ("protesters",
/// "rebels", "the army"); `GOV` does only with "the" ("the government").
const INHERITING: &[&str] = &[
    "OPP", "REB", "INS", "CVL", "COP", "JUD", "MED", "LEG", "BUS", "MIL", "LAB", "EDU", "HLH",
    "CRM", "SPY", "REF",
];

/// Agents that, right after a named group of civilians (a people, a clan, a civil-society body:
/// code ending CVL), name what its members are doing: "Oromo protesters" is ETHOPP, "Rohingya
/// refugees" MMRREF, "Hawiye militia" SOMREB. Other agents ("Oromo leaders", "Uyghur workers")
/// leave the group's CVL.
const OVER_CIVILIANS: &[&str] = &["OPP", "REB", "INS", "CRM", "REF", "MIL"];

#[derive(Debug, Clone)]
pub(super) enum PieceKind {
    Name(usize),
    Agent(usize),
}

#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) kind: PieceKind,
}

/// A phrase under composition. Its codes borrow from the lexicon: most phrases are dropped or
/// resolved into a new actor, so copying them would only cost allocations.
#[derive(Debug, Default)]
pub(super) struct Phrase<'l> {
    pub(super) first: usize,
    pub(super) last: usize,
    country: Option<(&'l str, &'l NameKind)>,
    org: Option<&'l str>,
    pub(super) agent: Option<&'l str>,
    pub(super) holders: Option<&'l [usize]>,
    /// Whether the office holder was named in full ("Ban Ki-moon", not "Ban").
    pub(super) full_name: bool,
    anaphor: bool,
    place: Option<&'l str>,
    /// One past the place name's last token ("Kano" in "Kano police").
    place_last: usize,
    stop: bool,
}

impl Lexicon {
    /// Recognizes actors and places in a tokenized sentence; `date` selects office holders,
    /// `context` is the country the article is about (bare agents without a state or place in
    /// the sentence belong to it).
    pub fn recognize(
        &self,
        tokens: &Tokens,
        date: Option<NaiveDate>,
        context: Option<&str>,
    ) -> Recognized {
        let pieces = self.pieces(tokens);
        let mut out = Recognized::default();
        let mut i = 0;
        while i < pieces.len() {
            let mut phrase = self.start_phrase(&pieces[i], tokens);
            let mut j = i + 1;
            while j < pieces.len() && self.extend(&mut phrase, &pieces[j], tokens) {
                j += 1;
            }
            self.finish(phrase, tokens, date, &mut out);
            i = j;
        }
        unnamed_places(tokens, &mut out.places);
        share_agents(&mut out.mentions, tokens);
        described_places(self, tokens, &pieces, &mut out.places);
        contained_places(tokens, &mut out.places);
        let place = place_country(&out.places);
        inherit_states(&mut out.mentions, place, context, tokens);
        out
    }

    fn start_phrase(&self, piece: &Piece, tokens: &Tokens) -> Phrase<'_> {
        let mut phrase = Phrase {
            first: piece.first,
            last: piece.first,
            ..Phrase::default()
        };
        self.absorb(&mut phrase, piece, tokens);
        phrase
    }

    fn absorb<'l>(&'l self, phrase: &mut Phrase<'l>, piece: &Piece, tokens: &Tokens) {
        phrase.last = piece.last;
        match &piece.kind {
            PieceKind::Agent(i) => match &self.agent_values[*i] {
                AgentKind::Agent(code) => phrase.agent = Some(code),
                AgentKind::Anaphor => phrase.anaphor = true,
            },
            PieceKind::Name(i) => {
                let value = &self.name_values[*i];
                match &value.kind {
                    NameKind::Organisation | NameKind::ArmedGroup | NameKind::Domestic => {
                        phrase.org = Some(&value.code)
                    }
                    NameKind::Holders(list) => {
                        phrase.holders = Some(list);
                        phrase.full_name = word_count(tokens, piece.first, piece.last) >= 2;
                    }
                    NameKind::Place => {
                        phrase.place = Some(&value.code);
                        phrase.place_last = piece.last;
                    }
                    NameKind::Stop => phrase.stop = true,
                    kind => phrase.country = Some((&value.code, kind)),
                }
            }
        }
    }

    /// Adds `piece` to `phrase` if it continues it ("Japanese" + "Foreign Minister" +
    /// "Fumio Kishida"; "Myanmar" 's "military").
    fn extend<'l>(&'l self, phrase: &mut Phrase<'l>, piece: &Piece, tokens: &Tokens) -> bool {
        if phrase.anaphor || phrase.stop {
            return false;
        }
        let gap = piece.first.saturating_sub(phrase.last);
        let possessive_gap = gap == 1 && tokens.is(phrase.last, "'s");
        if phrase.holders.is_some() {
            // "Sheikh Hamad bin Khalifa al-Thani": a name of the dictionary right after an
            // office holder's name is more of the same person's name, not another person.
            let more_name = gap == 0
                && matches!(&piece.kind, PieceKind::Name(i)
                    if matches!(self.name_values[*i].kind, NameKind::Holders(_)));
            if more_name {
                phrase.last = piece.last;
                phrase.full_name = true;
            }
            return more_name;
        }
        if let Some(place) = phrase.place.filter(|_| phrase.agent.is_none()) {
            // "Kano police", "the Dubai ruler", "Aleppo's rebels": a town or region before an
            // agent word is where that agent serves, so it is of the place's country.
            let owned = !place.is_empty()
                && (gap == 0 || possessive_gap)
                && matches!(&piece.kind, PieceKind::Agent(i)
                    if matches!(self.agent_values[*i], AgentKind::Agent(_)));
            if owned {
                self.absorb(phrase, piece, tokens);
            }
            return owned;
        }
        let has_owner = phrase.country.is_some() || phrase.org.is_some();
        let ok = match &piece.kind {
            PieceKind::Agent(i) => {
                let is_agent = matches!(self.agent_values[*i], AgentKind::Agent(_));
                // "Ethiopian federal troops", "Russian strategic bombers": lower-case modifiers
                // between a demonym and its agent.
                // "UN peacekeeping troops": the same after an international organisation.
                let owner_gap = matches!(&phrase.country, Some((_, NameKind::Adjective)))
                    || phrase.org.is_some_and(|o| o.starts_with("IGO"));
                let modifier_gap = (1..=2).contains(&gap)
                    && phrase.agent.is_none()
                    && owner_gap
                    && (phrase.last..piece.first).all(|k| is_modifier(tokens, k));
                is_agent
                    && (gap == 0
                        || modifier_gap
                        || (possessive_gap && phrase.agent.is_none() && has_owner))
            }
            PieceKind::Name(i) => {
                let is_holder = matches!(self.name_values[*i].kind, NameKind::Holders(_));
                let name_gap =
                    gap <= 2 && (phrase.last..piece.first).all(|k| starts_upper(tokens.text(k)));
                is_holder && (phrase.agent.is_some() || phrase.org.is_some()) && name_gap
            }
        };
        if ok {
            self.absorb(phrase, piece, tokens);
        }
        ok
    }

    /// Records a composed phrase: as a place, an actor mention, or both.
    fn finish(
        &self,
        phrase: Phrase<'_>,
        tokens: &Tokens,
        date: Option<NaiveDate>,
        out: &mut Recognized,
    ) {
        if phrase.stop {
            return;
        }
        let locative = crate::extract::groups::word_before(tokens, phrase.first)
            .is_some_and(|b| tokens.is_a(b, WordClass::Locative));
        if let Some(place) = place_of(&phrase, tokens, locative) {
            out.places.push(place);
        }
        let bare_capital =
            matches!(&phrase.country, Some((_, NameKind::Capital))) && phrase.agent.is_none();
        let bare_place = phrase.place.is_some() && phrase.agent.is_none();
        if bare_place || (bare_capital && locative) {
            return;
        }
        let bare_adjective = matches!(
            &phrase.country,
            Some((_, NameKind::Adjective | NameKind::Country))
        ) && phrase.agent.is_none()
            && phrase.holders.is_none()
            && phrase.org.is_none();
        if let Some(referent) = self.referent(&phrase, tokens, date) {
            out.mentions.push(Mention {
                first: phrase.first,
                last: phrase.last,
                referent,
                locative,
                bare_adjective,
            });
        }
    }

    /// What an actor phrase refers to: an anaphor, a bare group of people whose state comes
    /// from the sentence, or a resolved actor.
    fn referent(
        &self,
        phrase: &Phrase<'_>,
        tokens: &Tokens,
        date: Option<NaiveDate>,
    ) -> Option<Referent> {
        if phrase.anaphor {
            return Some(Referent::Anaphor);
        }
        // "ethnic Albanians", "ethnic Somali herders": a minority of the state the sentence is
        // set in, not the people's own state.
        if is_minority(phrase, tokens) {
            return Some(bare(phrase.agent.unwrap_or("CVL")));
        }
        let (None, None, None, None, Some(agent)) = (
            &phrase.country,
            &phrase.org,
            &phrase.holders,
            &phrase.place,
            &phrase.agent,
        ) else {
            return self
                .resolve(phrase, tokens, date)
                .map(|a| Referent::Actor(former(a, tokens, phrase.first)));
        };
        // A bare group of people ("protesters", "the government"): its state comes from the
        // sentence. Military words are left out: "military" and "forces" are as often
        // adjectives or foreign ("Soviet forces") as they are the sentence's own troops.
        // "the government", "the local authorities", "the new military government".
        let definite_government = *agent == "GOV" && after_the(tokens, phrase.first);
        // "military" alone is most often an adjective ("a military operation"); it is the
        // armed forces when no noun follows ("clashes between military and rebels", "the
        // military said", "military attacked the village").
        let adjective = phrase.last == phrase.first + 1
            && tokens.is(phrase.first, "military")
            && !ends_noun_phrase(tokens, phrase.last);
        let is_former = after_former(tokens, phrase.first);
        if !(INHERITING.contains(agent)
            || definite_government
            || is_former
            || titled_person(phrase, tokens))
            || adjective
        {
            return None;
        }
        Some(Referent::Actor(former(
            bare_actor(agent),
            tokens,
            phrase.first,
        )))
    }

    fn resolve(
        &self,
        phrase: &Phrase<'_>,
        tokens: &Tokens,
        date: Option<NaiveDate>,
    ) -> Option<Actor> {
        if let Some(holder) = phrase
            .holders
            .as_ref()
            .and_then(|l| self.holder_at(l, date))
        {
            return Some(actor_of_code(&holder.code, Some(holder.name.clone())));
        }
        if let Some(org) = &phrase.org {
            return Some(match (org.strip_suffix("CVL"), phrase.agent) {
                // "Oromo protesters", "Rohingya refugees": the people's state, the word's agent.
                (Some(state), Some(agent))
                    if state.len() == 3 && OVER_CIVILIANS.contains(&agent) =>
                {
                    actor_of_code(&[state, agent].concat(), None)
                }
                _ => actor_of_code(org, None),
            });
        }
        let Some((country, kind)) = phrase.country.as_ref() else {
            if let (Some(place), Some(agent)) = (phrase.place, phrase.agent) {
                return Some(actor_of_code(&[place, agent].concat(), None));
            }
            return self.out_of_office(phrase, tokens, date);
        };
        let agent = match (&phrase.agent, kind) {
            (Some(agent), _) => Some((*agent).to_owned()),
            (None, NameKind::Capital) => Some("GOV".to_owned()),
            (None, _) => None,
        };
        let code = [*country, agent.as_deref().unwrap_or("")].concat();
        Some(Actor {
            code,
            country: Some((*country).to_owned()),
            agent,
            name: None,
        })
    }
}

/// The place a phrase names: a place name, or a country or capital after a locative
/// preposition; not an owner ("the United States' global missile defense system").
/// A town's or region's possession is in it ("Misrata's main checkpoint"), so a place name stays
/// a place before "'s".
fn place_of(phrase: &Phrase<'_>, tokens: &Tokens, locative: bool) -> Option<PlaceMention> {
    let (country, last) = match (&phrase.place, &phrase.country) {
        (Some(code), _) => (*code, phrase.place_last),
        (None, Some((code, NameKind::Country | NameKind::Capital)))
            if locative && phrase.agent.is_none() && !tokens.is_any(phrase.last, &["'s", "'"]) =>
        {
            (*code, phrase.last)
        }
        _ => return None,
    };
    Some(PlaceMention {
        first: phrase.first,
        last,
        country: (!country.is_empty()).then(|| country.to_owned()),
        locative,
    })
}

/// Agents whose former members are the state's elites (CAMEO ELI: former government
/// officials): "former President Jimmy Carter", "a former defence minister", "ex-judges".
const FORMER_TO_ELITE: &[&str] = &["GOV", "LEG", "JUD", "MIL", "COP", "SPY"];

/// Whether "former" or "ex-" stands right before the phrase starting at `first`.
fn after_former(tokens: &Tokens, first: usize) -> bool {
    (first >= 1 && tokens.is(first - 1, "former"))
        || (first >= 2 && tokens.is(first - 1, "-") && tokens.is(first - 2, "ex"))
}

/// An official's actor after "former" or "ex-": the state's elites rather than its government.
fn former(mut actor: Actor, tokens: &Tokens, first: usize) -> Actor {
    let official = actor
        .agent
        .as_deref()
        .is_some_and(|a| FORMER_TO_ELITE.contains(&a));
    if official && after_former(tokens, first) {
        actor.agent = Some("ELI".to_owned());
        if let Some(country) = &actor.country {
            actor.code = format!("{country}ELI");
        }
    }
    actor
}

/// A group of people whose state comes from the sentence or the article.
fn bare(agent: &str) -> Referent {
    Referent::Actor(bare_actor(agent))
}

/// Whether a bare title stands before a person's name the dictionaries do not know
/// ("Interior Minister Horst Kramer", "Governor Jane Doe"): a capitalised title followed by
/// two capitalised words is an office holder of the state the sentence is set in. A single
/// capitalised word after the title is too often a place or an organisation ("Minister
/// Council", "President Street").
fn titled_person(phrase: &Phrase<'_>, tokens: &Tokens) -> bool {
    let (first, next) = (phrase.first, phrase.last);
    phrase.country.is_none()
        && phrase.org.is_none()
        && starts_upper(tokens.text(first))
        && next + 1 < tokens.len()
        && is_name_word(tokens.text(next))
        && is_name_word(tokens.text(next + 1))
}

/// Whether the phrase names an ethnic minority ("ethnic Albanians"): a people's adjective
/// right after "ethnic", with no organisation or office holder.
fn is_minority(phrase: &Phrase<'_>, tokens: &Tokens) -> bool {
    matches!(&phrase.country, Some((_, NameKind::Adjective)))
        && phrase.org.is_none()
        && phrase.holders.is_none()
        && phrase.first > 0
        && tokens.is(phrase.first - 1, "ethnic")
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::extract::actors::mentions::Recognized;
    use crate::extract::actors::{Lexicon, Referent};
    use crate::extract::dictionary::Sources;
    use crate::extract::tokens::Tokens;

    fn lexicon() -> Lexicon {
        let parsed = Sources::embedded()
            .parse()
            .expect("built-in dictionaries parse");
        Lexicon::new(&parsed).expect("built-in dictionaries are valid")
    }

    fn recognize(lexicon: &Lexicon, text: &str, year: i32) -> Recognized {
        let date = NaiveDate::from_ymd_opt(year, 6, 1);
        lexicon.recognize(&Tokens::new(text, 0), date, None)
    }

    /// The codes of the actors recognized in `text` in the middle of `year`, in text order.
    fn codes(lexicon: &Lexicon, text: &str, year: i32) -> Vec<String> {
        recognize(lexicon, text, year)
            .mentions
            .into_iter()
            .filter_map(|m| match m.referent {
                Referent::Actor(a) => Some(a.code),
                Referent::Anaphor => None,
            })
            .collect()
    }

    #[test]
    fn a_town_before_an_agent_word_is_where_the_agent_serves() {
        let lexicon = lexicon();
        let cases = [
            ("Kano police arrested ten traders on Monday.", "NGACOP"),
            ("The Dubai ruler praised the new trade agreement.", "AREGOV"),
            (
                "Misrata's militias shelled the coastal road overnight.",
                "LBYREB",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(
                codes(&lexicon, text, 2016).first().map(String::as_str),
                Some(want),
                "{text}"
            );
        }
    }

    #[test]
    fn a_town_name_alone_stays_a_place_even_before_a_possessive() {
        let lexicon = lexicon();
        let recognized = recognize(
            &lexicon,
            "Misrata's main checkpoint was closed by protesters.",
            2016,
        );
        let countries: Vec<_> = recognized
            .places
            .iter()
            .map(|p| p.country.as_deref())
            .collect();
        assert_eq!(countries, [Some("LBY")]);
        assert!(recognized.mentions.iter().all(|m| !matches!(&m.referent,
            Referent::Actor(a) if a.code.starts_with("LBY") && a.agent.is_none())));
    }

    #[test]
    fn a_holders_name_continued_by_another_dictionary_name_is_one_person() {
        let lexicon = lexicon();
        let text = "Sheikh Hamad bin Khalifa al-Thani received the French envoy in Doha.";
        let got = codes(&lexicon, text, 2005);
        assert_eq!(got.first().map(String::as_str), Some("QATGOV"), "{got:?}");
        assert!(got.iter().all(|c| !c.starts_with("LBY")), "{got:?}");
    }

    #[test]
    fn former_officials_are_their_states_elites() {
        let lexicon = lexicon();
        let cases = [
            ("Former U.S. President Jimmy Carter visited Cuba.", "USAELI"),
            (
                "A former Kenyan defence minister criticized the budget.",
                "KENELI",
            ),
            ("Kenyan ministers criticized the budget.", "KENGOV"),
        ];
        for (text, want) in cases {
            assert_eq!(
                codes(&lexicon, text, 2016).first().map(String::as_str),
                Some(want),
                "{text}"
            );
        }
    }

    #[test]
    fn the_states_governor_is_of_the_state_the_sentence_is_set_in() {
        let lexicon = lexicon();
        let got = codes(
            &lexicon,
            "Police in Kano said the state's governor had left.",
            2016,
        );
        assert_eq!(got, ["NGACOP", "NGAGOV"]);
        // Without "the ...'s", a bare title is nobody's.
        let got = codes(&lexicon, "Police in Kano said a governor had left.", 2016);
        assert_eq!(got, ["NGACOP"]);
    }

    #[test]
    fn presiding_officers_of_a_legislature_are_legislators() {
        let lexicon = lexicon();
        let got = codes(
            &lexicon,
            "The Nigerian Senate President met the visiting envoy.",
            2016,
        );
        assert_eq!(got.first().map(String::as_str), Some("NGALEG"));
    }

    #[test]
    fn a_place_after_a_locative_preposition_sets_the_sentence() {
        let lexicon = lexicon();
        // "Tabu" is also the name of a town elsewhere; "in Ubari" is where the clash was.
        let text = "Tabu and Tuareg fighters clashed in Ubari on Sunday.";
        let recognized = recognize(&lexicon, text, 2016);
        assert_eq!(recognized.country(), Some("LBY"));
        assert!(codes(&lexicon, text, 2016).contains(&"LBYREB".to_owned()));
    }

    #[test]
    fn the_southeast_asian_nations_acting_together_are_asean() {
        let lexicon = lexicon();
        let got = codes(
            &lexicon,
            "Southeast Asian nations urged Beijing to respect the ruling.",
            2016,
        );
        assert_eq!(got.first().map(String::as_str), Some("IGOSEA"));
    }
}
