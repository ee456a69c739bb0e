//! Reading the files [`super::inputs::expand`] found into payloads, in order, each labelled
//! with its file and line; gzipped files are decompressed on the way. The first error ends the
//! reading.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;
use std::sync::Arc;

use flate2::read::MultiGzDecoder;

use super::inputs::{unreadable, InputFile, Label, Layout, ReadError, Record, Source};

/// The payloads of a list of files, in order. After an error the iteration ends.
pub struct Records {
    files: std::vec::IntoIter<InputFile>,
    current: Option<Reading>,
    /// Bytes taken from the files so far (compressed bytes, for gzipped files).
    bytes_read: Rc<Cell<u64>>,
    failed: bool,
}

/// The file being read.
struct Reading {
    name: Arc<str>,
    layout: Layout,
    reader: Box<dyn BufRead>,
    /// Lines read so far.
    line: usize,
}

impl Records {
    /// Reads `files` in order.
    pub fn new(files: Vec<InputFile>) -> Self {
        Self {
            files: files.into_iter(),
            current: None,
            bytes_read: Rc::new(Cell::new(0)),
            failed: false,
        }
    }

    /// Bytes taken from the files so far, to compare with the sum of their [`InputFile::size`].
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read.get()
    }

    fn open(&self, input: &InputFile) -> Result<Reading, ReadError> {
        let name: Arc<str> = input.name().into();
        let raw: Box<dyn Read> = match &input.source {
            Source::Stdin => Box::new(io::stdin()),
            Source::File(path) => Box::new(File::open(path).map_err(|e| unreadable(path, e))?),
        };
        let counted = Counted {
            inner: raw,
            count: Rc::clone(&self.bytes_read),
        };
        let reader: Box<dyn BufRead> = if input.gzip {
            Box::new(BufReader::new(MultiGzDecoder::new(BufReader::new(counted))))
        } else {
            Box::new(BufReader::new(counted))
        };
        Ok(Reading {
            name,
            layout: input.layout,
            reader,
            line: 0,
        })
    }
}

impl Iterator for Records {
    type Item = Result<Record, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.failed {
            let Some(reading) = self.current.as_mut() else {
                let input = self.files.next()?;
                match self.open(&input) {
                    Ok(reading) => self.current = Some(reading),
                    Err(error) => {
                        self.failed = true;
                        return Some(Err(error));
                    }
                }
                continue;
            };
            match reading.next_payload() {
                Ok(Some(record)) => return Some(Ok(record)),
                Ok(None) => self.current = None,
                Err(error) => {
                    self.failed = true;
                    return Some(Err(error));
                }
            }
        }
        None
    }
}

impl Reading {
    /// The next payload of this file, `None` at its end.
    fn next_payload(&mut self) -> Result<Option<Record>, ReadError> {
        match self.layout {
            Layout::Lines => self.next_line(),
            Layout::Whole => {
                if self.line > 0 {
                    return Ok(None);
                }
                self.line = 1;
                let mut payload = Vec::new();
                self.reader
                    .read_to_end(&mut payload)
                    .map_err(|e| self.error(None, e))?;
                Ok(Some(self.record(None, payload)))
            }
        }
    }

    fn next_line(&mut self) -> Result<Option<Record>, ReadError> {
        loop {
            let mut line = Vec::new();
            let n = self.line + 1;
            let read = self
                .reader
                .read_until(b'\n', &mut line)
                .map_err(|e| self.error(Some(n), e))?;
            if read == 0 {
                return Ok(None);
            }
            self.line = n;
            if line.last() == Some(&b'\n') {
                line.pop();
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                return Ok(Some(self.record(Some(n), line)));
            }
        }
    }

    fn record(&self, line: Option<usize>, payload: Vec<u8>) -> Record {
        Record {
            label: Label {
                file: Arc::clone(&self.name),
                line,
            },
            payload,
        }
    }

    fn error(&self, line: Option<usize>, source: io::Error) -> ReadError {
        ReadError {
            label: Label {
                file: Arc::clone(&self.name),
                line,
            },
            source,
        }
    }
}

/// A reader that adds what it reads to a shared count (for the progress bar).
struct Counted<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::write::GzEncoder;
    use flate2::Compression;

    use std::path::{Path, PathBuf};

    use super::*;
    use crate::offline::inputs::{expand, Mode};

    fn write(path: &Path, bytes: &[u8]) {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).expect("gzip");
        encoder.finish().expect("gzip")
    }

    fn payloads(paths: &[PathBuf], mode: Mode) -> Vec<(String, String)> {
        let files = expand(paths, mode).expect("expand");
        Records::new(files)
            .map(|r| {
                let r = r.expect("read");
                (
                    r.label.to_string(),
                    String::from_utf8(r.payload).expect("utf-8"),
                )
            })
            .collect()
    }

    #[test]
    fn payloads_are_labelled_with_file_and_line_and_blank_lines_skipped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write(&root.join("b.jsonl"), b"b1\n");
        write(&root.join("a/z.jsonl"), b"az1\n\n  \naz4\n");
        write(&root.join("a/m/x.jsonl"), b"amx1");
        write(&root.join("a.jsonl"), b"a1\n");
        write(&root.join(".hidden/h.jsonl"), b"hidden\n");
        write(&root.join(".h.jsonl"), b"hidden\n");
        let got = payloads(&[root.to_path_buf()], Mode::Lines);
        let name = |p: &str| root.join(p).display().to_string();
        let want = vec![
            (format!("{}:1", name("a/m/x.jsonl")), "amx1".to_owned()),
            (format!("{}:1", name("a/z.jsonl")), "az1".to_owned()),
            (format!("{}:4", name("a/z.jsonl")), "az4".to_owned()),
            (format!("{}:1", name("a.jsonl")), "a1".to_owned()),
            (format!("{}:1", name("b.jsonl")), "b1".to_owned()),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn gzipped_files_are_read_as_their_name_without_gz_says() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lines = dir.path().join("a.jsonl.gz");
        let whole = dir.path().join("b.json.gz");
        write(&lines, &gzip(b"one\ntwo\n"));
        write(&whole, &gzip(b"title\n\nbody\n"));
        let got = payloads(&[dir.path().to_path_buf()], Mode::Raw);
        let texts: Vec<&str> = got.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(texts, ["one", "two", "title\n\nbody\n"]);
        assert_eq!(got[2].0, whole.display().to_string());
    }

    #[test]
    fn a_bad_gzip_stops_the_reading_naming_file_and_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut broken = gzip(b"one\ntwo\nthree\n");
        broken.truncate(broken.len() - 12);
        let path = dir.path().join("a.jsonl.gz");
        write(&path, &broken);
        let files = expand(std::slice::from_ref(&path), Mode::Lines).expect("expand");
        let results: Vec<_> = Records::new(files).collect();
        let error = results
            .iter()
            .find_map(|r| r.as_ref().err())
            .expect("a read error");
        assert_eq!(&*error.label.file, path.display().to_string());
        assert!(error.label.line.is_some(), "{error}");
        assert!(
            results.last().is_some_and(Result::is_err),
            "the error ends it"
        );
    }

    #[test]
    fn bytes_read_reach_the_files_sizes() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(&dir.path().join("a.jsonl"), b"one\ntwo\n");
        write(&dir.path().join("b.jsonl.gz"), &gzip(b"three\n"));
        let files = expand(&[dir.path().to_path_buf()], Mode::Lines).expect("expand");
        let total: u64 = files.iter().filter_map(|f| f.size).sum();
        let mut records = Records::new(files);
        assert_eq!(records.by_ref().count(), 3);
        assert_eq!(records.bytes_read(), total);
    }
}
