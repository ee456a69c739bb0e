//! demarche: a streaming coder of diplomatic events.
//!
//! Raw news articles arrive on a Kafka topic; each is decoded and normalized ([`normalize`]),
//! checked against the dedup index ([`dedup`]), coded into CAMEO events ([`extract`]), and the
//! events are published with the dedup changelog record before the input offset is committed
//! ([`kafka`]). Everything from decode to extract is pure, synchronous library code composed in
//! [`pipeline`]; only the Kafka edges ([`kafka`]) and the HTTP endpoint ([`http`]) are async.
//!
//! - [`model`]: articles, events, ids: the versioned contracts.
//! - [`settings`]: layered config -> validated [`settings::Settings`].
//! - [`normalize`], [`dedup`], [`extract`]: the pure stages.
//! - [`aggregate`]: coded events folded into one event per day, source, target and code.
//! - [`pipeline`]: raw payload -> [`pipeline::Outcome`], decided in one place.
//! - [`parallel`]: an order-keeping map over a few threads, for batches.
//! - [`kafka`]: consumer loop, producer, offset tracking, dead letters, changelog.
//! - [`metrics`]: the one [`metrics::Metrics`] struct.
//! - [`http`]: `/metrics`, `/healthz`, `/readyz`.
//! - [`app`]: wiring and shutdown.
//! - [`redrive`]: dead letters fed back to the input.
//! - [`check`]: `check-config`'s checks of what the daemon loads and finds on the brokers.

pub mod aggregate;
pub mod app;
pub mod check;
pub mod cli;
pub mod dedup;
pub mod extract;
pub mod health;
pub mod http;
pub mod kafka;
pub mod logging;
pub mod metrics;
pub mod model;
pub mod normalize;
pub mod offline;
pub mod parallel;
pub mod pipeline;
pub mod redrive;
pub mod replay;
pub mod settings;
