//! The `[aggregate]` config section: whether the daemon aggregates, where it publishes, and
//! the window and size of what it keeps.

use serde::Deserialize;

use crate::settings::{InvalidSetting, Section};

/// Longest window, in days: a year of aggregates in memory is already more than one instance
/// should hold (see BENCHMARKS.md for the bytes per aggregate).
pub const MAX_WINDOW_DAYS: u32 = 366;
/// Most article ids an aggregate lists.
pub const MAX_ARTICLE_IDS: usize = 1000;

/// The `[aggregate]` config section.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AggregateConfig {
    /// Whether the daemon publishes daily aggregates (default false). `demarche extract
    /// --daily` aggregates whatever this says.
    pub enabled: bool,
    /// The compacted topic the aggregates are published to, keyed by aggregate key (default
    /// `events.daily`).
    pub topic: String,
    /// The compacted changelog of the owners' tables, keyed by aggregate key (default
    /// `demarche.daily-state`): an owner restores its table from it on assignment.
    pub state_topic: String,
    /// The internal topic each dated event is written to, keyed by its aggregate's key, with
    /// the event (default `demarche.daily-mentions`): its partitions are the units of
    /// ownership, and `state_topic` needs at least as many.
    pub mentions_topic: String,
    /// The consumer group of the aggregates' owners, which read `mentions_topic` (default
    /// `demarche-daily`); it must differ from `kafka.group_id`.
    pub group_id: String,
    /// Days of event dates kept (default 7): an aggregate stays while the last day of its
    /// period is within this many days of the newest day counted; a mention of an older period
    /// is left out. Memory is the aggregates of this many days.
    pub window_days: u32,
    /// Most article ids an aggregate lists, the first seen (default 10).
    pub max_article_ids: usize,
}

/// The documented defaults of `config/default.toml`.
impl Default for AggregateConfig {
    fn default() -> Self {
        crate::settings::documented()
    }
}

impl Section for AggregateConfig {
    const NAME: &'static str = "aggregate";

    fn check(&self) -> Result<(), InvalidSetting> {
        let names = [
            ("topic", &self.topic),
            ("state_topic", &self.state_topic),
            ("mentions_topic", &self.mentions_topic),
            ("group_id", &self.group_id),
        ];
        for (key, name) in names {
            if name.trim().is_empty() {
                return Err(InvalidSetting::new(key, "must not be empty"));
            }
        }
        for (i, (key, topic)) in names[..3].iter().enumerate() {
            if let Some((other, _)) = names[..i].iter().find(|(_, t)| t == topic) {
                return Err(InvalidSetting::new(
                    *key,
                    format!("must differ from `{other}`"),
                ));
            }
        }
        if !(1..=MAX_WINDOW_DAYS).contains(&self.window_days) {
            return Err(InvalidSetting::new(
                "window_days",
                format!("must be between 1 and {MAX_WINDOW_DAYS}"),
            ));
        }
        if self.max_article_ids > MAX_ARTICLE_IDS {
            return Err(InvalidSetting::new(
                "max_article_ids",
                format!("must be at most {MAX_ARTICLE_IDS}"),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_the_documented_ones() {
        assert_eq!(AggregateConfig::default().check(), Ok(()));
        let settings = crate::settings::Layers::from_sources(None, Default::default())
            .and_then(|layers| layers.settings())
            .expect("the built-in defaults are valid");
        assert_eq!(*settings.aggregate, AggregateConfig::default());
        assert_eq!(
            settings.aggregate.topic, "events.daily",
            "read from the file"
        );
    }

    #[test]
    fn a_bad_value_stops_start_up_naming_its_key_in_its_section() {
        let env = [(
            "DEMARCHE__AGGREGATE__WINDOW_DAYS".to_owned(),
            "0".to_owned(),
        )];
        let error = crate::settings::Layers::from_sources(None, env.into_iter().collect())
            .and_then(|layers| layers.settings())
            .expect_err("a window of zero days");
        assert!(
            error.to_string().contains("aggregate.window_days"),
            "{error}"
        );
    }

    #[test]
    fn each_bad_value_names_its_key() {
        type Spoil = fn(&mut AggregateConfig);
        let cases: Vec<(&str, Spoil)> = vec![
            ("topic", |c| c.topic = " ".into()),
            ("state_topic", |c| c.state_topic = String::new()),
            ("state_topic", |c| c.state_topic = c.topic.clone()),
            ("mentions_topic", |c| {
                c.mentions_topic = c.state_topic.clone()
            }),
            ("group_id", |c| c.group_id = String::new()),
            ("window_days", |c| c.window_days = 0),
            ("window_days", |c| c.window_days = 400),
            ("max_article_ids", |c| c.max_article_ids = 5000),
        ];
        for (key, spoil) in cases {
            let mut config = AggregateConfig::default();
            spoil(&mut config);
            assert_eq!(config.check().expect_err(key).key, key);
        }
    }

    #[test]
    fn unknown_keys_are_rejected_and_missing_ones_default() {
        let overrides = |text: &str| toml::from_str(text).expect("toml");
        let typo = crate::settings::with_overrides::<AggregateConfig>(&overrides("window = 3"));
        assert!(typo
            .expect_err("unknown key")
            .to_string()
            .contains("window"));
        let parsed: AggregateConfig =
            crate::settings::with_overrides(&overrides("window_days = 3")).expect("known key");
        assert_eq!(parsed.window_days, 3);
        assert_eq!(parsed.max_article_ids, 10);
    }
}
