//! The command line: `run`, `extract`, `redrive`, `check-config`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use tokio_util::sync::CancellationToken;

use crate::offline::{self, Format, Mode};
use crate::pipeline::Dedup;
use crate::settings::{Layers, Settings, Valid};
use crate::{app, check, logging, redrive};

/// How long the runtime waits for its tasks once the daemon has shut down.
const RUNTIME_SHUTDOWN: Duration = Duration::from_secs(1);

/// demarche: a streaming coder of diplomatic events (Kafka articles in, CAMEO events out).
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// Configuration file layered over the built-in defaults (else $DEMARCHE_CONFIG); given
    /// more than once, the files are layered in order, each over the one before.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Vec<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the daemon: consume, code, publish, commit; serve /metrics, /healthz, /readyz.
    Run,
    /// Code a corpus offline with the same pipeline (dedup included): files, folders, .gz or
    /// stdin in; events on stdout as JSON Lines or a TSV/CSV table; a summary on stderr.
    Extract(ExtractArgs),
    /// Feed dead letters back to the input once their cause is fixed: each selected dead letter
    /// once per run, with its original key and bytes.
    Redrive(RedriveArgs),
    /// Load and validate the configuration and everything it names (dictionaries, rules), print
    /// it with secrets masked; with --connect, also check the brokers, topics and group.
    CheckConfig(CheckArgs),
}

/// `demarche redrive`'s options.
#[derive(Debug, Args)]
pub struct RedriveArgs {
    /// The dead-letter topic to read (default: `topics.dead_letter`).
    #[arg(long, value_name = "TOPIC")]
    pub from: Option<String>,
    /// The topic to write (default: `topics.input`).
    #[arg(long, value_name = "TOPIC")]
    pub to: Option<String>,
    /// Only dead letters with this reason (`invalid_json`, `too_large`, ...); repeatable.
    #[arg(long = "reason", value_name = "KIND")]
    pub reasons: Vec<String>,
    /// Only dead letters written since TIME: RFC 3339 (`2026-03-01T00:00:00Z`) or a duration
    /// ago (`6h`, `2days`).
    #[arg(long, value_name = "TIME", value_parser = parse_since)]
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    /// Count what would be re-fed; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

fn parse_since(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&chrono::Utc));
    }
    let ago = humantime_serde::re::humantime::parse_duration(text)
        .map_err(|e| format!("neither an RFC 3339 time nor a duration ({e})"))?;
    let ago = chrono::Duration::from_std(ago).map_err(|e| e.to_string())?;
    Ok(chrono::Utc::now() - ago)
}

/// `demarche check-config`'s options.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Also reach the brokers: every configured topic exists, the dedup changelog is compacted,
    /// the consumer group can be described.
    #[arg(long)]
    pub connect: bool,
    /// How long each broker request may take.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = humantime_serde::re::humantime::parse_duration)]
    pub timeout: Duration,
}

/// `demarche extract`'s options; the reading rules are those of [`offline::inputs`].
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files and folders to read (folders recursively, in name order; `.gz` decompressed);
    /// `-` or nothing: stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A file or folder to read, the same as a PATH (kept for existing scripts).
    #[arg(long, value_name = "FILE")]
    pub input: Vec<PathBuf>,
    /// Take each file as one raw message payload (one article per file), exactly as if
    /// consumed from Kafka; files named *.jsonl or *.ndjson (.gz) stay JSON Lines.
    #[arg(long)]
    pub raw: bool,
    /// How events are written: jsonl (the event contract), or a table with a header row.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Code every article, copies included: skip the dedup stage.
    #[arg(long)]
    pub no_dedup: bool,
    /// Dictionaries from this folder (overrides `[extract] dictionaries`).
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// Write one JSON line per input (file, line, outcome, article, events, reason) to FILE
    /// instead of notes on stderr.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Write daily aggregates instead of events: one JSON line per (day, source, target, CAMEO
    /// code), sorted by key, with its mentions, articles and outlets (`[aggregate]` settings).
    #[arg(long, conflicts_with = "format")]
    pub daily: bool,
}

