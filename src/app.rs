//! Wiring and shutdown: build the stages from settings, start the HTTP endpoint and the Kafka
//! side, stop on SIGTERM/SIGINT within the deadline.

use std::sync::Arc;

use anyhow::Context as _;
use prometheus::Registry;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::dedup::DedupIndex;
use crate::extract::Coder;
use crate::health::Health;
use crate::metrics::Metrics;
use crate::normalize::Normalizer;
use crate::pipeline::Pipeline;
use crate::settings::Settings;
use crate::{http, kafka};

/// Builds the pure pipeline the settings describe: dictionaries are loaded and validated here,
/// once, so that a bad dictionary stops start-up.
pub fn build_pipeline(settings: &Settings) -> anyhow::Result<Pipeline> {
    let normalizer = Normalizer::new(&settings.normalize).context("normalize settings")?;
    let index = DedupIndex::new(&settings.dedup);
    let coder = Coder::from_config(&settings.extract).context("loading dictionaries")?;
    Ok(Pipeline::new(normalizer, index, Arc::new(coder))
        .with_workers(settings.pipeline.workers.count())
        .with_replay_memory(settings.pipeline.replay_memory))
}

/// Runs the daemon until `shutdown` is cancelled, then drains and exits.
pub async fn run(settings: Settings, shutdown: CancellationToken) -> anyhow::Result<()> {
    let registry = Registry::new();
    let metrics = Metrics::new(&registry).context("registering metrics")?;
    register_process_metrics(&registry);
    let pipeline = build_pipeline(&settings)?;
    metrics.set_build_info(
        env!("CARGO_PKG_VERSION"),
        pipeline.coder().dictionary_version(),
    );
    let health = Arc::new(Health::new(metrics.clone(), settings.http.liveness_timeout));

    let listener = http::bind(settings.http.address)
        .await
        .with_context(|| format!("binding http.address {}", settings.http.address))?;
    tracing::info!(address = ?http::local_address(&listener), "serving /metrics, /healthz, /readyz");
    let server = tokio::spawn(http::serve(
        listener,
        registry,
        Arc::clone(&health),
        shutdown.clone(),
    ));

    let outcome = kafka::run(&settings, pipeline, metrics, health, shutdown.clone()).await;
    // The Kafka side ends on shutdown or on a fatal error; either way the endpoint goes too.
    shutdown.cancel();
    match server.await {
        Ok(Err(error)) => tracing::warn!(%error, "http endpoint failed"),
        Err(error) => tracing::warn!(%error, "http task failed"),
        Ok(Ok(())) => {}
    }
    outcome.context("kafka")?;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Cancels `shutdown` on the first SIGTERM or SIGINT. The task ends then, or when `shutdown`
/// is cancelled for another reason (a fatal error), so that the caller can join it.
pub fn cancel_on_signals(shutdown: CancellationToken) -> anyhow::Result<JoinHandle<()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).context("installing SIGTERM handler")?;
    let mut int = signal(SignalKind::interrupt()).context("installing SIGINT handler")?;
    Ok(tokio::spawn(async move {
        tokio::select! {
            _ = term.recv() => tracing::info!("SIGTERM: shutting down"),
            _ = int.recv() => tracing::info!("SIGINT: shutting down"),
            () = shutdown.cancelled() => return,
        }
        shutdown.cancel();
    }))
}

#[cfg(target_os = "linux")]
fn register_process_metrics(registry: &Registry) {
    let collector = prometheus::process_collector::ProcessCollector::for_self();
    if let Err(error) = registry.register(Box::new(collector)) {
        tracing::warn!(%error, "process metrics unavailable");
    }
}

#[cfg(not(target_os = "linux"))]
fn register_process_metrics(_registry: &Registry) {}
