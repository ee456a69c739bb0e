//! `demarche extract`: the same pure pipeline, dedup included, on files or stdin, without Kafka.
//!
//! JSON Lines mode reads one article per line; raw mode takes each file as one message payload,
//! exactly as if it had been consumed. Events go to stdout as JSON Lines, in input order; every
//! other outcome is reported on stderr, so that the two streams can be compared with Kafka's.

use std::io::{BufRead, Write};

use crate::pipeline::{Outcome, OutcomeKind, Pipeline};
use crate::replay::Origin;

/// Counts of how the inputs ended.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Inputs read.
    pub inputs: usize,
    /// Events written.
    pub events: usize,
    /// New articles with events.
    pub published: usize,
    /// New articles without events.
    pub no_events: usize,
    /// Duplicates.
    pub duplicates: usize,
    /// Unsupported languages.
    pub unsupported_language: usize,
    /// Dead letters.
    pub dead_letters: usize,
}

/// Lines of a JSON Lines input prepared together (on `pipeline.workers` threads).
const LINES_PER_BATCH: usize = 256;

/// Codes one payload, writing events to `out` and a note on anything else to `notes`.
pub fn code_payload(
    pipeline: &mut Pipeline,
    payload: &[u8],
    label: &str,
    out: &mut impl Write,
    notes: &mut impl Write,
    summary: &mut Summary,
) -> std::io::Result<()> {
    let outcome = pipeline.process(payload).outcome;
    report(pipeline, &outcome, label, out, notes, summary)
}

/// Writes one outcome's events to `out`, or a note to `notes`, and counts it.
fn report(
    pipeline: &mut Pipeline,
    outcome: &Outcome,
    label: &str,
    out: &mut impl Write,
    notes: &mut impl Write,
    summary: &mut Summary,
) -> std::io::Result<()> {
    summary.inputs += 1;
    // Offline there is no changelog to tombstone.
    pipeline.take_expired();
    match outcome.kind() {
        OutcomeKind::Published => summary.published += 1,
        OutcomeKind::NoEvents => summary.no_events += 1,
        OutcomeKind::Duplicate => summary.duplicates += 1,
        OutcomeKind::UnsupportedLanguage => summary.unsupported_language += 1,
        OutcomeKind::DeadLetter => summary.dead_letters += 1,
    }
    match outcome {
        Outcome::Coded { events, .. } => {
            for event in events {
                serde_json::to_writer(&mut *out, event)?;
                out.write_all(b"\n")?;
                summary.events += 1;
            }
        }
        Outcome::Duplicate {
            article_id,
            verdict,
        } => writeln!(notes, "{label}: duplicate {article_id}: {verdict:?}")?,
        Outcome::UnsupportedLanguage {
            article_id,
            language,
        } => writeln!(
            notes,
            "{label}: {article_id}: unsupported language {language}"
        )?,
        Outcome::DeadLetter(dead) => writeln!(
            notes,
            "{label}: dead letter ({}): {}",
            dead.reason, dead.message
        )?,
    }
    Ok(())
}

/// Codes every line of `input` as one article, in batches prepared on the pipeline's threads;
/// the output is the same as coding the lines one by one.
pub fn code_lines(
    pipeline: &mut Pipeline,
    input: impl BufRead,
    out: &mut impl Write,
    notes: &mut impl Write,
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    let mut batch: Vec<(usize, Vec<u8>)> = Vec::with_capacity(LINES_PER_BATCH);
    for (n, line) in input.split(b'\n').enumerate() {
        let line = match line {
            Ok(line) => line,
            Err(error) => {
                // What was read before the error is coded, as it would be line by line.
                code_batch(pipeline, &batch, out, notes, &mut summary)?;
                return Err(error);
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        batch.push((n + 1, line));
        if batch.len() == LINES_PER_BATCH {
            code_batch(pipeline, &batch, out, notes, &mut summary)?;
            batch.clear();
        }
    }
    code_batch(pipeline, &batch, out, notes, &mut summary)?;
    Ok(summary)
}

/// Codes numbered lines together and reports them in order.
fn code_batch(
    pipeline: &mut Pipeline,
    lines: &[(usize, Vec<u8>)],
    out: &mut impl Write,
    notes: &mut impl Write,
    summary: &mut Summary,
) -> std::io::Result<()> {
    let inputs: Vec<(&[u8], Option<Origin>)> = lines
        .iter()
        .map(|(_, line)| (line.as_slice(), None))
        .collect();
    let processed = pipeline.process_batch(&inputs);
    for ((n, _), processed) in lines.iter().zip(processed) {
        let label = format!("line {n}");
        report(pipeline, &processed.outcome, &label, out, notes, summary)?;
    }
    Ok(())
}
