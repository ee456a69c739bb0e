//! Values taken from elsewhere: a string setting (a librdkafka property included) written as
//! `${env:NAME}` is the variable `NAME`, and `${file:/run/secrets/x}` is the content of that
//! file with its final line break removed, so that a Kubernetes Secret can be mounted or
//! exposed as a variable and never pasted into a ConfigMap. The reference must be the whole
//! value. A variable that is not set or a file that cannot be read stops start-up, naming the
//! key; `check-config` prints the reference, not what it resolved to.

use std::collections::HashMap;

use super::InvalidSetting;

/// Replaces every reference in `value` by what it names; `path` is the dotted key of `value`.
pub(super) fn resolve(
    value: toml::Value,
    env: &HashMap<String, String>,
    path: &str,
) -> Result<toml::Value, InvalidSetting> {
    Ok(match value {
        toml::Value::String(text) => toml::Value::String(match reference(&text) {
            Some(source) => source.read(env).map_err(|reason| InvalidSetting {
                key: path.to_owned(),
                reason,
            })?,
            None => text,
        }),
        toml::Value::Table(table) => toml::Value::Table(
            table
                .into_iter()
                .map(|(key, value)| {
                    let inner = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    resolve(value, env, &inner).map(|value| (key, value))
                })
                .collect::<Result<_, _>>()?,
        ),
        toml::Value::Array(items) => toml::Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| resolve(item, env, &format!("{path}[{i}]")))
                .collect::<Result<_, _>>()?,
        ),
        other => other,
    })
}

/// Where a referenced value comes from.
#[derive(Debug, PartialEq, Eq)]
enum Source<'a> {
    Variable(&'a str),
    File(&'a str),
}

fn reference(text: &str) -> Option<Source<'_>> {
    let inner = text.trim().strip_prefix("${")?.strip_suffix('}')?;
    if let Some(name) = inner.strip_prefix("env:") {
        Some(Source::Variable(name.trim()))
    } else {
        inner.strip_prefix("file:").map(|p| Source::File(p.trim()))
    }
}

impl Source<'_> {
    fn read(&self, env: &HashMap<String, String>) -> Result<String, String> {
        match *self {
            Source::Variable(name) => env
                .get(name)
                .cloned()
                .ok_or_else(|| format!("refers to the variable {name}, which is not set")),
            Source::File(path) => std::fs::read_to_string(path)
                .map(|text| {
                    let text = text.strip_suffix('\n').unwrap_or(&text);
                    text.strip_suffix('\r').unwrap_or(text).to_owned()
                })
                .map_err(|e| format!("refers to the file {path}, which cannot be read: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_recognised_only_as_whole_values() {
        assert_eq!(reference("${env:PASS}"), Some(Source::Variable("PASS")));
        assert_eq!(
            reference(" ${file:/run/secrets/kafka} "),
            Some(Source::File("/run/secrets/kafka"))
        );
        assert_eq!(reference("pre${env:PASS}"), None);
        assert_eq!(reference("${other:PASS}"), None);
        assert_eq!(reference("plain"), None);
    }

    #[test]
    fn a_missing_variable_names_the_key() {
        let value: toml::Value = toml::from_str("[kafka]\nbrokers = \"${env:NOPE}\"").unwrap();
        let err = resolve(value, &HashMap::new(), "").unwrap_err();
        assert_eq!(err.key, "kafka.brokers");
        assert!(err.reason.contains("NOPE"), "{}", err.reason);
    }
}
