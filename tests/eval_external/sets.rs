//! The three external sets, read from `../shared/eval` as the README there describes: one item is
//! one article whose body is the sentence or note.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

/// A PLOVER-GSR sentence with its gold category and source countries.
pub struct PloverItem {
    pub text: String,
    /// The category under current PLOVER names (DEMAND -> REQUEST ...).
    pub category: String,
    pub sources: Vec<String>,
}

/// An ACLED note with its event type and country.
pub struct AcledItem {
    pub text: String,
    pub date: NaiveDate,
    pub event_type: String,
    /// ISO alpha-3 of the row's COUNTRY, if the country dictionary knows the name.
    pub country: Option<String>,
}

/// A ConfliBERT sentence and its 5-way class (0 statement/appeal ... 4 material conflict).
pub struct ConflibertItem {
    pub text: String,
    pub class: u8,
}

#[derive(Deserialize)]
struct RawPlover {
    event: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    source: Vec<RawActor>,
}

#[derive(Deserialize)]
struct RawActor {
    #[serde(default)]
    code: String,
}

/// Current PLOVER names of the v0.5 categories the set uses.
fn current_category(old: &str) -> &str {
    match old {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

pub fn plover(dir: &Path) -> Result<Vec<PloverItem>, String> {
    let path = dir.join("plover-gsr/PLOVER_GSR_CAMEO.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let raw: Vec<RawPlover> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(raw
        .into_iter()
        .filter(|r| r.event != "DOCUMENT" && !r.text.is_empty())
        .map(|r| PloverItem {
            category: current_category(&r.event).to_owned(),
            sources: r.source.into_iter().map(|a| a.code).collect(),
            text: r.text,
        })
        .collect())
}

/// ACLED rows whose type is scored (not "Strategic development", not "transfer of territory")
/// and whose note is not empty.
pub fn acled(dir: &Path, countries: &HashMap<String, String>) -> Result<Vec<AcledItem>, String> {
    let path = dir.join("acled-africa-2016-q1/acled_africa_2016_to_march.csv");
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    // Latin-1: every byte is the code point of the same value.
    let text: String = bytes.iter().map(|&b| b as char).collect();
    let mut rows = csv_rows(&text).into_iter();
    let header = rows.next().ok_or("empty ACLED file")?;
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or(format!("ACLED column {name} missing"))
    };
    let (date, kind, country, notes) = (
        col("EVENT_DATE")?,
        col("EVENT_TYPE")?,
        col("COUNTRY")?,
        col("NOTES")?,
    );
    let mut out = Vec::new();
    for row in rows {
        let field = |i: usize| row.get(i).map_or("", String::as_str).trim();
        let event_type = field(kind);
        if family(event_type).is_none() || field(notes).is_empty() {
            continue;
        }
        let Ok(date) = NaiveDate::parse_from_str(field(date), "%d/%m/%Y") else {
            continue;
        };
        out.push(AcledItem {
            text: field(notes).to_owned(),
            date,
            event_type: event_type.to_owned(),
            country: countries.get(field(country)).cloned(),
        });
    }
    Ok(out)
}

/// The CAMEO roots that detect an ACLED event type; `None` for types that are not scored.
pub fn family(event_type: &str) -> Option<&'static [&'static str]> {
    let t = event_type.to_ascii_lowercase();
    if t.starts_with("battle") || t.starts_with("remote violence") {
        Some(&["18", "19", "20"])
    } else if t.starts_with("violence against civilians") {
        Some(&["17", "18", "19", "20"])
    } else if t.starts_with("riots") {
        Some(&["14"])
    } else {
        None
    }
}

pub fn conflibert(dir: &Path) -> Result<Vec<ConflibertItem>, String> {
    let path = dir.join("conflibert-cameo/cameo_class_train.tsv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .filter_map(|line| {
            let (sentence, label) = line.rsplit_once('\t')?;
            let class = label.trim().parse().ok()?;
            Some(ConflibertItem {
                text: sentence.trim().to_owned(),
                class,
            })
        })
        .collect())
}

/// A ConfliBERT sentence with its tagged source words (B-S/I-S, and B-R/I-R for the parties of
/// a symmetric event).
pub struct TaggedSentence {
    pub text: String,
    pub source_words: Vec<String>,
}

/// `cameo_ner_train.txt`: one token and its tag per line, sentences separated by blank lines.
/// The text is the tokens joined by spaces (the coder's tokenizer splits punctuation again).
pub fn conflibert_tags(dir: &Path) -> Result<Vec<TaggedSentence>, String> {
    let path = dir.join("conflibert-cameo/cameo_ner_train.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut source_words = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        let Some((word, tag)) = line.trim().rsplit_once(' ') else {
            if !words.is_empty() {
                out.push(TaggedSentence {
                    text: words.join(" "),
                    source_words: std::mem::take(&mut source_words),
                });
                words.clear();
            }
            continue;
        };
        words.push(word);
        if matches!(tag, "B-S" | "I-S" | "B-R" | "I-R") {
            source_words.push(word.to_lowercase());
        }
    }
    Ok(out)
}

/// Country names and short names (countries.toml) -> ISO alpha-3, to read ACLED's COUNTRY.
pub fn country_codes(countries_toml: &str) -> HashMap<String, String> {
    #[derive(Deserialize)]
    struct File {
        country: Vec<Entry>,
    }
    #[derive(Deserialize)]
    struct Entry {
        code: String,
        name: String,
        #[serde(default)]
        names: Vec<String>,
    }
    let file: File = toml::from_str(countries_toml).expect("countries.toml parses");
    let mut out = HashMap::new();
    for c in file.country {
        for n in c.names.iter().chain(std::iter::once(&c.name)) {
            out.insert(n.clone(), c.code.clone());
        }
    }
    out
}

/// RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
