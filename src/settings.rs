//! Settings: layered configuration -> validated, typed [`Settings`].
//!
//! Layers, each overriding the one before: the defaults built into the binary
//! (`config/default.toml`, where every key is documented), the files given with `--config FILE`
//! in order (or the one the `DEMARCHE_CONFIG` variable names), then variables
//! `DEMARCHE__SECTION__KEY` (`settings/environment.rs`). A string value may be a reference to a
//! variable or a file (`settings/references.rs`), for secrets. This is the only module that reads
//! the environment. Anything that cannot be used (an unknown key, a wrong type, an impossible
//! value) stops start-up with a message naming the key. The sections the pipeline's stages are
//! built from ([`Section`]) take their defaults from `config/default.toml` alone and reach the
//! stages checked, as [`Valid`].

mod environment;
mod kafka;
mod optional;
mod pipeline;
mod properties;
mod references;
mod section;
mod sections;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use kafka::{ClientSection, DeliveryMode, KafkaSettings};
pub use optional::empty_as_none;
pub use pipeline::{PipelineSettings, Workers, MAX_BATCH, MAX_WORKERS};
pub use properties::ClientProperties;
pub use section::{documented, with_overrides, Section, Valid};
pub use sections::{HttpSettings, LogFormat, LogSettings, ShutdownSettings, Topics};

use crate::aggregate::AggregateConfig;
use crate::dedup::DedupConfig;
use crate::extract::ExtractConfig;
use crate::normalize::NormalizeConfig;

/// The documented defaults, built into the binary so that it runs without any file.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

/// Variable naming an optional configuration file, when `--config` is not given.
pub const CONFIG_FILE_VAR: &str = "DEMARCHE_CONFIG";

/// The validated configuration of the whole daemon: what [`Layers::settings`] makes of the
/// merged layers once every value is checked.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `[kafka]`: brokers, group, clients.
    pub kafka: KafkaSettings,
    /// `[topics]`: topic names.
    pub topics: Topics,
    /// `[http]`: the metrics and health endpoint.
    pub http: HttpSettings,
    /// `[log]`: logging.
    pub log: LogSettings,
    /// `[shutdown]`: graceful shutdown.
    pub shutdown: ShutdownSettings,
    /// `[pipeline]`: how inputs are spread over threads.
    pub pipeline: PipelineSettings,
    /// `[normalize]`: the normalization stages.
    pub normalize: Valid<NormalizeConfig>,
    /// `[dedup]`: the dedup index.
    pub dedup: Valid<DedupConfig>,
    /// `[extract]`: the event coder.
    pub extract: Valid<ExtractConfig>,
    /// `[aggregate]`: the daily aggregates.
    pub aggregate: Valid<AggregateConfig>,
}

/// The configuration as typed by serde, before the checks serde cannot make.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Unchecked {
    kafka: KafkaSettings,
    topics: Topics,
    http: HttpSettings,
    log: LogSettings,
    shutdown: ShutdownSettings,
    pipeline: PipelineSettings,
    normalize: NormalizeConfig,
    dedup: DedupConfig,
    extract: ExtractConfig,
    aggregate: AggregateConfig,
}

/// Why the configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// A layer could not be read or parsed.
    #[error("cannot load configuration: {0}")]
    Load(#[from] config::ConfigError),
    /// A key is unknown or has the wrong type.
    #[error("invalid configuration at `{key}`: {message}")]
    Invalid {
        /// Dotted path of the offending key (or of its section, for an unknown key).
        key: String,
        /// What serde found.
        message: String,
    },
    /// A value parsed but cannot be used.
    #[error(transparent)]
    Value(#[from] InvalidSetting),
}

/// A configuration value that parsed but cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidSetting {
    /// Dotted key path, e.g. `dedup.threshold`.
    pub key: String,
    /// What is wrong and what would be right, lower-case.
    pub reason: String,
}

impl InvalidSetting {
    /// A new invalid-setting error for `key`.
    pub fn new(key: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            reason: reason.into(),
        }
    }

    /// The same error with the key prefixed by its section (`threshold` -> `dedup.threshold`).
    pub fn in_section(mut self, section: &str) -> Self {
        self.key = format!("{section}.{}", self.key);
        self
    }
}

impl fmt::Display for InvalidSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid value for `{}`: {}", self.key, self.reason)
    }
}

