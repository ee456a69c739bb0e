//! Tokens: words and punctuation of one sentence, with byte offsets into the article body and a
//! normalized, space-joined copy that the dictionaries' automata run over.
//!
//! Dictionary phrases go through the same tokenizer, so "U.S.", "Japan-US" or "Putin's" are cut
//! the same way in the text and in the dictionaries, and a match in the joined copy maps back to
//! whole tokens and from there to body offsets.

use std::cell::RefCell;

use super::word_classes::{WordClass, WordClasses, WordTable};

thread_local! {
    static CHARS: RefCell<Vec<(usize, char)>> = const { RefCell::new(Vec::new()) };
}

/// One token of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the token in the article body.
    pub start: usize,
    /// Byte offset just past the token in the article body.
    pub end: usize,
    /// Byte offset of the token in [`Tokens::joined`].
    pub joined_start: usize,
    /// Byte offset just past the token in [`Tokens::joined`].
    pub joined_end: usize,
    /// Whether the token is a word (letters or digits) rather than punctuation.
    pub is_word: bool,
    /// The closed word lists the token is on, looked up once.
    pub classes: WordClasses,
}

/// The tokens of one sentence.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// Normalized token texts joined by single spaces (typographic quotes, apostrophes and
    /// dashes replaced by their ASCII forms).
    pub joined: String,
    /// The tokens in order.
    pub tokens: Vec<Token>,
}

impl Tokens {
    /// Tokenizes `text`, which starts at byte `base` of the article body, with the built-in
    /// word lists ([`WordTable::builtin`]).
    pub fn new(text: &str, base: usize) -> Self {
        Self::with_classes(text, base, WordTable::builtin())
    }

    /// Tokenizes `text`, which starts at byte `base` of the article body, each token's word
    /// classes looked up in `classes` (the coder's, from its dictionaries).
    pub fn with_classes(text: &str, base: usize, classes: &WordTable) -> Self {
        let mut out = Tokens {
            joined: String::with_capacity(text.len() + 16),
            tokens: Vec::with_capacity(text.len() / 5 + 4),
        };
        if text.is_ascii() {
            // Most sentences are ASCII: their bytes are their characters.
            out.scan(text, base, &Ascii(text.as_bytes()), classes);
            return out;
        }
        CHARS.with(|buffer| {
            // The character buffer is reused: the coder tokenizes every sentence it reads.
            let mut chars = buffer.borrow_mut();
            chars.clear();
            chars.extend(text.char_indices());
            let decoded = Decoded {
                chars: &chars,
                text_len: text.len(),
            };
            out.scan(text, base, &decoded, classes);
        });
        out
    }

    fn scan(&mut self, text: &str, base: usize, chars: &impl Chars, classes: &WordTable) {
        let mut i = 0;
        while let Some(c) = chars.at(i) {
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            let next = if c.is_alphanumeric() {
                word_end(chars, i)
            } else if is_apostrophe(c) && possessive_s(chars, i) {
                i + 2
            } else {
                i + 1
            };
            let (pos, end) = (chars.offset(i), chars.offset(next));
            let raw = &text[pos..end];
            self.push(raw, base + pos, base + end, c.is_alphanumeric(), classes);
            i = next;
        }
    }

    fn push(&mut self, raw: &str, start: usize, end: usize, is_word: bool, classes: &WordTable) {
        if !self.joined.is_empty() {
            self.joined.push(' ');
        }
        let joined_start = self.joined.len();
        if raw.is_ascii() {
            // Only non-ASCII characters have ASCII stand-ins.
            self.joined.push_str(raw);
        } else {
            self.joined.extend(raw.chars().map(ascii_form));
        }
        let classes = classes.classes(&self.joined[joined_start..]);
        self.tokens.push(Token {
            start,
            end,
            joined_start,
            joined_end: self.joined.len(),
            is_word,
            classes,
        });
    }

    /// The normalized text of token `i`.
    pub fn text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.joined[t.joined_start..t.joined_end]
    }

    /// Whether token `i` equals `word`, ignoring ASCII case.
    pub fn is(&self, i: usize, word: &str) -> bool {
        i < self.tokens.len() && self.text(i).eq_ignore_ascii_case(word)
    }

    /// Whether token `i` is one of `words`, ignoring ASCII case.
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        if i >= self.tokens.len() {
            return false;
        }
        // The token is sliced once; most words already differ in length or first letter.
        let text = self.text(i).as_bytes();
        let first = text.first().map(u8::to_ascii_lowercase);
        words.iter().any(|w| {
            let w = w.as_bytes();
            w.len() == text.len()
                && w.first().map(u8::to_ascii_lowercase) == first
                && w.eq_ignore_ascii_case(text)
        })
    }

    /// Whether token `i` is on the word list `class`.
    pub fn is_a(&self, i: usize, class: WordClass) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.classes.contains(class))
    }

    /// The token range `[first, last)` covered by the joined-text span `[start, end)`, if the
    /// span starts and ends on token boundaries.
    pub fn token_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let first = self
            .tokens
            .binary_search_by_key(&start, |t| t.joined_start)
            .ok()?;
        let last = self.tokens[first..]
            .iter()
            .position(|t| t.joined_end == end)?;
        Some((first, first + last + 1))
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// The characters of a sentence by index, as the tokenizer reads them.
trait Chars {
    /// Character `k`, if the text has that many.
    fn at(&self, k: usize) -> Option<char>;
    /// Byte offset of character `k`; the text's length for `k` past the end.
    fn offset(&self, k: usize) -> usize;
}

