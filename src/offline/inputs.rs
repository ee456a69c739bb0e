//! What `demarche extract` reads: the paths named on the command line, expanded into the files
//! to read and how each holds its payloads.
//!
//! The rules, in the order they apply:
//!
//! - `-` (or no path at all) is standard input.
//! - A folder stands for every file under it, recursively, depth first, the entries of each
//!   folder in byte order of their names; names starting with `.` are skipped, and a symbolic
//!   link to a folder is not followed (a link to a file is read). Paths named on the command
//!   line keep their order.
//! - A file whose name ends in `.gz` is decompressed (every gzip member, as `gzip -d` does); the
//!   rest of its name decides its layout.
//! - Layout: without `--raw` every file is JSON Lines, one article per line (blank lines are
//!   skipped). With `--raw` every file is one message payload, exactly as if consumed from
//!   Kafka (a JSON article, or plain text whose first line is the title), except files named
//!   `*.jsonl` or `*.ndjson` (gzipped or not), which are JSON Lines still; standard input is
//!   then one payload too.
//!
//! A path that cannot be read is an error naming it ([`ReadError`]), with the line for JSON Lines
//! ([`super::records`] reads the files).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How files are laid out, as chosen on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every file is JSON Lines (the default).
    Lines,
    /// Every file is one payload, except JSON Lines files by name (`--raw`).
    Raw,
}

/// How one file holds its payloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One payload per non-blank line.
    Lines,
    /// The whole file is one payload.
    Whole,
}

/// Where a file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file on disk.
    File(PathBuf),
}

/// One file to read, found by [`expand`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// Where its bytes come from.
    pub source: Source,
    /// How it holds its payloads.
    pub layout: Layout,
    /// Whether it is gzipped.
    pub gzip: bool,
    /// Its size on disk in bytes (compressed, for a gzipped file); `None` for standard input.
    pub size: Option<u64>,
}

impl InputFile {
    /// The name used in labels and errors.
    pub fn name(&self) -> String {
        match &self.source {
            Source::Stdin => "<stdin>".to_owned(),
            Source::File(path) => path.display().to_string(),
        }
    }
}

/// Where a payload was read: a file, and the line for JSON Lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The file's name, as given or found (`<stdin>` for standard input).
    pub file: Arc<str>,
    /// 1-based line number; `None` for a whole-file payload.
    pub line: Option<usize>,
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// One payload and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Where it was read.
    pub label: Label,
    /// The bytes, as a Kafka message would carry them.
    pub payload: Vec<u8>,
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {label}")]
pub struct ReadError {
    /// The file, and the line being read for JSON Lines.
    pub label: Label,
    /// What the system said.
    #[source]
    pub source: io::Error,
}

/// Expands the paths of the command line into the files to read, in order (see the module
/// documentation); no paths means standard input.
pub fn expand(paths: &[PathBuf], mode: Mode) -> Result<Vec<InputFile>, ReadError> {
    if paths.is_empty() {
        return Ok(vec![stdin(mode)]);
    }
    let mut files = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            files.push(stdin(mode));
            continue;
        }
        let metadata = std::fs::metadata(path).map_err(|e| unreadable(path, e))?;
        if metadata.is_dir() {
            walk(path, mode, &mut files)?;
        } else {
            files.push(file(path, mode, metadata.len()));
        }
    }
    Ok(files)
}

fn stdin(mode: Mode) -> InputFile {
    InputFile {
        source: Source::Stdin,
        layout: match mode {
            Mode::Lines => Layout::Lines,
            Mode::Raw => Layout::Whole,
        },
        gzip: false,
        size: None,
    }
}

fn file(path: &Path, mode: Mode, size: u64) -> InputFile {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let (stem, gzip) = match name.strip_suffix(".gz") {
        Some(stem) => (stem, true),
        None => (name.as_str(), false),
    };
    let lines_by_name = stem.ends_with(".jsonl") || stem.ends_with(".ndjson");
    let layout = match mode {
        Mode::Raw if !lines_by_name => Layout::Whole,
        _ => Layout::Lines,
    };
    InputFile {
        source: Source::File(path.to_path_buf()),
        layout,
        gzip,
        size: Some(size),
    }
}