impl std::error::Error for InvalidSetting {}

/// The merged layers before typing: what `check-config` prints.
pub struct Layers {
    /// Defaults, files and variables merged; references not yet resolved.
    merged: toml::Value,
    /// The variables references are resolved from.
    env: HashMap<String, String>,
}

impl Layers {
    /// Reads the layers from the real environment: the `--config` files in order, else the
    /// file `DEMARCHE_CONFIG` names.
    pub fn from_environment(files: &[PathBuf]) -> Result<Self, SettingsError> {
        let env: HashMap<String, String> = std::env::vars().collect();
        let files = match (files.is_empty(), env.get(CONFIG_FILE_VAR)) {
            (true, Some(file)) => vec![PathBuf::from(file)],
            _ => files.to_vec(),
        };
        Self::from_files(&files, env)
    }

    /// Reads the layers from at most one file and an explicit variable set (tests inject both).
    pub fn from_sources(
        file: Option<&Path>,
        env: HashMap<String, String>,
    ) -> Result<Self, SettingsError> {
        let files: Vec<PathBuf> = file.map(Path::to_path_buf).into_iter().collect();
        Self::from_files(&files, env)
    }

    /// Reads the layers: the defaults, each file in order, then the variables of `env`.
    pub fn from_files(
        files: &[PathBuf],
        env: HashMap<String, String>,
    ) -> Result<Self, SettingsError> {
        let defaults: toml::Table =
            toml::from_str(DEFAULT_TOML).expect("the built-in defaults are valid TOML");
        let variables = toml::to_string(&environment::layer(&env, &defaults))
            .expect("a table of strings, numbers and lists serializes");
        let mut builder = config::Config::builder().add_source(config::File::from_str(
            DEFAULT_TOML,
            config::FileFormat::Toml,
        ));
        for path in files {
            builder = builder.add_source(
                config::File::from(path.as_path())
                    .format(config::FileFormat::Toml)
                    .required(true),
            );
        }
        let merged = builder
            .add_source(config::File::from_str(&variables, config::FileFormat::Toml))
            .build()?
            .try_deserialize()?;
        Ok(Self { merged, env })
    }

    /// Types and validates the merged configuration, references resolved.
    pub fn settings(&self) -> Result<Settings, SettingsError> {
        let resolved = references::resolve(self.merged.clone(), &self.env, "")?;
        let unchecked: Unchecked =
            serde_path_to_error::deserialize(resolved).map_err(|e| SettingsError::Invalid {
                key: e.path().to_string(),
                message: e.inner().to_string(),
            })?;
        let mut settings = unchecked.check()?;
        settings.kafka.resolve();
        Ok(settings)
    }

    /// The effective configuration as TOML: secrets masked, references as written.
    pub fn to_masked_toml(&self) -> Result<String, SettingsError> {
        let masked = properties::mask_secrets(self.merged.clone());
        toml::to_string_pretty(&masked).map_err(|e| SettingsError::Invalid {
            key: ".".into(),
            message: e.to_string(),
        })
    }
}

impl Settings {
    /// Loads and validates the configuration from the real environment and at most one file.
    pub fn load(file: Option<&Path>) -> Result<Self, SettingsError> {
        let files: Vec<PathBuf> = file.map(Path::to_path_buf).into_iter().collect();
        Layers::from_environment(&files)?.settings()
    }
}

