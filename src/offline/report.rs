//! Where `demarche extract` says how each input ended: a note on stderr for what is not an event
//! (the default), or with `--report FILE` one JSON line per input in that file, so that notes
//! do not mix with the progress line and can be loaded like the events.
//!
//! A report line: `file` and `line` (null for a whole-file payload) say where the input was
//! read; `outcome` is `published`, `no_events`, `duplicate`, `unsupported_language`,
//! `dead_letter` or `read_error`; `article_id` (null if unknown) and `events` (events written);
//! `reason` is the dead letter's reason, `exact` or `near` for a duplicate, or the system's
//! message for a read error; `duplicate_of` the article it copies; `detail` the dead letter's
//! message, a near duplicate's similarity or the unsupported language.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::inputs::{Label, ReadError};
use super::progress::Progress;
use crate::dedup::Verdict;
use crate::pipeline::Outcome;

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry<'a> {
    /// The file the input was read from (`<stdin>` for standard input).
    pub file: &'a str,
    /// The line, for JSON Lines.
    pub line: Option<usize>,
    /// How the input ended.
    pub outcome: &'static str,
    /// The article's id, if it was read.
    pub article_id: Option<&'a str>,
    /// Events written.
    pub events: usize,
    /// Why, in a word: dead letter reason, duplicate kind, read error.
    pub reason: Option<String>,
    /// The article this one copies.
    pub duplicate_of: Option<&'a str>,
    /// More on the reason.
    pub detail: Option<String>,
}

impl<'a> Entry<'a> {
    /// The entry for one coded input.
    pub fn of(label: &'a Label, outcome: &'a Outcome) -> Self {
        let mut entry = Self {
            file: &label.file,
            line: label.line,
            outcome: outcome.kind().as_str(),
            article_id: None,
            events: 0,
            reason: outcome.reason().map(str::to_owned),
            duplicate_of: None,
            detail: None,
        };
        match outcome {
            Outcome::Coded {
                article_id, events, ..
            } => {
                entry.article_id = Some(article_id.as_str());
                entry.events = events.len();
            }
            Outcome::Duplicate {
                article_id,
                verdict,
            } => {
                entry.article_id = Some(article_id.as_str());
                match verdict {
                    Verdict::ExactDuplicate { of } => entry.duplicate_of = Some(of.as_str()),
                    Verdict::NearDuplicate { of, similarity } => {
                        entry.duplicate_of = Some(of.as_str());
                        entry.detail = Some(format!("similarity {similarity:.2}"));
                    }
                    Verdict::New => {}
                }
            }
            Outcome::UnsupportedLanguage {
                article_id,
                language,
            } => {
                entry.article_id = Some(article_id.as_str());
                entry.detail = Some(format!("language {language}"));
            }
            Outcome::DeadLetter(dead) => entry.detail = Some(dead.message.clone()),
        }
        entry
    }

    /// The entry for an input that could not be read.
    pub fn read_error(error: &'a ReadError) -> Self {
        Self {
            file: &error.label.file,
            line: error.label.line,
            outcome: "read_error",
            article_id: None,
            events: 0,
            reason: Some(error.source.to_string()),
            duplicate_of: None,
            detail: None,
        }
    }
}

/// The note on stderr for an input that gave no events but was not simply without any.
pub fn note(label: &Label, outcome: &Outcome) -> Option<String> {
    match outcome {
        Outcome::Coded { .. } => None,
        Outcome::Duplicate {
            article_id,
            verdict,
        } => Some(format!("{label}: duplicate {article_id}: {verdict:?}")),
        Outcome::UnsupportedLanguage {
            article_id,
            language,
        } => Some(format!(
            "{label}: {article_id}: unsupported language {language}"
        )),
        Outcome::DeadLetter(dead) => Some(format!(
            "{label}: dead letter ({}): {}",
            dead.reason, dead.message
        )),
    }
}

/// Where the notes go.
pub enum Notes {
    /// A line on stderr for what is not an event, the progress line erased first.
    Stderr,
    /// A JSON line per input, to a file.
    Report {
        /// The file, for errors.
        path: PathBuf,
        /// The open file.
        out: BufWriter<File>,
    },
}

