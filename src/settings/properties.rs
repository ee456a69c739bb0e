//! Free-form librdkafka properties, and the masking of secrets wherever they appear.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

/// Words that make a property a secret: its value is never printed or logged.
const SECRET_MARKERS: [&str; 6] = [
    "password",
    "secret",
    "jaas",
    "token",
    "ssl.key",
    "credential",
];

/// librdkafka properties (`security.protocol`, `sasl.password`, `fetch.max.bytes`, ...) given
/// in the config file; their values are strings, as librdkafka takes them.
#[derive(Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct ClientProperties(BTreeMap<String, String>);

impl ClientProperties {
    /// The properties, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl fmt::Debug for ClientProperties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(
                self.0
                    .iter()
                    .map(|(k, v)| (k, if is_secret(k) { "***" } else { v.as_str() })),
            )
            .finish()
    }
}

/// Whether a key names a secret.
pub fn is_secret(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SECRET_MARKERS.iter().any(|m| key.contains(m))
}

/// Replaces the value of every secret key, at any depth, by `***`.
pub fn mask_secrets(value: toml::Value) -> toml::Value {
    match value {
        toml::Value::Table(table) => toml::Value::Table(
            table
                .into_iter()
                .map(|(k, v)| {
                    let v = if is_secret(&k) && !v.is_table() {
                        toml::Value::String("***".into())
                    } else {
                        mask_secrets(v)
                    };
                    (k, v)
                })
                .collect(),
        ),
        toml::Value::Array(items) => {
            toml::Value::Array(items.into_iter().map(mask_secrets).collect())
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_keys_are_recognised_by_name() {
        for key in [
            "sasl.password",
            "ssl.key.password",
            "sasl.jaas.config",
            "SASL.PASSWORD",
        ] {
            assert!(is_secret(key), "{key}");
        }
        for key in ["security.protocol", "sasl.username", "fetch.max.bytes"] {
            assert!(!is_secret(key), "{key}");
        }
    }

    #[test]
    fn debug_output_masks_secrets() {
        let props: ClientProperties =
            serde_json::from_str(r#"{"sasl.username":"alice","sasl.password":"hunter2"}"#).unwrap();
        let shown = format!("{props:?}");
        assert!(shown.contains("alice"));
        assert!(!shown.contains("hunter2"));
    }
}