impl Unchecked {
    /// Checks what serde cannot, naming the key.
    fn check(self) -> Result<Settings, InvalidSetting> {
        let non_empty = [
            ("kafka.brokers", &self.kafka.brokers),
            ("kafka.group_id", &self.kafka.group_id),
            ("kafka.client_id", &self.kafka.client_id),
            ("topics.input", &self.topics.input),
            ("topics.output", &self.topics.output),
            ("topics.dead_letter", &self.topics.dead_letter),
            ("topics.dedup_state", &self.topics.dedup_state),
        ];
        for (key, value) in non_empty {
            if value.trim().is_empty() {
                return Err(InvalidSetting::new(key, "must not be empty"));
            }
        }
        self.validate_topics_distinct()?;
        if self.aggregate.group_id == self.kafka.group_id {
            return Err(InvalidSetting::new(
                "aggregate.group_id",
                "must differ from kafka.group_id",
            ));
        }
        for (key, value) in [
            ("kafka.commit_interval", self.kafka.commit_interval),
            ("kafka.statistics_interval", self.kafka.statistics_interval),
            ("shutdown.deadline", self.shutdown.deadline),
            ("http.liveness_timeout", self.http.liveness_timeout),
        ] {
            if value.is_zero() {
                return Err(InvalidSetting::new(key, "must be longer than zero"));
            }
        }
        self.pipeline.validate()?;
        tracing_subscriber::EnvFilter::try_new(&self.log.level)
            .map_err(|e| InvalidSetting::new("log.level", e.to_string()))?;
        Ok(Settings {
            normalize: Valid::new(self.normalize)?,
            dedup: Valid::new(self.dedup)?,
            extract: Valid::new(self.extract)?,
            topics: Topics {
                mentions: self
                    .aggregate
                    .enabled
                    .then(|| self.aggregate.mentions_topic.clone()),
                ..self.topics
            },
            aggregate: Valid::new(self.aggregate)?,
            kafka: self.kafka,
            http: self.http,
            log: self.log,
            shutdown: self.shutdown,
            pipeline: self.pipeline,
        })
    }

    /// Reading our own output or changelog as input would loop forever.
    fn validate_topics_distinct(&self) -> Result<(), InvalidSetting> {
        let t = &self.topics;
        let mut named = vec![
            ("topics.output", &t.output),
            ("topics.dead_letter", &t.dead_letter),
            ("topics.dedup_state", &t.dedup_state),
        ];
        if let Some(duplicates) = &t.duplicates {
            named.push(("topics.duplicates", duplicates));
        }
        named.push(("aggregate.topic", &self.aggregate.topic));
        named.push(("aggregate.state_topic", &self.aggregate.state_topic));
        named.push(("aggregate.mentions_topic", &self.aggregate.mentions_topic));
        for (i, (key, name)) in named.iter().enumerate() {
            if *name == &t.input {
                return Err(InvalidSetting::new(*key, "must differ from topics.input"));
            }
            let clash = named[i + 1..].iter().find(|(_, other)| *other == *name);
            if let Some((other, _)) = clash {
                return Err(InvalidSetting::new(
                    *key,
                    format!("must differ from {other}"),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Settings {
        Layers::from_sources(None, HashMap::new())
            .and_then(|layers| layers.settings())
            .expect("the built-in defaults are valid")
    }

    /// The stages' `Default` (what tests, benches and fuzz targets build with) is what a
    /// daemon with no file gets, and it passes the checks.
    #[test]
    fn the_stages_defaults_are_the_documented_ones_and_valid() {
        let settings = defaults();
        assert_eq!(
            settings.normalize,
            Valid::new(NormalizeConfig::default()).expect("valid")
        );
        assert_eq!(
            settings.dedup,
            Valid::new(DedupConfig::default()).expect("valid")
        );
        assert_eq!(
            settings.extract,
            Valid::new(ExtractConfig::default()).expect("valid")
        );
        assert_eq!(
            settings.dedup.window_secs,
            7 * 24 * 3600,
            "read from the file"
        );
    }

    #[test]
    fn unset_values_are_none_and_the_transactional_id_is_resolved_once() {
        let settings = defaults();
        assert_eq!(settings.topics.duplicates, None);
        assert_eq!(settings.normalize.boilerplate_rules, None);
        assert_eq!(settings.extract.dictionaries, None);
        assert_eq!(
            settings.kafka.transactional_id, None,
            "at-least-once has none"
        );

        let env = |pairs: &[(&str, &str)]| -> HashMap<String, String> {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        let exactly_once =
            Layers::from_sources(None, env(&[("DEMARCHE__KAFKA__DELIVERY", "exactly-once")]))
                .and_then(|l| l.settings())
                .expect("settings");
        let id = exactly_once.kafka.transactional_id.expect("resolved");
        assert!(id.starts_with("demarche-"), "{id}");
        let configured = Layers::from_sources(
            None,
            env(&[
                ("DEMARCHE__KAFKA__DELIVERY", "exactly-once"),
                ("DEMARCHE__KAFKA__TRANSACTIONAL_ID", "demarche-0"),
            ]),
        )
        .and_then(|l| l.settings())
        .expect("settings");
        assert_eq!(
            configured.kafka.transactional_id.as_deref(),
            Some("demarche-0")
        );
    }
}
