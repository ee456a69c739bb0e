//! Settings that may be unset: the file says so with an empty string (TOML has no null), the
//! code sees `None`, so that no stage tests for emptiness again.

use serde::{Deserialize, Deserializer};

/// Reads a string setting where empty (or blank) means "not set".
pub fn empty_as_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: From<String>,
{
    let text = String::deserialize(deserializer)?;
    Ok((!text.trim().is_empty()).then(|| T::from(text)))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use serde::Deserialize;

    use super::*;

    #[derive(Deserialize)]
    struct Section {
        #[serde(deserialize_with = "empty_as_none")]
        path: Option<PathBuf>,
    }

    #[test]
    fn an_empty_or_blank_value_is_unset() {
        for (text, expected) in [
            ("path = \"\"", None),
            ("path = \"  \"", None),
            ("path = \"/etc/x\"", Some(PathBuf::from("/etc/x"))),
        ] {
            let section: Section = toml::from_str(text).expect("parses");
            assert_eq!(section.path, expected, "{text}");
        }
    }
}
