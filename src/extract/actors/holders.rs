//! Office holders: which term of a name the article's date selects, and what a name that holds
//! no office on that date still says (the person's state).

use chrono::NaiveDate;

use crate::extract::tokens::Tokens;

use super::code::ActorCode;
use super::lexicon::{Holder, Lexicon};
use super::mentions::Actor;
use super::noun_phrase::beside_a_name;
use super::recognize::Phrase;

impl Lexicon {
    /// A person of the office-holder dictionary who holds no office on the article's date
    /// ("Boris Yeltsin" in 2005, "President Trump" in a story dated 2015): dictionary dates and
    /// article dates disagree often (undated reprints, retrospectives, former and future
    /// office holders), while the person's state does not. The term nearest the date gives the
    /// state; the role is the title written before the name ("President Trump": GOV), else
    /// the state's elites (ELI), since without a title the text does not say the person holds
    /// an office. A surname alone, without a title, is nobody: another person may bear it.
    pub(super) fn out_of_office(
        &self,
        phrase: &Phrase<'_>,
        tokens: &Tokens,
        date: Option<NaiveDate>,
    ) -> Option<Actor> {
        // "Abdelaziz Bouteflika" is not the "Abdelaziz" of another holder, nor "Hamad bin
        // Khalifa al-Thani" the "al-Thani" of another: one name of the dictionary next to a
        // name it does not know belongs to someone else.
        if !phrase.full_name && beside_a_name(tokens, phrase.first, phrase.last) {
            // "General Qamar Bajwa": still a general, of the sentence's state.
            return phrase.agent.map(Actor::bare);
        }
        if !phrase.full_name && phrase.agent.is_none() {
            return None;
        }
        let nearest = self.nearest_term(phrase.holders?, date)?;
        let country = nearest.code.country()?;
        let agent = phrase.agent.unwrap_or(ActorCode::ELI);
        Some(Actor {
            name: Some(nearest.name.clone()),
            ..Actor::of_state(country, Some(agent))
        })
    }

    /// The term, among `list`, that is nearest `date` (any of them without a date).
    fn nearest_term(&self, list: &[usize], date: Option<NaiveDate>) -> Option<&Holder> {
        let distance = |h: &Holder| {
            date.map_or(0, |d| {
                if d < h.start {
                    (h.start - d).num_days()
                } else {
                    (d - h.end.unwrap_or(d)).num_days().max(0)
                }
            })
        };
        list.iter()
            .map(|&i| &self.holders[i])
            .min_by_key(|h| distance(h))
    }

    pub(super) fn holder_at(&self, list: &[usize], date: Option<NaiveDate>) -> Option<&Holder> {
        let holders = list.iter().map(|&i| &self.holders[i]);
        match date {
            Some(d) => holders.rev().find(|h| h.in_office(d)),
            None => holders.max_by_key(|h| h.start),
        }
    }
}
