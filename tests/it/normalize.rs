//! Normalization: the stages one by one, whole articles, and the properties.

mod articles;
mod boilerplate;
mod config;
mod dates;
mod decode;
mod html;
mod language;
mod properties;
mod reference;
mod text;
mod title;
mod url;
mod wire;

use std::sync::LazyLock;

use demarche::normalize::Normalizer;
use demarche::settings::Valid;

/// One default normalizer for every test: building one compiles the rules.
static NORMALIZER: LazyLock<Normalizer> =
    LazyLock::new(|| Normalizer::new(&Valid::documented()).expect("default config"));

/// The default normalizer, shared.
fn normalizer() -> &'static Normalizer {
    &NORMALIZER
}
