//! Event coding: article text -> CAMEO events, in the TABARI/PETRARCH dictionary-and-pattern
//! tradition, without a parser.
//!
//! The stages, each in its own file, are pure and synchronous:
//! - [`sentences`]: sentence splitting with body offsets;
//! - [`tokens`]: tokens and the normalized text the automata run over;
//! - `dictionary`: reading, hashing and parsing the dictionary files;
//! - `actors`: the actor lexicon (compiled once) and actor recognition and composition;
//! - `groups`: compound actors and plural anaphors;
//! - `patterns`: verb phrases and nominal triggers -> CAMEO codes;
//! - `roles`: source and target, negation, intent, refusal, threat, passive, reported speech;
//! - `cameo`: the CAMEO table; [`dates`]: date resolution; `evidence`: confidence and output;
//! - `coder`: the [`Coder`] that runs them per article.

mod actors;
mod cameo;
mod coder;
mod config;
pub mod dates;
mod dictionary;
mod error;
mod evidence;
mod groups;
mod patterns;
mod roles;
pub mod sentences;
pub mod tokens;

pub use coder::Coder;
pub use config::ExtractConfig;
pub use error::DictionaryError;
