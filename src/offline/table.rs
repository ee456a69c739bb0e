//! How `demarche extract` writes events: JSON Lines (the event contract, as published to Kafka),
//! or a flat table with a header row for R, pandas or a spreadsheet.
//!
//! The table has one row per event and the columns of [`COLUMNS`], in that order; an absent
//! value (no target, no place, an unknown date) is an empty field. Numbers are written as
//! Rust prints them: the shortest form that reads back to the same value.
//!
//! - TSV: fields separated by a tab, rows ended by `\n`. A field never holds a raw tab or line
//!   break: a backslash is written `\\`, a tab `\t`, a line feed `\n`, a carriage return `\r`
//!   (the escapes of PostgreSQL's text format). Quotes are not special: read it with quoting
//!   off (`pandas.read_csv(f, sep="\t", quoting=csv.QUOTE_NONE)`, R's
//!   `read.delim(f, quote = "")`).
//! - CSV: RFC 4180: fields separated by commas, rows ended by `\r\n`, a field holding a comma,
//!   a double quote or a line break enclosed in double quotes, its double quotes doubled.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::model::DiplomaticEvent;

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// One event per line, as JSON: the full event contract (`schemas/event.schema.json`).
    #[default]
    Jsonl,
    /// Tab-separated values with a header row; tabs and line breaks in fields escaped.
    Tsv,
    /// Comma-separated values with a header row (RFC 4180).
    Csv,
}

/// One column of the table: its header, what it holds, and how an event fills it.
pub struct Column {
    /// The header.
    pub name: &'static str,
    /// What it holds (the README's schema).
    pub meaning: &'static str,
    cell: fn(&DiplomaticEvent) -> Cow<'_, str>,
}

/// The columns of the TSV and CSV tables, in order.
pub const COLUMNS: &[Column] = &[
    column("event_id", "deterministic event id (the Kafka key)", |e| {
        e.event_id.as_str().into()
    }),
    column(
        "event_date",
        "YYYY-MM-DD; first day of the month or year for those precisions; empty if unknown",
        |e| {
            e.date
                .event_date
                .map_or(Cow::Borrowed(""), |d| d.to_string().into())
        },
    ),
    column(
        "date_precision",
        "exact, day, month, year, article (dated by the article) or unknown",
        |e| {
            serde_json::to_value(e.date.date_precision)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
                .into()
        },
    ),
    column(
        "source_code",
        "CAMEO actor code of who acted (JPNGOV, RUSMIL, IGOUNO)",
        |e| e.source.code.as_str().into(),
    ),
    column(
        "source_country",
        "ISO 3166-1 alpha-3 country of the source",
        |e| optional(e.source.country.as_deref()),
    ),
    column(
        "source_agent",
        "agent code of the source (GOV, MIL, OPP)",
        |e| optional(e.source.agent.as_deref()),
    ),
    column(
        "source_name",
        "named person of the source (an office holder)",
        |e| optional(e.source.name.as_deref()),
    ),
    column(
        "target_code",
        "CAMEO actor code of whom the action was aimed at; empty if none",
        |e| optional(e.target.as_ref().map(|t| t.code.as_str())),
    ),
    column(
        "target_country",
        "ISO 3166-1 alpha-3 country of the target",
        |e| optional(e.target.as_ref().and_then(|t| t.country.as_deref())),
    ),
    column("target_agent", "agent code of the target", |e| {
        optional(e.target.as_ref().and_then(|t| t.agent.as_deref()))
    }),
    column("target_name", "named person of the target", |e| {
        optional(e.target.as_ref().and_then(|t| t.name.as_deref()))
    }),
    column(
        "cameo_code",
        "CAMEO event code, 2 to 4 digits with leading zeros (read it as text)",
        |e| e.cameo.code.as_str().into(),
    ),
    column(
        "cameo_root",
        "CAMEO root category, 2 digits (read it as text)",
        |e| e.cameo.root.as_str().into(),
    ),
    column(
        "quad_class",
        "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict",
        |e| e.cameo.quad_class.to_string().into(),
    ),
    column("goldstein", "Goldstein scale value, -10 to 10", |e| {
        e.cameo.goldstein.to_string().into()
    }),
    column(
        "plover_category",
        "PLOVER category (AGREE, CONSULT ...); empty where PLOVER has none",
        |e| optional(e.plover.as_ref().map(|p| p.category.as_str())),
    ),
    column(
        "place",
        "where the event happened, as the sentence names it; empty if not stated",
        |e| optional(e.location.as_ref().map(|l| l.text.as_str())),
    ),
    column(
        "place_country",
        "ISO 3166-1 alpha-3 country of the place",
        |e| optional(e.location.as_ref().and_then(|l| l.country.as_deref())),
    ),
    column("confidence", "strength of the match, 0 to 1", |e| {
        e.confidence.to_string().into()
    }),
    column(
        "article_id",
        "id of the article the event was coded from",
        |e| e.article_id.as_str().into(),
    ),
    column("article_url", "canonical URL of the article", |e| {
        optional(e.article.url.as_deref())
    }),
    column("article_source", "publisher of the article", |e| {
        optional(e.article.source.as_deref())
    }),
    column("article_title", "clean title of the article", |e| {
        e.article.title.as_str().into()
    }),
    column("evidence", "the sentence that states the event", |e| {
        e.evidence.sentence.as_str().into()
    }),
];

