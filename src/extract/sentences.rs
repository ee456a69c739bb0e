//! Sentence splitting with byte offsets into the article body.
//!
//! Lines (paragraphs, headlines, list items) always end a sentence. Inside a line a sentence ends
//! at `.`, `!` or `?` (with any closing quotes or brackets) before whitespace and a capital, a
//! digit or an opening quote, unless the period ends an abbreviation ("Mr.", "Gen.", "Jan.",
//! "No."), an initial ("George W. Bush") or an initialism ("U.S.") that is not followed by a
//! typical sentence opener.

/// Titles and abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Sgt", "Capt", "Cpt", "Maj", "Adm",
    "Brig", "Cmdr", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "St", "Ste", "Mt", "Ft", "Jr", "Sr",
    "No", "Nos", "Nr", "Inc", "Corp", "Ltd", "Co", "vs", "etc", "al", "approx", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Wed",
    "Thu", "Fri", "Sat", "Sun",
];

/// Words that start a new sentence after an initialism such as "U.S.".
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "However",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "Meanwhile",
    "Also",
    "After",
    "Before",
    "When",
    "While",
    "Some",
    "Many",
    "Officials",
    "Both",
];

/// A sentence: its byte range in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
}

/// Splits `body` into sentences, trimmed, never empty.
pub fn split(body: &str) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in body.split('\n') {
        split_line(body, line_start, line_start + line.len(), &mut out);
        line_start += line.len() + 1;
    }
    out
}

fn split_line(body: &str, start: usize, end: usize, out: &mut Vec<SentenceSpan>) {
    let line = &body[start..end];
    let bytes = line.as_bytes();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') {
            let mut close = i + 1;
            close += closing_len(&line[close..]);
            if close < bytes.len()
                && line[close..].starts_with(char::is_whitespace)
                && starts_sentence(line[close..].trim_start())
                && !(bytes[i] == b'.'
                    && is_abbreviation(&line[sentence_start..i], line[close..].trim_start()))
            {
                push(body, start + sentence_start, start + close, out);
                sentence_start = close;
            }
            i = close.max(i + 1);
        } else {
            i += 1;
        }
    }
    push(body, start + sentence_start, end, out);
}

/// Byte length of closing quotes and brackets at the start of `s`.
fn closing_len(s: &str) -> usize {
    s.chars()
        .take_while(|c| matches!(c, '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}'))
        .map(char::len_utf8)
        .sum()
}

fn starts_sentence(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '\'' | '\u{201c}' | '\u{2018}' | '(')
    })
}

/// Whether the period after `before` ends an abbreviation, an initial or an initialism that does
/// not close the sentence (judged by the word that follows).
fn is_abbreviation(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    let mut letters = word.chars();
    let single_initial =
        matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    let initialism = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 1);
    if single_initial {
        return true;
    }
    if initialism {
        let next_word = after
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        return !OPENERS.contains(&next_word);
    }
    false
}

fn push(body: &str, start: usize, end: usize, out: &mut Vec<SentenceSpan>) {
    let text = &body[start..end];
    let trimmed_start = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    if !trimmed.is_empty() {
        out.push(SentenceSpan {
            start: start + trimmed_start,
            end: start + trimmed_start + trimmed.len(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<&str> {
        split(body).iter().map(|s| &body[s.start..s.end]).collect()
    }

    #[test]
    fn splitting_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Japan agreed. Russia agreed.",
                &["Japan agreed.", "Russia agreed."],
            ),
            (
                "Mr. Abe met Gen. Smith on Jan. 5.",
                &["Mr. Abe met Gen. Smith on Jan. 5."],
            ),
            ("George W. Bush spoke.", &["George W. Bush spoke."]),
            (
                "U.S. troops left. U.N. staff stayed.",
                &["U.S. troops left.", "U.N. staff stayed."],
            ),
            (
                "Sanctions hit the U.S. The move angered Moscow.",
                &["Sanctions hit the U.S.", "The move angered Moscow."],
            ),
            (
                "Talks with the U.S. State Department ended.",
                &["Talks with the U.S. State Department ended."],
            ),
            (
                "Trade was $24.4 billion. It grew.",
                &["Trade was $24.4 billion.", "It grew."],
            ),
            (
                "\"We agree.\" Abe said so.",
                &["\"We agree.\"", "Abe said so."],
            ),
            (
                "Title line\n\nBody one. Body two?",
                &["Title line", "Body one.", "Body two?"],
            ),
            ("No. 10 said so.", &["No. 10 said so."]),
        ];
        for (body, want) in cases {
            assert_eq!(&texts(body), want, "splitting {body:?}");
        }
    }
}
