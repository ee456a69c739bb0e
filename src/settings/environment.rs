//! The `DEMARCHE__SECTION__KEY` variables as one configuration layer.
//!
//! A variable's value is typed by the key's default in `config/default.toml`: a key whose
//! default is a string stays a string whatever it looks like (`DEMARCHE__KAFKA__GROUP_ID=0123`
//! is the group `0123`, not the number 123); numbers, booleans and lists are read as such only
//! where the default is one. librdkafka properties are strings, and their names are written in a
//! variable with `.` or `_` for the dots (`DEMARCHE__KAFKA__CONSUMER__PROPERTIES__SASL_PASSWORD`
//! sets `sasl.password`): no librdkafka property has an underscore in its name.

use std::collections::HashMap;

/// Prefix of configuration variables, with its separator.
const PREFIX: &str = "DEMARCHE__";
/// Separator of the key path inside a variable's name.
const SEPARATOR: &str = "__";
/// The free-form tables of librdkafka properties.
const PROPERTIES: &str = "properties";

/// The configuration variables of `env` as a TOML table, typed by `defaults`; variables
/// without the prefix are ignored.
pub(super) fn layer(env: &HashMap<String, String>, defaults: &toml::Table) -> toml::Table {
    let mut names: Vec<&String> = env.keys().collect();
    names.sort();
    let mut table = toml::Table::new();
    for name in names {
        let Some(path) = key_path(name) else {
            continue;
        };
        let value = typed(&env[name], default_at(defaults, &path));
        insert(&mut table, &path, value);
    }
    table
}

/// The key path a variable sets: `DEMARCHE__KAFKA__GROUP_ID` -> `["kafka", "group_id"]`; below
/// a `properties` table the rest is one librdkafka property name.
fn key_path(name: &str) -> Option<Vec<String>> {
    let rest = name
        .get(..PREFIX.len())
        .filter(|p| p.eq_ignore_ascii_case(PREFIX))
        .map(|_| &name[PREFIX.len()..])?;
    let mut path = Vec::new();
    let mut segments = rest.split(SEPARATOR);
    for segment in segments.by_ref() {
        let segment = segment.to_ascii_lowercase();
        let is_properties = segment == PROPERTIES;
        path.push(segment);
        if is_properties {
            break;
        }
    }
    let property: Vec<&str> = segments.collect();
    if !property.is_empty() {
        path.push(property.join(".").to_ascii_lowercase().replace('_', "."));
    }
    path.iter().all(|s| !s.is_empty()).then_some(path)
}

fn default_at<'a>(defaults: &'a toml::Table, path: &[String]) -> Option<&'a toml::Value> {
    let (last, parents) = path.split_last()?;
    let mut table = defaults;
    for key in parents {
        table = table.get(key)?.as_table()?;
    }
    table.get(last)
}

/// The variable's text as the type of the key's default; a text that is not of that type
/// stays a string, so that deserializing reports the key with what was expected.
fn typed(text: &str, default: Option<&toml::Value>) -> toml::Value {
    let parsed = match default {
        Some(toml::Value::Integer(_)) => text.trim().parse().ok().map(toml::Value::Integer),
        Some(toml::Value::Float(_)) => text.trim().parse().ok().map(toml::Value::Float),
        Some(toml::Value::Boolean(_)) => text.trim().parse().ok().map(toml::Value::Boolean),
        Some(toml::Value::Array(items)) => Some(toml::Value::Array(
            text.split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| typed(item, items.first()))
                .collect(),
        )),
        _ => None,
    };
    parsed.unwrap_or_else(|| toml::Value::String(text.to_owned()))
}

fn insert(table: &mut toml::Table, path: &[String], value: toml::Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut table = table;
    for key in parents {
        let entry = table
            .entry(key.clone())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if !entry.is_table() {
            // A variable for `a` and another for `a.b`: the deeper one wins.
            *entry = toml::Value::Table(toml::Table::new());
        }
        let toml::Value::Table(inner) = entry else {
            unreachable!("made a table above");
        };
        table = inner;
    }
    table.insert(last.clone(), value);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> toml::Table {
        toml::from_str(super::super::DEFAULT_TOML).expect("defaults parse")
    }

    fn layer_of(vars: &[(&str, &str)]) -> toml::Table {
        let env = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        layer(&env, &defaults())
    }

    #[test]
    fn strings_stay_strings_whatever_they_look_like() {
        let table = layer_of(&[
            ("DEMARCHE__KAFKA__GROUP_ID", "0123"),
            ("DEMARCHE__KAFKA__CLIENT_ID", "1e3"),
            ("DEMARCHE__LOG__LEVEL", "true"),
        ]);
        assert_eq!(table["kafka"]["group_id"].as_str(), Some("0123"));
        assert_eq!(table["kafka"]["client_id"].as_str(), Some("1e3"));
        assert_eq!(table["log"]["level"].as_str(), Some("true"));
    }

    #[test]
    fn numbers_and_lists_are_read_where_the_default_is_one() {
        let table = layer_of(&[
            ("DEMARCHE__KAFKA__MAX_IN_FLIGHT_PER_PARTITION", "250"),
            ("DEMARCHE__DEDUP__JACCARD_THRESHOLD", "0.6"),
            ("DEMARCHE__NORMALIZE__LANGUAGES", "en, fr"),
            ("DEMARCHE__PIPELINE__BATCH_MAX", "many"),
        ]);
        assert_eq!(
            table["kafka"]["max_in_flight_per_partition"].as_integer(),
            Some(250)
        );
        assert_eq!(table["dedup"]["jaccard_threshold"].as_float(), Some(0.6));
        let languages: Vec<_> = table["normalize"]["languages"]
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(toml::Value::as_str)
            .collect();
        assert_eq!(languages, ["en", "fr"]);
        // Not a number: left as written for the typed stage to refuse, naming the key.
        assert_eq!(table["pipeline"]["batch_max"].as_str(), Some("many"));
    }

    #[test]
    fn librdkafka_properties_take_dots_or_underscores() {
        let table = layer_of(&[
            ("DEMARCHE__KAFKA__CONSUMER__PROPERTIES__SASL.PASSWORD", "a"),
            ("DEMARCHE__KAFKA__PRODUCER__PROPERTIES__SASL_USERNAME", "b"),
            (
                "DEMARCHE__KAFKA__PRODUCER__PROPERTIES__FETCH__MAX_BYTES",
                "1048576",
            ),
        ]);
        let consumer = &table["kafka"]["consumer"]["properties"];
        assert_eq!(consumer["sasl.password"].as_str(), Some("a"));
        let producer = &table["kafka"]["producer"]["properties"];
        assert_eq!(producer["sasl.username"].as_str(), Some("b"));
        assert_eq!(producer["fetch.max.bytes"].as_str(), Some("1048576"));
    }

    #[test]
    fn other_variables_are_ignored() {
        let table = layer_of(&[
            ("DEMARCHE_CONFIG", "/etc/demarche.toml"),
            ("HOME", "/root"),
            ("DEMARCHE__", "x"),
        ]);
        assert!(table.is_empty(), "{table:?}");
    }
}