/// Runs the command; errors are printed with their causes and give exit code 1.
pub fn run(cli: Cli) -> ExitCode {
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("demarche: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(cli: Cli) -> anyhow::Result<()> {
    let layers = Layers::from_environment(&cli.config)?;
    let settings = layers.settings()?;
    match cli.command {
        Command::Run => run_daemon(settings),
        Command::Extract(args) => extract(settings, args),
        Command::CheckConfig(args) => check_config(&layers, &settings, &args),
        Command::Redrive(args) => redrive_dead_letters(&settings, args),
    }
}

/// Prints the effective configuration, then one line per check on stderr; fails if any did.
fn check_config(layers: &Layers, settings: &Settings, args: &CheckArgs) -> anyhow::Result<()> {
    print!("{}", layers.to_masked_toml()?);
    let mut checks = vec![check::load(settings)];
    if args.connect {
        checks.extend(check::connect(settings, args.timeout));
    }
    for check in &checks {
        eprintln!("{check}");
    }
    let failed = checks.iter().filter(|c| !c.passed()).count();
    anyhow::ensure!(failed == 0, "{failed} check(s) failed");
    eprintln!("configuration is valid");
    Ok(())
}

fn redrive_dead_letters(settings: &Settings, args: RedriveArgs) -> anyhow::Result<()> {
    let selection = redrive::Selection {
        from: args
            .from
            .unwrap_or_else(|| settings.topics.dead_letter.clone()),
        to: args.to.unwrap_or_else(|| settings.topics.input.clone()),
        reasons: args.reasons,
        since: args.since,
        dry_run: args.dry_run,
    };
    anyhow::ensure!(
        selection.from != selection.to,
        "--from and --to are the same topic ({}): a dead letter would be read back forever",
        selection.from
    );
    let summary = redrive::run(&settings.kafka, &selection)
        .with_context(|| format!("redrive from {} to {}", selection.from, selection.to))?;
    let action = if selection.dry_run {
        "would re-feed"
    } else {
        "re-fed"
    };
    eprintln!(
        "redrive {} -> {}: {summary} ({action} {})",
        selection.from, selection.to, summary.refed
    );
    for (reason, count) in &summary.other_reason {
        eprintln!("  left alone, reason {reason}: {count}");
    }
    Ok(())
}

fn run_daemon(settings: Settings) -> anyhow::Result<()> {
    logging::init(&settings.log);
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    let outcome = runtime.block_on(async {
        let shutdown = CancellationToken::new();
        let signals = app::cancel_on_signals(shutdown.clone())?;
        let outcome = app::run(settings, shutdown).await;
        // `app::run` cancels the token whichever way it ends, which ends the signal task.
        if let Err(error) = signals.await {
            tracing::warn!(%error, "signal task failed");
        }
        outcome
    });
    // `app::run` bounds the shutdown; a task still blocked past it does not hold the exit.
    runtime.shutdown_timeout(RUNTIME_SHUTDOWN);
    outcome
}

fn extract(mut settings: Settings, args: ExtractArgs) -> anyhow::Result<()> {
    if let Some(dir) = args.dictionaries {
        let mut extract = settings.extract.into_inner();
        extract.dictionaries = Some(dir);
        settings.extract = Valid::new(extract)?;
    }
    let dedup = if args.no_dedup { Dedup::Off } else { Dedup::On };
    let mut pipeline = app::build_pipeline(&settings)?.with_dedup(dedup);
    let options = offline::Options {
        paths: args.input.into_iter().chain(args.paths).collect(),
        mode: if args.raw { Mode::Raw } else { Mode::Lines },
        format: args.format,
        report: args.report,
        daily: args.daily.then(|| settings.aggregate.clone()),
    };
    offline::run(&mut pipeline, &options)?;
    Ok(())
}
