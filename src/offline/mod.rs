//! `demarche extract`: the same pure pipeline as the daemon, dedup included, on a corpus of
//! files and folders or on stdin, without Kafka.
//!
//! - [`inputs`]: which paths become which files, and how each holds its payloads (folders,
//!   `.gz`, JSON Lines or one payload per file).
//! - [`records`]: the files read into payloads, each labelled with its file and line.
//! - [`table`]: the output formats, JSON Lines (the event contract) or a TSV/CSV table.
//! - [`daily`]: with `--daily`, the events folded into daily aggregates instead.
//! - [`report`]: how each input ended, as notes on stderr or a JSON Lines report file.
//! - [`progress`], [`summary`]: what a person watching the run sees.
//!
//! Payloads are coded in batches prepared on the pipeline's worker threads and settled in input
//! order, so the events (on stdout) and the verdicts are those of coding the payloads one by
//! one, in the order read, as the daemon would consume them from one partition. The first input
//! that cannot be read stops the run: what was read before it is coded and written, the
//! summary is printed, and the error names the file and line.
//!
//! # Time
//!
//! Files have no Kafka record timestamp, so the dedup window counts inputs: the n-th input read
//! (from 1) is received n seconds after the Unix epoch ([`received_at`]), as if the corpus had
//! been produced to Kafka one input a second. A copy is caught when fewer than `[dedup]
//! window_secs` inputs (604,800 by default) separate it from its original, whatever the
//! articles' dates (an archive in any order, a re-crawl), and the index holds at most that many
//! fingerprints. The same inputs in the same order give the same verdicts, whatever the batches
//! and the number of workers. See [`crate::dedup`], "Time".

pub mod daily;
pub mod inputs;
pub mod progress;
pub mod records;
pub mod report;
pub mod summary;
pub mod table;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use crate::aggregate::AggregateConfig;
use crate::dedup::ReceivedAt;
use crate::model::DiplomaticEvent;
use crate::pipeline::{Input, Outcome, Pipeline};
use crate::settings::Valid;

pub use daily::{DailyCounts, DailyWriter};
pub use inputs::{Mode, ReadError, Record};
pub use progress::{Done, Progress};
pub use records::Records;
pub use report::{Notes, ReportError};
pub use summary::Summary;
pub use table::{EventWriter, Format, COLUMNS};

/// Most payloads prepared together: enough to keep every worker busy, few enough that events
/// flow out steadily.
const BATCH_PAYLOADS: usize = 256;
/// Most payload bytes prepared together, so that a folder of large files stays in bounded memory.
const BATCH_BYTES: usize = 16 << 20;

/// When the `position`-th input read (from 1) was received: `position` seconds after the Unix
/// epoch (see the module documentation).
pub fn received_at(position: u64) -> ReceivedAt {
    ReceivedAt::from_secs(i64::try_from(position).unwrap_or(i64::MAX))
}

/// What to read and how to write, from the command line.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files and folders, `-` for stdin; none means stdin.
    pub paths: Vec<PathBuf>,
    /// How files are laid out.
    pub mode: Mode,
    /// How events are written to stdout.
    pub format: Format,
    /// A file for one JSON line per input instead of notes on stderr.
    pub report: Option<PathBuf>,
    /// Daily aggregates on stdout instead of events (`--daily`; JSON Lines only).
    pub daily: Option<Valid<AggregateConfig>>,
}

