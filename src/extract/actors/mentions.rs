//! What recognition finds in a sentence: actors, the mentions that refer to them, and places.

/// A recognized actor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    /// CAMEO actor code.
    pub code: String,
    /// ISO alpha-3, for state actors.
    pub country: Option<String>,
    /// Agent code, if any.
    pub agent: Option<String>,
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
    pub country: Option<String>,
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

/// An agent of no state yet: its state is inherited after recognition (`inherit_states`).
pub(super) fn bare_actor(agent: &str) -> Actor {
    Actor {
        code: String::new(),
        country: None,
        agent: Some(agent.to_owned()),
        name: None,
    }
}

/// The actor a full code denotes ("JPNGOV" -> JPN + GOV; "IGOUNO" -> no country).
pub fn actor_of_code(code: &str, name: Option<String>) -> Actor {
    // International organisations and transnational armed groups have no country.
    let igo = code.starts_with("IGO") || code.starts_with("NGO") || code.starts_with("IMG");
    let country = (!igo && code.len() >= 3).then(|| code[..3].to_owned());
    let agent = (!igo && code.len() == 6).then(|| code[3..].to_owned());
    Actor {
        code: code.to_owned(),
        country,
        agent,
        name,
    }
}
