//! The quad-class fallback: a linear model that reads a sentence the rules left uncoded and
//! says which class of event it most likely reports, and how likely.
//!
//! The rules code what their patterns recognize; news phrases the same events in more ways than
//! patterns can list. When a sentence names a source and a distinct target but no rule coded
//! it (or names only a source, and a rule's trigger matched without finding its roles), the
//! coder asks this model for the sentence's class (a PLOVER category, or a statement) and emits
//! one event with the generic CAMEO code of that class, at a low confidence that says it was
//! guessed.
//!
//! - `classes`: the classes of event, by PLOVER category, and their generic codes;
//! - `features`: a sentence's words and word pairs, hashed into numbered buckets;
//! - `model`: the weights over those buckets (data, `config/models/quad_class.json`, trained on
//!   the development halves of the external sets), parsed once per process;
//! - `guess`: from the model's answer to an event between the sentence's parties, or silence.

mod classes;
mod features;
mod guess;
mod model;

pub use model::QuadModel;

#[cfg(test)]
mod tests;