/// Why a run stopped early.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// An input could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The events could not be written (stdout closed, disk full).
    #[error("cannot write the events")]
    Output(#[source] io::Error),
    /// The report could not be written.
    #[error(transparent)]
    Report(#[from] ReportError),
}

/// Codes every input of `options` with `pipeline`, writing events to stdout; prints the
/// summary on stderr at the end, also when the run stops on an error.
pub fn run(pipeline: &mut Pipeline, options: &Options) -> Result<Summary, ExtractError> {
    let started = Instant::now();
    let mut summary = Summary::default();
    let result = code_all(pipeline, options, &mut summary);
    summary.elapsed = started.elapsed();
    eprint!("{summary}");
    result.map(|()| summary)
}

fn code_all(
    pipeline: &mut Pipeline,
    options: &Options,
    summary: &mut Summary,
) -> Result<(), ExtractError> {
    let files = inputs::expand(&options.paths, options.mode)?;
    let total_bytes = files.iter().map(|f| f.size).sum::<Option<u64>>();
    let mut records = Records::new(files);
    let mut notes = Notes::create(options.report.as_deref())?;
    let stdout = BufWriter::new(io::stdout().lock());
    let mut events = match &options.daily {
        Some(config) => Output::Daily(DailyWriter::new(config, stdout)),
        None => {
            Output::Events(EventWriter::new(options.format, stdout).map_err(ExtractError::Output)?)
        }
    };
    let mut progress = Progress::on_stderr(total_bytes);
    let mut sinks = Sinks {
        events: &mut events,
        notes: &mut notes,
        progress: &mut progress,
    };
    let coded = code_records(pipeline, &mut records, &mut sinks, summary);
    // What was coded before an error is written out all the same.
    let flushed = events.finish().map_err(ExtractError::Output);
    let noted = notes.flush().map_err(ExtractError::from);
    progress.clear();
    coded.and(flushed).and(noted)
}

/// Where the events go: written one by one, or aggregated and written at the end.
enum Output<W: Write> {
    Events(EventWriter<W>),
    Daily(DailyWriter<W>),
}

impl<W: Write> Output<W> {
    /// Writes or aggregates one event of the `position`-th input read.
    fn event(&mut self, event: &DiplomaticEvent, position: u64) -> io::Result<()> {
        match self {
            Self::Events(writer) => writer.write(event),
            Self::Daily(writer) => {
                writer.add(event, position);
                Ok(())
            }
        }
    }

    /// Writes what is held and flushes; the aggregation's counts go to stderr.
    fn finish(&mut self) -> io::Result<()> {
        match self {
            Self::Events(writer) => writer.flush(),
            Self::Daily(writer) => {
                eprint!("{}", writer.finish()?);
                Ok(())
            }
        }
    }
}

/// Where a batch's results go.
struct Sinks<'a, W: Write> {
    events: &'a mut Output<W>,
    notes: &'a mut Notes,
    progress: &'a mut Progress,
}

/// Codes `records` in batches and writes the results in input order, stopping at the first
/// read error (after coding what came before it).
fn code_records<W: Write>(
    pipeline: &mut Pipeline,
    records: &mut Records,
    sinks: &mut Sinks<'_, W>,
    summary: &mut Summary,
) -> Result<(), ExtractError> {
    let mut read: u64 = 0;
    loop {
        let Batch {
            records: batch,
            end,
        } = next_batch(records);
        // No Kafka position; received as counted (see the module documentation).
        let first = read + 1;
        let inputs: Vec<Input<'_>> = batch
            .iter()
            .map(|record| {
                read += 1;
                Input::new(&record.payload).received_at(Some(received_at(read)))
            })
            .collect();
        let processed = batch.iter().zip(pipeline.process_batch(&inputs));
        for (position, (record, processed)) in (first..).zip(processed) {
            let outcome = processed.outcome;
            // Offline there is no changelog to tombstone.
            pipeline.take_expired();
            summary.count(&outcome);
            if let Outcome::Coded { events, .. } = &outcome {
                for event in events {
                    sinks
                        .events
                        .event(event, position)
                        .map_err(ExtractError::Output)?;
                }
            }
            sinks
                .notes
                .outcome(&record.label, &outcome, sinks.progress)?;
        }
        sinks.progress.update(Done {
            articles: summary.inputs,
            events: summary.events,
            bytes: records.bytes_read(),
        });
        match end {
            End::More => {}
            End::Finished => return Ok(()),
            End::Failed(error) => {
                sinks.notes.read_error(&error)?;
                return Err(error.into());
            }
        }
    }
}

/// Records read together, and why the batch ended.
struct Batch {
    records: Vec<Record>,
    end: End,
}

enum End {
    /// The batch is full; more may follow.
    More,
    /// Every input was read.
    Finished,
    /// An input could not be read; nothing follows.
    Failed(ReadError),
}

/// The next records, up to a batch's size.
fn next_batch(records: &mut Records) -> Batch {
    let mut batch = Vec::new();
    let mut bytes = 0;
    while batch.len() < BATCH_PAYLOADS && bytes < BATCH_BYTES {
        let end = match records.next() {
            Some(Ok(record)) => {
                bytes += record.payload.len();
                batch.push(record);
                continue;
            }
            Some(Err(error)) => End::Failed(error),
            None => End::Finished,
        };
        return Batch {
            records: batch,
            end,
        };
    }
    Batch {
        records: batch,
        end: End::More,
    }
}
