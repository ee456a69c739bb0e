//! `demarche extract`: the same pure pipeline, dedup included, on files or stdin, without Kafka.
//!
//! JSON Lines mode reads one article per line; raw mode takes each file as one message payload,
//! exactly as if it had been consumed. Events go to stdout as JSON Lines, in input order; every
//! other outcome is reported on stderr, so that the two streams can be compared with Kafka's.

use std::io::{BufRead, Write};

use crate::pipeline::{Outcome, OutcomeKind, Pipeline};

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

/// Codes one payload, writing events to `out` and a note on anything else to `notes`.
pub fn code_payload(
    pipeline: &mut Pipeline,
    payload: &[u8],
    label: &str,
    out: &mut impl Write,
    notes: &mut impl Write,
    summary: &mut Summary,
) -> std::io::Result<()> {
    summary.inputs += 1;
    let outcome = pipeline.process(payload).outcome;
    // Offline there is no changelog to tombstone.
    pipeline.take_expired();
    match outcome.kind() {
        OutcomeKind::Published => summary.published += 1,
        OutcomeKind::NoEvents => summary.no_events += 1,
        OutcomeKind::Duplicate => summary.duplicates += 1,
        OutcomeKind::UnsupportedLanguage => summary.unsupported_language += 1,
        OutcomeKind::DeadLetter => summary.dead_letters += 1,
    }
    match &outcome {
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

/// Codes every line of `input` as one article.
pub fn code_lines(
    pipeline: &mut Pipeline,
    input: impl BufRead,
    out: &mut impl Write,
    notes: &mut impl Write,
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    for (n, line) in input.split(b'\n').enumerate() {
        let line = line?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let label = format!("line {}", n + 1);
        code_payload(pipeline, &line, &label, out, notes, &mut summary)?;
    }
    Ok(summary)
}
