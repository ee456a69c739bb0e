//! Unicode and whitespace: NFC, invisible characters removed, whitespace collapsed, text split
//! into paragraphs; and the typographic folding used for matching.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Cleans text and splits it into paragraphs, one line each.
///
/// Zero-width, bidirectional-control and other control characters are removed; every other
/// kind of whitespace becomes a space; `\r\n`, `\r` and U+2028/U+2029 become line breaks; the
/// result is NFC; spaces are collapsed and lines trimmed. Each non-empty line is a paragraph,
/// except that a line starting with a lower-case letter continues the line above when that line
/// does not end a sentence (text hard-wrapped by a scraper). Typographic quotes and dashes are
/// kept as they are.
pub fn paragraphs(text: &str) -> Vec<String> {
    let cleaned = clean_chars(text);
    let nfc = if cleaned.is_ascii() {
        cleaned
    } else {
        match is_nfc_quick(cleaned.chars()) {
            IsNormalized::Yes => cleaned,
            _ => cleaned.nfc().collect(),
        }
    };
    let mut out: Vec<String> = Vec::new();
    let mut joinable = false;
    for raw in nfc.split('\n') {
        let line = collapse_spaces(raw);
        if line.is_empty() {
            joinable = false;
            continue;
        }
        match out.last_mut() {
            Some(prev) if joinable && continues(prev, &line) => {
                prev.push(' ');
                prev.push_str(&line);
            }
            _ => out.push(line),
        }
        joinable = true;
    }
    out
}

/// Whether `line` continues `prev`: `prev` ends mid-sentence and `line` starts lower-case.
fn continues(prev: &str, line: &str) -> bool {
    let ends_sentence = prev
        .chars()
        .next_back()
        .is_some_and(|c| ".!?:;\"'”’)»|".contains(c));
    !ends_sentence && line.chars().next().is_some_and(char::is_lowercase)
}

/// Whether a character is invisible formatting that carries nothing for the coder.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
        || (c.is_control() && c != '\n' && c != '\t' && c != '\r')
}

/// Removes invisible characters and unifies whitespace and line breaks (`\n` and ` ` only).
/// Printable ASCII, the bulk of news text, is copied in runs without decoding.
fn clean_chars(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0x20..0x7f).contains(&b) || b == b'\n' {
            i += 1;
            continue;
        }
        out.push_str(&text[start..i]);
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        match c {
            '\r' => {
                out.push('\n');
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            c if c.is_whitespace() => out.push(' '),
            c if is_invisible(c) => {}
            c => out.push(c),
        }
        start = i;
    }
    out.push_str(&text[start..]);
    out
}

/// Trims a line and collapses its runs of spaces to one.
fn collapse_spaces(line: &str) -> String {
    let line = line.trim_matches(' ');
    if !line.as_bytes().windows(2).any(|w| w == b"  ") {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    for part in line.split(' ').filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// Folds a typographic character to its plain form for matching: curly quotes to straight,
/// dashes and the minus sign to `-`, the ellipsis character to `.`. Every character maps to
/// exactly one, so character positions are preserved.
pub fn fold_char(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => '\'',
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        '…' => '.',
        '\u{a0}' => ' ',
        c => c,
    }
}

/// Folds typography ([`fold_char`]) and lower-cases: the form in which rules and titles are
/// compared.
pub fn fold_for_matching(s: &str) -> String {
    s.chars()
        .map(fold_char)
        .flat_map(char::to_lowercase)
        .collect()
}
