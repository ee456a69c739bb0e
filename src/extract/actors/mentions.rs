//! What recognition finds in a sentence: actors, the mentions that refer to them, and places.

use super::code::ActorCode;

/// A recognized actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// CAMEO actor code.
    pub code: ActorCode,
    /// ISO alpha-3, for state actors (and a transnational group placed by its event).
    pub country: Option<ActorCode>,
    /// Agent code, if any.
    pub agent: Option<ActorCode>,
    /// The office holder's full name, if one was recognised.
    pub name: Option<String>,
}

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Referent {
    /// A dictionary actor.
    Actor(Actor),
    /// A plural anaphor ("the two countries"), resolved by the coder.
    Anaphor,
}

/// An actor mention: a token range and its referent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// What it refers to.
    pub referent: Referent,
    /// Whether it follows a locative preposition ("in Afghanistan").
    pub locative: bool,
    /// Whether it is a bare adjective or name ("Chinese", "U.S."), which may share the agent of
    /// the next mention ("U.S. and British forces").
    pub bare_adjective: bool,
}

/// A place stated in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMention {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// The place's country.
    pub country: Option<ActorCode>,
    /// Whether a locative preposition stands before it ("in Ubari"): a name written as a place,
    /// surer than one that may be a person's or a people's ("Tabu and Tuareg fighters").
    pub locative: bool,
}

/// Everything recognized in one sentence.
#[derive(Debug, Clone, Default)]
pub struct Recognized {
    /// Actor mentions in text order.
    pub mentions: Vec<Mention>,
    /// Places in text order.
    pub places: Vec<PlaceMention>,
}

impl Actor {
    /// The actor a full code denotes ("JPNGOV" -> JPN + GOV; "IGOUNO" -> no country).
    pub fn of_code(code: ActorCode, name: Option<String>) -> Self {
        Self {
            code,
            country: code.country(),
            agent: code.agent(),
            name,
        }
    }

    /// A state's actor: the state alone ("JPN"), or one of its agents ("JPNMIL").
    pub fn of_state(country: ActorCode, agent: Option<ActorCode>) -> Self {
        Self {
            code: agent.map_or(country, |a| country.with_agent(a)),
            country: Some(country),
            agent,
            name: None,
        }
    }

    /// An agent of no known state ("COP"): its state is inherited after recognition
    /// (`inherit_states`), if the sentence or the article gives one.
    pub fn bare(agent: ActorCode) -> Self {
        Self {
            code: agent,
            country: None,
            agent: Some(agent),
            name: None,
        }
    }

    /// Whether the actor is an agent of no known state (an organisation or a transnational
    /// group has no agent).
    pub fn is_bare(&self) -> bool {
        self.country.is_none() && self.agent.is_some()
    }

    /// Gives the actor `agent`, and its code with it: its state's code + the agent, or the
    /// agent alone for an actor of no known state.
    pub fn set_agent(&mut self, agent: ActorCode) {
        self.agent = Some(agent);
        self.code = self.country.map_or(agent, |c| c.with_agent(agent));
    }

    /// Moves the actor out (into its group), leaving behind one of no state, agent or name:
    /// what the mention said is then its group's.
    pub fn take(&mut self) -> Self {
        Self {
            code: self.code,
            country: self.country.take(),
            agent: self.agent.take(),
            name: self.name.take(),
        }
    }

    /// Gives an agent of no known state the state `country` (none: it stays of no state).
    pub fn set_country(&mut self, country: Option<ActorCode>) {
        self.country = country;
        if let Some(agent) = self.agent {
            self.set_agent(agent);
        }
    }
}