/// Why the report file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the report {}", path.display())]
pub struct ReportError {
    /// The report file.
    pub path: PathBuf,
    /// What the system said.
    #[source]
    pub source: io::Error,
}

impl Notes {
    /// Notes to stderr, or to a new report file at `report`.
    pub fn create(report: Option<&Path>) -> Result<Self, ReportError> {
        let Some(path) = report else {
            return Ok(Self::Stderr);
        };
        let file = File::create(path).map_err(|source| ReportError {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Self::Report {
            path: path.to_path_buf(),
            out: BufWriter::new(file),
        })
    }

    /// Notes how one input ended.
    pub fn outcome(
        &mut self,
        label: &Label,
        outcome: &Outcome,
        progress: &mut Progress,
    ) -> Result<(), ReportError> {
        match self {
            Self::Stderr => {
                if let Some(note) = note(label, outcome) {
                    progress.clear();
                    eprintln!("{note}");
                }
                Ok(())
            }
            Self::Report { .. } => self.write(&Entry::of(label, outcome)),
        }
    }

    /// Notes an input that could not be read (on stderr the error itself says it).
    pub fn read_error(&mut self, error: &ReadError) -> Result<(), ReportError> {
        match self {
            Self::Stderr => Ok(()),
            Self::Report { .. } => self.write(&Entry::read_error(error)),
        }
    }

    /// Flushes the report file.
    pub fn flush(&mut self) -> Result<(), ReportError> {
        match self {
            Self::Stderr => Ok(()),
            Self::Report { path, out } => out.flush().map_err(|source| ReportError {
                path: path.clone(),
                source,
            }),
        }
    }

    fn write(&mut self, entry: &Entry<'_>) -> Result<(), ReportError> {
        let Self::Report { path, out } = self else {
            return Ok(());
        };
        serde_json::to_writer(&mut *out, entry)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .map_err(|source| ReportError {
                path: path.clone(),
                source,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleId;
    use crate::pipeline::{DeadLetter, DeadLetterReason};

    fn label(line: Option<usize>) -> Label {
        Label {
            file: "corpus/a.jsonl".into(),
            line,
        }
    }

    fn json(entry: &Entry<'_>) -> serde_json::Value {
        serde_json::to_value(entry).expect("json")
    }

    #[test]
    fn a_dead_letter_reports_its_reason_and_message() {
        let outcome = Outcome::DeadLetter(DeadLetter {
            reason: DeadLetterReason::InvalidJson,
            message: "expected value at line 1 column 1".into(),
            failed_stage: None,
        });
        let label = label(Some(7));
        assert_eq!(
            json(&Entry::of(&label, &outcome)),
            serde_json::json!({
                "file": "corpus/a.jsonl", "line": 7, "outcome": "dead_letter",
                "article_id": null, "events": 0, "reason": "invalid_json",
                "duplicate_of": null, "detail": "expected value at line 1 column 1",
            })
        );
        assert_eq!(
            note(&label, &outcome).as_deref(),
            Some("corpus/a.jsonl:7: dead letter (invalid_json): expected value at line 1 column 1")
        );
    }

    #[test]
    fn a_duplicate_reports_its_kind_and_original() {
        let outcome = Outcome::Duplicate {
            article_id: ArticleId::new("copy"),
            verdict: Verdict::NearDuplicate {
                of: ArticleId::new("original"),
                similarity: 0.8125,
            },
        };
        let label = label(None);
        let entry = json(&Entry::of(&label, &outcome));
        assert_eq!(entry["line"], serde_json::Value::Null);
        assert_eq!(entry["outcome"], "duplicate");
        assert_eq!(entry["reason"], "near");
        assert_eq!(entry["duplicate_of"], "original");
        assert_eq!(entry["detail"], "similarity 0.81");
    }

    #[test]
    fn a_read_error_reports_file_line_and_cause() {
        let error = ReadError {
            label: label(Some(3)),
            source: io::Error::new(io::ErrorKind::InvalidData, "corrupt deflate stream"),
        };
        let entry = json(&Entry::read_error(&error));
        assert_eq!(entry["outcome"], "read_error");
        assert_eq!(entry["line"], 3);
        assert_eq!(entry["reason"], "corrupt deflate stream");
    }
}
