//! `agents.toml`: the words of each agent, and the plural anaphors.

use std::collections::HashMap;

use crate::extract::dictionary::Parsed;
use crate::extract::tokens::normalize_phrase;
use crate::extract::DictionaryError;

use super::super::code::ActorCode;
use super::super::lexicon::AgentKind;
use super::{agent_list, code_of};

/// The file agents come from, for error messages.
const AGENTS: &str = "agents.toml";

/// Checks `agents.toml`; returns the normalized forms and their values.
pub fn agents(parsed: &Parsed) -> Result<(Vec<String>, Vec<AgentKind>), DictionaryError> {
    let mut index: HashMap<String, String> = HashMap::new();
    let mut forms = Vec::new();
    let mut values = Vec::new();
    for a in &parsed.agents.agent {
        let code = code_of(AGENTS, &a.code, &a.code)?;
        if !ActorCode::AGENTS.contains(&code) {
            return Err(DictionaryError::invalid(
                AGENTS,
                &a.code,
                format!("agent code must be one of {}", agent_list(None)),
            ));
        }
        for word in &a.words {
            push_agent(&mut index, &mut forms, word, &a.code)?;
            values.push(AgentKind::Agent(code));
        }
    }
    for phrase in &parsed.agents.plural_anaphors {
        push_agent(&mut index, &mut forms, phrase, "plural_anaphors")?;
        values.push(AgentKind::Anaphor);
    }
    Ok((forms, values))
}

fn push_agent(
    index: &mut HashMap<String, String>,
    forms: &mut Vec<String>,
    word: &str,
    owner: &str,
) -> Result<(), DictionaryError> {
    let key = normalize_phrase(word).to_ascii_lowercase();
    if key.is_empty() {
        return Err(DictionaryError::invalid(AGENTS, owner, "empty word"));
    }
    if let Some(first) = index.insert(key.clone(), owner.to_owned()) {
        return Err(DictionaryError::Conflict {
            text: key,
            first: format!("{AGENTS} {first}"),
            second: format!("{AGENTS} {owner}"),
        });
    }
    forms.push(key);
    Ok(())
}
