//! The baseline of the loopback benchmark: a consumer-to-producer copy of the input topic with
//! the daemon's own client settings (`demarche::kafka::clients`) and no processing, timed as
//! `benches/loopback.sh` times the daemon: from the first record consumed until every copy is
//! acknowledged. The daemon's throughput divided by this one is its pass-through ratio.
//!
//! Configured like the daemon (DEMARCHE_CONFIG, DEMARCHE__SECTION__KEY), plus
//! PASSTHROUGH_COUNT (records to copy) and PASSTHROUGH_OUTPUT (the topic to copy to):
//!   PASSTHROUGH_COUNT=20000 PASSTHROUGH_OUTPUT=passthrough.out cargo bench --bench passthrough
//! PASSTHROUGH_FANOUT=K produces K copies of each consumed record (the daemon publishes several
//! records an article): with it, the process's CPU per consumed record is the least that
//! consuming one article and publishing K records costs with these clients, before any coding.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::producer::{
    BaseRecord, DeliveryResult, Producer as _, ProducerContext, ThreadedProducer,
};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::ClientContext;

use demarche::kafka::clients;
use demarche::settings::Settings;

#[path = "support/cpu.rs"]
mod cpu;
use cpu::process_cpu_seconds;

/// Counts acknowledged copies.
struct Acknowledged(Arc<AtomicUsize>);

impl ClientContext for Acknowledged {}

impl ProducerContext for Acknowledged {
    type DeliveryOpaque = ();

    fn delivery(&self, result: &DeliveryResult<'_>, _: ()) {
        match result {
            Ok(_) => {
                self.0.fetch_add(1, Ordering::Relaxed);
            }
            Err((error, _)) => eprintln!("delivery failed: {error}"),
        }
    }
}

fn main() -> anyhow::Result<()> {
    let Ok(count) = std::env::var("PASSTHROUGH_COUNT") else {
        // A plain `cargo bench` runs every bench target: this one only runs when configured.
        eprintln!(
            "passthrough: set PASSTHROUGH_COUNT and PASSTHROUGH_OUTPUT (benches/loopback.sh does)"
        );
        return Ok(());
    };
    let count: usize = count
        .parse()
        .context("PASSTHROUGH_COUNT must be a number")?;
    let output = std::env::var("PASSTHROUGH_OUTPUT").context("PASSTHROUGH_OUTPUT")?;
    let fanout: usize = match std::env::var("PASSTHROUGH_FANOUT") {
        Ok(k) => k.parse().context("PASSTHROUGH_FANOUT must be a number")?,
        Err(_) => 1,
    };
    let settings = Settings::load(None)?;
    let mut consumer_config = clients::input_consumer(&settings.kafka);
    consumer_config.set(
        "group.id",
        format!("{}-passthrough", settings.kafka.group_id),
    );
    let consumer: BaseConsumer = consumer_config.create()?;
    consumer.subscribe(&[&settings.topics.input])?;
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let producer: ThreadedProducer<Acknowledged> = clients::producer(&settings.kafka)
        .create_with_context(Acknowledged(Arc::clone(&acknowledged)))?;

    let deadline = Instant::now() + Duration::from_secs(600);
    let mut started = None;
    let mut cpu_before = 0.0;
    let mut copied = 0;
    while copied < count {
        if Instant::now() > deadline {
            bail!("timed out after {copied} records");
        }
        let Some(received) = consumer.poll(Duration::from_millis(100)) else {
            continue;
        };
        let message = received?;
        if started.is_none() {
            started = Some(Instant::now());
            cpu_before = process_cpu_seconds();
        }
        for _ in 0..fanout {
            let mut record: BaseRecord<'_, [u8], [u8]> =
                BaseRecord::to(&output).payload(message.payload().unwrap_or_default());
            if let Some(key) = message.key() {
                record = record.key(key);
            }
            loop {
                match producer.send(record) {
                    Ok(()) => break,
                    Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), back)) => {
                        record = back;
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err((error, _)) => return Err(error.into()),
                }
            }
        }
        copied += 1;
    }
    while acknowledged.load(Ordering::Relaxed) < count * fanout {
        if Instant::now() > deadline {
            bail!("timed out waiting for acknowledgements");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let took = started.map_or(Duration::ZERO, |s| s.elapsed());
    let cpu = process_cpu_seconds() - cpu_before;
    producer.flush(Duration::from_secs(10))?;
    if fanout != 1 {
        println!(
            "{count} records consumed, {fanout} copies each: CPU {cpu:.2} s = {:.1} us a consumed record",
            cpu / count as f64 * 1e6
        );
    }
    println!(
        "{count} records in {:.2} s: {:.0} records/s",
        took.as_secs_f64(),
        count as f64 / took.as_secs_f64()
    );
    Ok(())
}
