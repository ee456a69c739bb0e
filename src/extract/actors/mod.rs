//! Actors: the lexicon of names, agents and office holders (validated and compiled once), and
//! the recognition and composition of actor mentions in a sentence.

mod code;
mod context;
mod holders;
mod lexicon;
mod mentions;
mod noun_phrase;
mod pieces;
mod places;
mod recognize;
mod referent;
mod sharing;
mod validate;

pub use code::ActorCode;
pub use lexicon::Lexicon;
pub use mentions::{Actor, Mention, PlaceMention, Referent};
