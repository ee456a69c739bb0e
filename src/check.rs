//! `demarche check-config`: what the daemon would load, checked before it is deployed; with
//! `--connect`, what it would find on the brokers. One pass/fail line per check, so that an
//! operator sees every problem at once rather than the first.

use std::fmt;
use std::time::Duration;

use rdkafka::admin::{AdminClient, AdminOptions, ResourceSpecifier};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::metadata::Metadata;

use crate::app;
use crate::kafka::clients;
use crate::settings::Settings;

/// One check and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was checked ("topic articles.raw").
    pub name: String,
    /// Whether it passed, and the detail either way.
    pub verdict: Verdict,
}

/// A check's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Fine; what was found.
    Pass(String),
    /// Not usable; why.
    Fail(String),
}

impl Check {
    fn new(name: impl Into<String>, verdict: Result<String, String>) -> Self {
        Self {
            name: name.into(),
            verdict: match verdict {
                Ok(detail) => Verdict::Pass(detail),
                Err(reason) => Verdict::Fail(reason),
            },
        }
    }

    /// Whether the check passed.
    pub fn passed(&self) -> bool {
        matches!(self.verdict, Verdict::Pass(_))
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.verdict {
            Verdict::Pass(detail) => write!(f, "pass  {}: {detail}", self.name),
            Verdict::Fail(reason) => write!(f, "FAIL  {}: {reason}", self.name),
        }
    }
}

/// Everything the daemon loads at start: normalization rules (the boilerplate file included),
/// the dedup index's parameters and the dictionaries. A broken dictionary is named with its file
/// and entry.
pub fn load(settings: &Settings) -> Check {
    Check::new(
        "stages (normalization rules, dedup, dictionaries)",
        app::build_pipeline(settings)
            .map(|pipeline| {
                format!(
                    "loaded; dictionary version {}",
                    pipeline.coder().dictionary_version()
                )
            })
            .map_err(|e| format!("{e:#}")),
    )
}

/// The brokers as the daemon would meet them: reachable with the consumer's properties, every
/// configured topic present, the dedup changelog compacted, the consumer group describable.
pub fn connect(settings: &Settings, timeout: Duration) -> Vec<Check> {
    let kafka = &settings.kafka;
    let consumer: BaseConsumer = match clients::input_consumer(kafka).create() {
        Ok(consumer) => consumer,
        Err(e) => return vec![Check::new("kafka client", Err(e.to_string()))],
    };
    let metadata = match consumer.fetch_metadata(None, timeout) {
        Ok(metadata) => metadata,
        Err(e) => {
            let reason = format!("no answer from {} within {timeout:?}: {e}", kafka.brokers);
            return vec![Check::new("brokers", Err(reason))];
        }
    };
    let mut checks = vec![Check::new(
        "brokers",
        Ok(format!("{} broker(s) answered", metadata.brokers().len())),
    )];
    let topics = &settings.topics;
    let mut named = vec![
        ("topics.input", &topics.input),
        ("topics.output", &topics.output),
        ("topics.dead_letter", &topics.dead_letter),
        ("topics.dedup_state", &topics.dedup_state),
    ];
    if let Some(duplicates) = &topics.duplicates {
        named.push(("topics.duplicates", duplicates));
    }
    let aggregate = &settings.aggregate;
    if aggregate.enabled {
        named.push(("aggregate.topic", &aggregate.topic));
        named.push(("aggregate.mentions_topic", &aggregate.mentions_topic));
        named.push(("aggregate.state_topic", &aggregate.state_topic));
    }
    for (key, topic) in named {
        checks.push(Check::new(
            format!("topic {topic} ({key})"),
            topic_found(&metadata, topic),
        ));
    }
    checks.push(Check::new(
        format!("changelog {} compacted", topics.dedup_state),
        compacted(settings, &topics.dedup_state, timeout),
    ));
    if aggregate.enabled {
        checks.push(Check::new(
            format!("aggregate state {} compacted", aggregate.state_topic),
            compacted(settings, &aggregate.state_topic, timeout),
        ));
        checks.push(Check::new(
            format!("aggregate state {} partitions", aggregate.state_topic),
            state_partitions(&metadata, &aggregate.mentions_topic, &aggregate.state_topic),
        ));
    }
    checks.push(Check::new(
        format!("consumer group {}", kafka.group_id),
        consumer
            .fetch_group_list(Some(&kafka.group_id), timeout)
            .map_err(|e| format!("cannot be described: {e}"))
            .map(|list| match list.groups().first() {
                Some(group) if !group.members().is_empty() => format!(
                    "state {}, {} member(s)",
                    group.state(),
                    group.members().len()
                ),
                Some(group) => format!("state {}, no members", group.state()),
                None => "not yet created".to_owned(),
            }),
    ));
    checks
}

/// The owners keep each mentions partition's state in the state partition of the same number.
fn state_partitions(metadata: &Metadata, mentions: &str, state: &str) -> Result<String, String> {
    let count = |name: &str| {
        metadata
            .topics()
            .iter()
            .find(|t| t.name() == name)
            .map_or(0, |t| t.partitions().len())
    };
    let (needed, has) = (count(mentions), count(state));
    if has >= needed {
        Ok(format!("{has} partition(s), {needed} needed"))
    } else {
        Err(format!(
            "{has} partition(s); it needs at least as many as {mentions} ({needed})"
        ))
    }
}

fn topic_found(metadata: &Metadata, topic: &str) -> Result<String, String> {
    match metadata.topics().iter().find(|t| t.name() == topic) {
        None => Err("does not exist".to_owned()),
        Some(t) if t.error().is_some() || t.partitions().is_empty() => {
            Err(format!("unusable: {:?}", t.error()))
        }
        Some(t) => Ok(format!("{} partition(s)", t.partitions().len())),
    }
}

/// The changelog must be compacted: a deleting topic loses the dedup index after its
/// retention, and restarts then code old copies again.
fn compacted(settings: &Settings, topic: &str, timeout: Duration) -> Result<String, String> {
    let admin: AdminClient<DefaultClientContext> = clients::admin(&settings.kafka)
        .create()
        .map_err(|e| e.to_string())?;
    let options = AdminOptions::new().request_timeout(Some(timeout));
    let described = futures::executor::block_on(
        admin.describe_configs([&ResourceSpecifier::Topic(topic)], &options),
    )
    .map_err(|e| format!("cannot describe its configuration: {e}"))?;
    let resource = described
        .into_iter()
        .next()
        .ok_or("the broker described nothing")?
        .map_err(|code| format!("cannot describe its configuration: {code}"))?;
    let policy = resource
        .get("cleanup.policy")
        .and_then(|entry| entry.value.clone())
        .ok_or("the broker reports no cleanup.policy")?;
    if policy.split(',').any(|p| p.trim() == "compact") {
        Ok(format!("cleanup.policy={policy}"))
    } else {
        Err(format!(
            "cleanup.policy={policy}; set cleanup.policy=compact (see the README's topics)"
        ))
    }
}
