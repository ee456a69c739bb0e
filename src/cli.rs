//! The command line: `run`, `extract`, `check-config`.

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;

use crate::offline::{code_lines, code_payload, Summary};
use crate::settings::{Layers, Settings};
use crate::{app, logging};

/// demarche: a streaming coder of diplomatic events (Kafka articles in, CAMEO events out).
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// Configuration file layered over the built-in defaults (else $DEMARCHE_CONFIG).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the daemon: consume, code, publish, commit; serve /metrics, /healthz, /readyz.
    Run,
    /// Code articles offline with the same pipeline (dedup included): JSON Lines on stdin or
    /// --input, events as JSON Lines on stdout.
    Extract {
        /// Read JSON Lines articles from this file instead of stdin.
        #[arg(long, value_name = "FILE", conflicts_with = "raw")]
        input: Option<PathBuf>,
        /// Take each file as one raw message payload, exactly as if consumed from Kafka.
        #[arg(long, value_name = "FILE", num_args = 1..)]
        raw: Vec<PathBuf>,
    },
    /// Load and validate the configuration, print it with secrets masked.
    CheckConfig,
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
    let layers = Layers::from_environment(cli.config.as_deref())?;
    let settings = layers.settings()?;
    match cli.command {
        Command::Run => run_daemon(settings),
        Command::Extract { input, raw } => extract(&settings, input, raw),
        Command::CheckConfig => {
            print!("{}", layers.to_masked_toml()?);
            eprintln!("configuration is valid");
            Ok(())
        }
    }
}

fn run_daemon(settings: Settings) -> anyhow::Result<()> {
    logging::init(&settings.log);
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    runtime.block_on(async {
        let shutdown = CancellationToken::new();
        app::cancel_on_signals(shutdown.clone())?;
        app::run(settings, shutdown).await
    })
}

fn extract(settings: &Settings, input: Option<PathBuf>, raw: Vec<PathBuf>) -> anyhow::Result<()> {
    let mut pipeline = app::build_pipeline(settings)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut notes = std::io::stderr();
    let summary = if !raw.is_empty() {
        let mut summary = Summary::default();
        for path in &raw {
            let payload =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let label = path.display().to_string();
            code_payload(
                &mut pipeline,
                &payload,
                &label,
                &mut out,
                &mut notes,
                &mut summary,
            )?;
        }
        summary
    } else if let Some(path) = input {
        let file = File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        code_lines(&mut pipeline, BufReader::new(file), &mut out, &mut notes)?
    } else {
        code_lines(&mut pipeline, std::io::stdin().lock(), &mut out, &mut notes)?
    };
    out.flush()?;
    eprintln!(
        "{} inputs: {} events; {} published, {} no events, {} duplicates, {} unsupported language, {} dead letters",
        summary.inputs,
        summary.events,
        summary.published,
        summary.no_events,
        summary.duplicates,
        summary.unsupported_language,
        summary.dead_letters
    );
    Ok(())
}