/// ASCII text: character `k` is byte `k`.
struct Ascii<'a>(&'a [u8]);

impl Chars for Ascii<'_> {
    fn at(&self, k: usize) -> Option<char> {
        self.0.get(k).map(|&b| char::from(b))
    }

    fn offset(&self, k: usize) -> usize {
        k.min(self.0.len())
    }
}

/// Other text, decoded once into characters and their byte offsets.
struct Decoded<'a> {
    chars: &'a [(usize, char)],
    text_len: usize,
}

impl Chars for Decoded<'_> {
    fn at(&self, k: usize) -> Option<char> {
        self.chars.get(k).map(|&(_, c)| c)
    }

    fn offset(&self, k: usize) -> usize {
        self.chars.get(k).map_or(self.text_len, |&(p, _)| p)
    }
}

/// Tokenizes a dictionary phrase the way sentences are tokenized and returns its joined form.
pub fn normalize_phrase(phrase: &str) -> String {
    // The joined form does not depend on the word lists: none are looked up.
    Tokens::with_classes(phrase, 0, &WordTable::default()).joined
}

/// Where the word starting at `i` ends: letters and digits, dotted initialisms ("U.S."),
/// decimals and thousands ("24.4", "33,000"), inner apostrophes ("don't") and nothing else.
fn word_end(chars: &impl Chars, start: usize) -> usize {
    let at = |k: usize| chars.at(k);
    let mut i = start;
    let mut dotted = false;
    while let Some(c) = at(i) {
        if c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let (prev, next) = (at(i.wrapping_sub(1)), at(i + 1));
        let digit_sep = (c == '.' || c == ',')
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit());
        let single_letter_before = i == start + 1 || (i >= start + 2 && at(i - 2) == Some('.'));
        let initialism = c == '.'
            && single_letter_before
            && prev.is_some_and(char::is_alphabetic)
            && ((next.is_some_and(char::is_alphabetic) && at(i + 2) == Some('.')) || dotted);
        let inner_apostrophe =
            is_apostrophe(c) && next.is_some_and(char::is_alphabetic) && !possessive_s(chars, i);
        if initialism {
            dotted = true;
            i += 1;
            if !next.is_some_and(char::is_alphabetic) {
                break;
            }
        } else if digit_sep || inner_apostrophe {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Whether the apostrophe at `i` starts a possessive "'s" (followed by a non-letter).
fn possessive_s(chars: &impl Chars, i: usize) -> bool {
    let at = |k: usize| chars.at(k);
    matches!(at(i + 1), Some('s') | Some('S')) && !at(i + 2).is_some_and(char::is_alphanumeric)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

/// The ASCII stand-in used for matching; other characters are kept.
fn ascii_form(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenization_cases() {
        let cases: &[(&str, &str)] = &[
            ("Japan and Russia", "Japan and Russia"),
            ("U.S. troops", "U.S. troops"),
            ("the U.S.", "the U.S."),
            ("Putin's visit", "Putin 's visit"),
            ("Putin\u{2019}s visit", "Putin 's visit"),
            ("Japan-US alliance", "Japan - US alliance"),
            (
                "$33 billion (24.4 billion)",
                "$ 33 billion ( 24.4 billion )",
            ),
            ("George W. Bush", "George W . Bush"),
            ("don't", "don't"),
            (
                "\u{201c}We agreed,\u{201d} he said.",
                "\" We agreed , \" he said .",
            ),
            ("33,000 troops", "33,000 troops"),
            ("security - and not", "security - and not"),
        ];
        for (text, want) in cases {
            assert_eq!(&Tokens::new(text, 0).joined, want, "tokenizing {text:?}");
        }
    }

    #[test]
    fn offsets_point_into_the_body() {
        let body = "xx Putin\u{2019}s visit";
        let t = Tokens::new(&body[3..], 3);
        let spans: Vec<&str> = t.tokens.iter().map(|k| &body[k.start..k.end]).collect();
        assert_eq!(spans, ["Putin", "\u{2019}s", "visit"]);
        assert_eq!(t.token_range(0, 5), Some((0, 1)));
        assert_eq!(t.token_range(0, 3), None);
    }
}
