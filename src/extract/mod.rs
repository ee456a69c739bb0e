//! Event coding: article text -> CAMEO events, in the TABARI/PETRARCH dictionary-and-pattern
//! tradition, without a parser.
//!
//! The stages, each in its own file, are pure and synchronous:
//! - [`sentences`]: sentence splitting with body offsets;
//! - [`tokens`]: tokens and the normalized text the automata run over;
//! - [`word_classes`]: the closed word lists (prepositions, modifiers ...) each token is on;
//! - `dictionary`: reading, hashing and parsing the dictionary files;
//! - `actors`: the actor lexicon (validated and compiled once), recognition and composition of
//!   actor mentions, and the places a sentence names;
//! - `groups`: compound actors and plural anaphors; `implied`: the protesters of a protest
//!   that names none;
//! - `patterns`: verb phrases and nominal triggers -> CAMEO codes;
//! - `triggers`: markers ("agreed to", "refused to", "urged X to") shift the code of the
//!   trigger after them; negation and hedging;
//! - `roles`: source and target, passive voice, reported speech, compound and reciprocal actors;
//!   `sentence_rules`: the rules over a sentence's coded events (duplicates, comments, mentions);
//! - `sentence`: the one view of a sentence (its place in the article, tokens, word ids, actor
//!   groups) that patterns, triggers, roles and evidence read, beside the `dictionaries`;
//! - `cameo`: the CAMEO table; [`dates`]: date resolution; `evidence`: the output event;
//! - `quad_model`: the quad class of a sentence the rules leave uncoded, from a linear model
//!   over its words (the fallback guess);
//! - `confidence`: the probability that an event is right, a logistic model over its features;
//! - `coder`: the [`Coder`] that runs them per article.

mod actors;
mod cameo;
mod coder;
mod confidence;
mod config;
pub mod dates;
mod dictionaries;
mod dictionary;
mod error;
mod evidence;
mod groups;
mod implied;
mod located;
mod patterns;
mod quad_model;
mod roles;
mod sentence;
mod sentence_rules;
pub mod sentences;
pub mod tokens;
mod triggers;
pub mod word_classes;

pub use coder::Coder;
pub use confidence::{Features, FEATURES};
pub use config::ExtractConfig;
pub use error::DictionaryError;
pub use sentence_rules::is_comment;