const fn column(
    name: &'static str,
    meaning: &'static str,
    cell: fn(&DiplomaticEvent) -> Cow<'_, str>,
) -> Column {
    Column {
        name,
        meaning,
        cell,
    }
}

fn optional(value: Option<&str>) -> Cow<'_, str> {
    Cow::Borrowed(value.unwrap_or(""))
}

/// Writes events in one format; the table formats start with their header row.
pub struct EventWriter<W: Write> {
    format: Format,
    out: W,
}

impl<W: Write> EventWriter<W> {
    /// A writer to `out`, which gets the header row now for the table formats.
    pub fn new(format: Format, out: W) -> io::Result<Self> {
        let mut writer = Self { format, out };
        let header: Vec<Cow<'_, str>> = COLUMNS.iter().map(|c| c.name.into()).collect();
        match format {
            Format::Jsonl => {}
            Format::Tsv | Format::Csv => writer.row(&header)?,
        }
        Ok(writer)
    }

    /// Writes one event.
    pub fn write(&mut self, event: &DiplomaticEvent) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, event)?;
                self.out.write_all(b"\n")
            }
            Format::Tsv | Format::Csv => {
                let cells: Vec<Cow<'_, str>> = COLUMNS.iter().map(|c| (c.cell)(event)).collect();
                self.row(&cells)
            }
        }
    }

    /// Flushes the underlying writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn row(&mut self, cells: &[Cow<'_, str>]) -> io::Result<()> {
        let (separator, end) = match self.format {
            Format::Tsv => (b'\t', "\n"),
            Format::Csv | Format::Jsonl => (b',', "\r\n"),
        };
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.out.write_all(&[separator])?;
            }
            let field = match self.format {
                Format::Tsv => tsv_field(cell),
                Format::Csv | Format::Jsonl => csv_field(cell),
            };
            self.out.write_all(field.as_bytes())?;
        }
        self.out.write_all(end.as_bytes())
    }
}

/// A TSV field: backslash, tab, line feed and carriage return escaped with a backslash.
pub fn tsv_field(text: &str) -> Cow<'_, str> {
    if !text.contains(['\\', '\t', '\n', '\r']) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '\t' => escaped.push_str("\\t"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

/// An RFC 4180 field: quoted, its quotes doubled, if it holds a comma, a quote or a line break.
pub fn csv_field(text: &str) -> Cow<'_, str> {
    if !text.contains([',', '"', '\n', '\r']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_fields_hold_no_raw_tab_or_line_break() {
        let cases = [
            ("plain text", "plain text"),
            ("a\tb", "a\\tb"),
            ("line\nbreak\r\n", "line\\nbreak\\r\\n"),
            ("C:\\path", "C:\\\\path"),
            ("\"quoted\", kept", "\"quoted\", kept"),
        ];
        for (text, want) in cases {
            assert_eq!(tsv_field(text), want, "{text:?}");
        }
    }

    #[test]
    fn csv_fields_are_quoted_only_when_they_must_be() {
        let cases = [
            ("plain text", "plain text"),
            ("a, b", "\"a, b\""),
            ("say \"no\"", "\"say \"\"no\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("tab\tis fine", "tab\tis fine"),
        ];
        for (text, want) in cases {
            assert_eq!(csv_field(text), want, "{text:?}");
        }
    }

    #[test]
    fn column_names_are_unique_snake_case() {
        let mut names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        assert!(names
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COLUMNS.len());
    }

    #[test]
    fn the_readme_documents_every_column_as_the_code_does() {
        let readme = include_str!("../../README.md");
        for column in COLUMNS {
            let row = format!("| `{}` | {} |", column.name, column.meaning);
            assert!(readme.contains(&row), "README.md lacks {row}");
        }
    }

    #[test]
    fn the_table_formats_start_with_the_header_and_jsonl_with_nothing() {
        let header = |format| {
            let mut out = Vec::new();
            EventWriter::new(format, &mut out).expect("header");
            String::from_utf8(out).expect("utf-8")
        };
        assert!(header(Format::Tsv).starts_with("event_id\tevent_date\tdate_precision\t"));
        assert!(header(Format::Tsv).ends_with("\tevidence\n"));
        assert!(header(Format::Csv).ends_with(",evidence\r\n"));
        assert_eq!(header(Format::Jsonl), "");
    }
}
