//! HTML to text: a single forward pass over the bytes, linear in time and constant in memory
//! beyond the output, whatever the nesting, attribute sizes or unclosed tags.
//!
//! Chrome and hidden content are dropped (scripts, page chrome, forms, embeds); block elements become paragraph
//! breaks, `<br>` a line break; character references are decoded; runs of whitespace become
//! one space. A few facts of the page head are kept for the later stages.

use super::tags::{find_byte, parse_tag, Name, Tag, BLOCK, DROP, RAW, VOID};

/// Longest head value kept (title, meta content), bytes.
const MAX_HEAD_VALUE: usize = 1024;

/// What an HTML page yields: its text and the facts of its head.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlText {
    /// Visible text; paragraphs separated by `"\n\n"`, `<br>` as `"\n"`.
    pub text: String,
    /// `<title>`.
    pub title: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<meta property="og:site_name">`.
    pub site_name: Option<String>,
    /// `<meta property="article:published_time">`.
    pub published: Option<String>,
    /// `<link rel="canonical">`.
    pub canonical: Option<String>,
}

/// Extracts the text and head facts of an HTML page or fragment.
pub fn html_to_text(html: &str) -> HtmlText {
    let mut w = Walker {
        src: html,
        out: HtmlText::default(),
        skip: None,
    };
    w.run();
    let text = w.out.text.trim_end().to_owned();
    HtmlText { text, ..w.out }
}

struct Walker<'a> {
    src: &'a str,
    out: HtmlText,
    /// The element being dropped and how many of its kind are open inside it.
    skip: Option<(Name, u32)>,
}

impl<'a> Walker<'a> {
    fn run(&mut self) {
        let b = self.src.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let lt = find_byte(b, i, b'<').unwrap_or(b.len());
            if self.skip.is_none() && lt > i {
                push_text(&mut self.out.text, &self.src[i..lt]);
            }
            if lt >= b.len() {
                break;
            }
            i = self.markup(lt);
        }
    }

    /// Handles the markup at `i` (a `<`); returns where the input continues.
    fn markup(&mut self, i: usize) -> usize {
        let b = self.src.as_bytes();
        match b.get(i + 1) {
            Some(b'!') if b[i..].starts_with(b"<!--") => {
                find_seq(b, i + 4, b"-->").map_or(b.len(), |e| e + 3)
            }
            Some(b'!' | b'?') => find_byte(b, i, b'>').map_or(b.len(), |e| e + 1),
            Some(c) if c.is_ascii_alphabetic() || *c == b'/' => match parse_tag(self.src, i) {
                Some(tag) => self.tag(tag),
                None => find_byte(b, i, b'>').map_or(b.len(), |e| e + 1),
            },
            _ => {
                if self.skip.is_none() {
                    self.out.text.push('<');
                }
                i + 1
            }
        }
    }

    fn tag(&mut self, tag: Tag<'a>) -> usize {
        let mut next = tag.next;
        if !tag.end && tag.kind & RAW != 0 && !tag.self_closing {
            let end = find_end_tag(self.src.as_bytes(), next, tag.name.as_str());
            // A `<title>` inside a dropped element (an icon's `<svg>`) names that element, not
            // the page.
            if tag.name.as_str() == "title" && self.out.title.is_none() && self.skip.is_none() {
                let mut title = String::new();
                push_text(&mut title, &self.src[next..end.0]);
                self.out.title = Some(truncate(title.trim()));
            }
            next = end.1;
            return next;
        }
        if let Some((name, depth)) = &mut self.skip {
            if *name == tag.name && !tag.self_closing && tag.kind & VOID == 0 {
                if tag.end {
                    *depth -= 1;
                } else {
                    *depth += 1;
                }
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return next;
        }
        if tag.end {
            self.boundary(&tag);
            return next;
        }
        self.head_facts(&tag);
        let hides = tag.attrs.hidden || tag.kind & DROP != 0;
        if hides && !tag.self_closing && tag.kind & VOID == 0 {
            self.skip = Some((tag.name, 1));
        }
        self.boundary(&tag);
        next
    }

    fn boundary(&mut self, tag: &Tag<'a>) {
        let text = &mut self.out.text;
        let name = &tag.name;
        if name.as_str() == "br" {
            trim_trailing_space(text);
            text.push('\n');
        } else if tag.kind & BLOCK != 0 {
            trim_trailing_space(text);
            if !text.is_empty() && !text.ends_with("\n\n") {
                text.push_str(if text.ends_with('\n') { "\n" } else { "\n\n" });
            }
        } else if matches!(name.as_str(), "td" | "th")
            && !text.is_empty()
            && !text.ends_with([' ', '\n'])
        {
            text.push(' ');
        }
    }

    fn head_facts(&mut self, tag: &Tag<'a>) {
        let a = &tag.attrs;
        let keep = |slot: &mut Option<String>, v: Option<&str>| {
            if slot.is_none() {
                if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
                    let mut s = String::new();
                    push_attribute(&mut s, v);
                    *slot = Some(truncate(s.trim()));
                }
            }
        };
        match tag.name.as_str() {
            "html" => keep(&mut self.out.lang, a.lang),
            "meta" => match a.property.map(str::to_ascii_lowercase).as_deref() {
                Some("og:site_name") => keep(&mut self.out.site_name, a.content),
                Some("article:published_time" | "datepublished" | "date") => {
                    keep(&mut self.out.published, a.content);
                }
                _ => {}
            },
            "link" if a.rel.is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                keep(&mut self.out.canonical, a.href);
            }
            _ => {}
        }
    }
}

/// Appends the text content `raw`: character references decoded as the HTML standard decodes
/// them in text (named references with and without their `;`, numeric ones with the
/// Windows-1252 remapping), then whitespace runs as one space (none at a line start).
fn push_text(out: &mut String, raw: &str) {
    push_collapsed(out, &htmlize::unescape(raw));
}

/// Appends an attribute value: as [`push_text`], with the standard's attribute rules (a legacy
/// name followed by `=` or a letter stays as written, as in a URL's `&copy=1`).
fn push_attribute(out: &mut String, raw: &str) {
    push_collapsed(out, &htmlize::unescape_attribute(raw));
}

fn push_collapsed(out: &mut String, text: &str) {
    for (i, piece) in text.split(|c: char| c.is_ascii_whitespace()).enumerate() {
        if i > 0 && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        out.push_str(piece);
    }
}

fn trim_trailing_space(text: &mut String) {
    while text.ends_with(' ') {
        text.pop();
    }
}

fn truncate(s: &str) -> String {
    let mut end = s.len().min(MAX_HEAD_VALUE);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

fn find_seq(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Finds `</name` (any case) from `from`; returns (start of the end tag, just past its `>`),
/// or the end of input twice when the element is never closed.
fn find_end_tag(b: &[u8], from: usize, name: &str) -> (usize, usize) {
    let mut i = from;
    while let Some(lt) = find_byte(b, i, b'<') {
        let after = lt + 2 + name.len();
        if b.get(lt + 1) == Some(&b'/')
            && b.get(lt + 2..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && !b.get(after).is_some_and(u8::is_ascii_alphanumeric)
        {
            let close = find_byte(b, after, b'>').map_or(b.len(), |e| e + 1);
            return (lt, close);
        }
        i = lt + 1;
    }
    (b.len(), b.len())
}
