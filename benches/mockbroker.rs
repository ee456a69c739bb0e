//! A broker for the latency benchmark that answers fetches as soon as it holds data:
//! librdkafka's mock cluster (in-process, in memory, C), served on loopback for other
//! processes. The test broker (tansu 0.6) holds every fetch until `fetch.wait.max.ms` has
//! passed and lists every stored batch of a partition on each fetch, so through it latency
//! measures the broker; through this one it measures the daemon. Not a broker for anything
//! else: it keeps about 5 MB per partition and forgets the rest.
//!
//! Prints `bootstrap=HOST:PORT,...` once the topics exist, then serves until it is killed:
//!   cargo bench --bench mockbroker -- TOPIC:PARTITIONS...

use anyhow::{bail, Context as _};
use rdkafka::mocking::MockCluster;

/// Brokers in the mock cluster; one is enough for a loopback measure.
const BROKERS: i32 = 1;

fn main() -> anyhow::Result<()> {
    // `cargo bench` adds `--bench`; every other argument is a topic.
    let topics: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if topics.is_empty() {
        bail!("usage: mockbroker TOPIC:PARTITIONS...");
    }
    let cluster = MockCluster::new(BROKERS).context("starting the mock cluster")?;
    for topic in &topics {
        let (name, partitions) = topic.split_once(':').unwrap_or((topic, "1"));
        let partitions: i32 = partitions
            .parse()
            .with_context(|| format!("partition count of {topic}"))?;
        cluster
            .create_topic(name, partitions, 1)
            .with_context(|| format!("creating {name}"))?;
    }
    println!("bootstrap={}", cluster.bootstrap_servers());
    // The cluster serves from librdkafka's own threads while this one waits to be killed.
    loop {
        std::thread::park();
    }
}
