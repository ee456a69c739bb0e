//! Validation of the actor dictionaries: codes, dates and uniqueness, with errors that name the
//! file and the entry. Every code is read into an [`ActorCode`] here, once: a code that is none
//! stops the start-up with the file, the entry and the code.

mod agents;
mod countries;
mod domestic;
mod holders;
mod organisations;

pub use agents::agents;
pub use countries::countries;
pub use domestic::domestic;
pub use holders::{holder_overlaps, holders};
pub use organisations::{armed_groups, organisations};

use crate::extract::DictionaryError;

use super::code::ActorCode;

/// The actor code `text` of `entry` in `file`; an error naming all three if it is none.
fn code_of(file: &str, entry: &str, text: &str) -> Result<ActorCode, DictionaryError> {
    ActorCode::parse(text).map_err(|e| DictionaryError::invalid(file, entry, e.to_string()))
}

/// "the Kremlin" is also matched as "The Kremlin" at the start of a sentence.
fn with_capital_the(form: &str) -> Vec<String> {
    match form.strip_prefix("the ") {
        Some(rest) => vec![form.to_owned(), format!("The {rest}")],
        None => vec![form.to_owned()],
    }
}

/// The agents a state's code may carry, for error messages ("GOV, MIL, ...").
fn agent_list(except: Option<ActorCode>) -> String {
    ActorCode::AGENTS
        .iter()
        .filter(|a| Some(**a) != except)
        .map(ActorCode::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests;