/// Adds the files under `dir`, depth first, each folder's entries in byte order of name.
fn walk(dir: &Path, mode: Mode, files: &mut Vec<InputFile>) -> Result<(), ReadError> {
    let mut entries = std::fs::read_dir(dir)
        .and_then(|entries| entries.collect::<io::Result<Vec<_>>>())
        .map_err(|e| unreadable(dir, e))?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type().map_err(|e| unreadable(&path, e))?;
        if file_type.is_dir() {
            walk(&path, mode, files)?;
        } else {
            // A link is followed to what it names; a link to a folder is left out (no loops).
            let metadata = std::fs::metadata(&path).map_err(|e| unreadable(&path, e))?;
            if metadata.is_file() {
                files.push(file(&path, mode, metadata.len()));
            }
        }
    }
    Ok(())
}

pub(super) fn unreadable(path: &Path, source: io::Error) -> ReadError {
    ReadError {
        label: Label {
            file: path.display().to_string().into(),
            line: None,
        },
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path) {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, b"{}").expect("write");
    }

    #[test]
    fn a_folder_is_walked_depth_first_in_name_order_skipping_hidden_names() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for name in [
            "b.jsonl",
            "a/z.jsonl",
            "a/m/x.jsonl.gz",
            "a.jsonl",
            ".hidden/h.jsonl",
            ".h.jsonl",
        ] {
            write(&root.join(name));
        }
        let files = expand(&[root.to_path_buf()], Mode::Lines).expect("expand");
        let names: Vec<String> = files.iter().map(InputFile::name).collect();
        let want: Vec<String> = ["a/m/x.jsonl.gz", "a/z.jsonl", "a.jsonl", "b.jsonl"]
            .iter()
            .map(|n| root.join(n).display().to_string())
            .collect();
        assert_eq!(names, want);
    }

    #[test]
    fn paths_keep_their_command_line_order_and_dash_is_stdin() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (b, a) = (dir.path().join("b.jsonl"), dir.path().join("a.jsonl"));
        write(&b);
        write(&a);
        let files =
            expand(&[b.clone(), PathBuf::from("-"), a.clone()], Mode::Lines).expect("expand");
        let sources: Vec<&Source> = files.iter().map(|f| &f.source).collect();
        assert_eq!(
            sources,
            [&Source::File(b), &Source::Stdin, &Source::File(a)]
        );
        assert_eq!(
            expand(&[], Mode::Raw).expect("stdin")[0].layout,
            Layout::Whole
        );
    }

    #[test]
    fn the_layout_follows_the_mode_and_the_name() {
        let cases: &[(&str, Mode, Layout, bool)] = &[
            ("a.jsonl", Mode::Lines, Layout::Lines, false),
            ("a.json", Mode::Lines, Layout::Lines, false),
            ("a.txt.gz", Mode::Lines, Layout::Lines, true),
            ("a.jsonl", Mode::Raw, Layout::Lines, false),
            ("a.NDJSON.GZ", Mode::Raw, Layout::Lines, true),
            ("a.json", Mode::Raw, Layout::Whole, false),
            ("a.txt.gz", Mode::Raw, Layout::Whole, true),
            ("a", Mode::Raw, Layout::Whole, false),
        ];
        for (name, mode, layout, gzip) in cases {
            let f = file(Path::new(name), *mode, 0);
            assert_eq!((f.layout, f.gzip), (*layout, *gzip), "{name} in {mode:?}");
        }
    }

    #[test]
    fn a_missing_path_is_an_error_naming_it() {
        let error =
            expand(&[PathBuf::from("/nonexistent/corpus")], Mode::Lines).expect_err("missing");
        assert!(error.to_string().contains("/nonexistent/corpus"), "{error}");
    }
}
