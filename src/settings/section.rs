//! The sections stages are built from: their defaults are read from `config/default.toml`, the
//! one place they are written, and their values are checked once, into [`Valid`], which is what
//! the stages take.

use std::ops::Deref;
use std::sync::LazyLock;

use serde::de::DeserializeOwned;

use super::{InvalidSetting, DEFAULT_TOML};

/// A section of the configuration that one stage is built from.
pub trait Section: DeserializeOwned {
    /// Its table in the file: `normalize` for `[normalize]`.
    const NAME: &'static str;

    /// Checks what serde cannot; keys are relative to the section.
    fn check(&self) -> Result<(), InvalidSetting>;
}

/// The built-in defaults, parsed once.
static DEFAULTS: LazyLock<toml::Table> =
    LazyLock::new(|| toml::from_str(DEFAULT_TOML).expect("the built-in defaults are valid TOML"));

/// The section as `config/default.toml` documents it: what every `Default` of a section is.
pub fn documented<T: Section>() -> T {
    with_overrides(&toml::Table::new())
        .unwrap_or_else(|e| panic!("`[{}]` of config/default.toml: {e}", T::NAME))
}

/// The documented section with some of its keys replaced, as a file layered over the defaults
/// would: an unknown key or a wrong type is an error naming it.
pub fn with_overrides<T: Section>(overrides: &toml::Table) -> Result<T, toml::de::Error> {
    let mut table = match DEFAULTS.get(T::NAME) {
        Some(toml::Value::Table(table)) => table.clone(),
        _ => panic!("config/default.toml has no `[{}]` table", T::NAME),
    };
    table.extend(overrides.clone());
    toml::Value::Table(table).try_into()
}

/// A section that passed its check. Stages are built from this, so none checks again.
#[derive(Debug, Clone, PartialEq)]
pub struct Valid<T>(T);

impl<T: Section> Valid<T> {
    /// Checks `section`; the error's key is prefixed with the section's name.
    pub fn new(section: T) -> Result<Self, InvalidSetting> {
        section.check().map_err(|e| e.in_section(T::NAME))?;
        Ok(Self(section))
    }

    /// The documented defaults, which are valid (tested).
    pub fn documented() -> Self {
        Self::new(documented()).unwrap_or_else(|e| panic!("config/default.toml: {e}"))
    }

    /// The checked values, to change and check again.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Valid<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    /// `[shutdown]` stands in for a stage's section: its one key is a duration.
    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Shutdown {
        deadline: String,
    }

    impl Section for Shutdown {
        const NAME: &'static str = "shutdown";

        fn check(&self) -> Result<(), InvalidSetting> {
            if self.deadline.starts_with('0') {
                return Err(InvalidSetting::new("deadline", "must be longer than zero"));
            }
            Ok(())
        }
    }

    #[test]
    fn the_documented_section_is_read_from_the_default_file() {
        let documented: Shutdown = documented();
        let file: toml::Table = toml::from_str(DEFAULT_TOML).expect("toml");
        assert_eq!(
            toml::Value::String(documented.deadline),
            file["shutdown"]["deadline"]
        );
    }

    #[test]
    fn overrides_replace_keys_and_unknown_keys_are_named() {
        let overrides: toml::Table = toml::from_str("deadline = \"0s\"").expect("toml");
        let changed: Shutdown = with_overrides(&overrides).expect("known key");
        assert_eq!(changed.deadline, "0s");

        let unknown: toml::Table = toml::from_str("dead_line = \"1s\"").expect("toml");
        let err = with_overrides::<Shutdown>(&unknown).expect_err("unknown key");
        assert!(err.to_string().contains("dead_line"), "{err}");
    }

    #[test]
    fn a_section_is_valid_only_once_checked_and_the_error_names_its_key() {
        let overrides: toml::Table = toml::from_str("deadline = \"0s\"").expect("toml");
        let zero: Shutdown = with_overrides(&overrides).expect("parses");
        let err = Valid::new(zero).expect_err("checked");
        assert_eq!(err.key, "shutdown.deadline");
        assert_eq!(Valid::<Shutdown>::documented().deadline, "30s");
    }
}
