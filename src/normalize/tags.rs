//! Tags of the HTML walker: names, kinds, and the few attributes that matter, parsed in one
//! forward pass without allocation.

/// Element kinds, as bit flags: what the walker does with an element.
pub(super) const DROP: u8 = 1;
/// A paragraph ends before and after it.
pub(super) const BLOCK: u8 = 2;
/// Never has content or an end tag.
pub(super) const VOID: u8 = 4;
/// Its content is raw text, not markup.
pub(super) const RAW: u8 = 8;

/// The kind of an element, by its lower-case name. Dropped: scripts, styles, page chrome
/// (nav, header, footer, aside, menu, dialog), forms and their controls, embeds (iframe, svg,
/// object, canvas, template, noscript).
pub(super) fn kind(name: &str) -> u8 {
    match name {
        "script" | "style" | "noscript" | "textarea" | "xmp" => DROP | RAW,
        "title" => RAW,
        "nav" | "header" | "footer" | "aside" | "form" | "menu" | "dialog" => DROP | BLOCK,
        "template" | "iframe" | "svg" | "button" | "select" | "object" | "canvas" => DROP,
        "address" | "article" | "blockquote" | "body" | "caption" | "center" | "dd" | "details"
        | "div" | "dl" | "dt" | "fieldset" | "figcaption" | "figure" | "h1" | "h2" | "h3"
        | "h4" | "h5" | "h6" | "head" | "html" | "li" | "main" | "ol" | "p" | "pre" | "section"
        | "summary" | "table" | "tr" | "ul" => BLOCK,
        "hr" => BLOCK | VOID,
        "area" | "base" | "br" | "col" | "embed" | "img" | "input" | "link" | "meta" | "param"
        | "source" | "track" | "wbr" => VOID,
        _ => 0,
    }
}

/// A tag name, lower-cased; names longer than the buffer are truncated (such custom elements
/// are never in the lists above, and truncation only affects matching nested hidden ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Name {
    pub(super) buf: [u8; 24],
    pub(super) len: usize,
}

impl Name {
    pub(super) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

/// The attributes that matter, borrowed from the input.
#[derive(Debug, Default)]
pub(super) struct Attrs<'a> {
    pub(super) hidden: bool,
    pub(super) property: Option<&'a str>,
    pub(super) content: Option<&'a str>,
    pub(super) rel: Option<&'a str>,
    pub(super) href: Option<&'a str>,
    pub(super) lang: Option<&'a str>,
}

/// A parsed start or end tag and where the input continues after it.
pub(super) struct Tag<'a> {
    pub(super) name: Name,
    pub(super) kind: u8,
    pub(super) end: bool,
    pub(super) self_closing: bool,
    pub(super) attrs: Attrs<'a>,
    pub(super) next: usize,
}

/// Parses the tag at `i` (`<name ...>` or `</name ...>`).
pub(super) fn parse_tag(src: &str, i: usize) -> Option<Tag<'_>> {
    let b = src.as_bytes();
    let end = b.get(i + 1) == Some(&b'/');
    let mut j = i + 1 + usize::from(end);
    if !b.get(j)?.is_ascii_alphabetic() {
        return None;
    }
    let mut name = Name {
        buf: [0; 24],
        len: 0,
    };
    while let Some(&c) = b.get(j) {
        if c.is_ascii_whitespace() || c == b'>' || c == b'/' {
            break;
        }
        if name.len < name.buf.len() && c.is_ascii() {
            name.buf[name.len] = c.to_ascii_lowercase();
            name.len += 1;
        }
        j += 1;
    }
    let mut tag = Tag {
        name,
        kind: kind(name.as_str()),
        end,
        self_closing: false,
        attrs: Attrs::default(),
        next: b.len(),
    };
    parse_attrs(src, j, &mut tag);
    Some(tag)
}

/// Reads attributes from `j` to the closing `>`, recording the ones that matter in `tag`.
pub(super) fn parse_attrs<'a>(src: &'a str, mut j: usize, tag: &mut Tag<'a>) {
    let b = src.as_bytes();
    while j < b.len() {
        match b[j] {
            b'>' => {
                tag.self_closing = j > 0 && b[j - 1] == b'/';
                tag.next = j + 1;
                return;
            }
            c if c.is_ascii_whitespace() || c == b'/' => j += 1,
            _ => {
                let start = j;
                while j < b.len()
                    && !matches!(b[j], b'=' | b'>' | b'/')
                    && !b[j].is_ascii_whitespace()
                {
                    j += 1;
                }
                let name = &src[start..j];
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                let mut value = None;
                if b.get(j) == Some(&b'=') {
                    let (v, after) = attr_value(src, j + 1);
                    value = Some(v);
                    j = after;
                }
                record_attr(&mut tag.attrs, name, value);
            }
        }
    }
    tag.next = b.len();
}

/// The value starting at `j` (after `=`), quoted or not, and where the input continues.
pub(super) fn attr_value(src: &str, mut j: usize) -> (&str, usize) {
    let b = src.as_bytes();
    while j < b.len() && b[j].is_ascii_whitespace() {
        j += 1;
    }
    match b.get(j) {
        Some(&q @ (b'"' | b'\'')) => {
            let close = find_byte(b, j + 1, q).unwrap_or(b.len());
            (&src[j + 1..close], (close + 1).min(b.len()))
        }
        _ => {
            let start = j;
            while j < b.len() && b[j] != b'>' && !b[j].is_ascii_whitespace() {
                j += 1;
            }
            (&src[start..j], j)
        }
    }
}

pub(super) fn record_attr<'a>(attrs: &mut Attrs<'a>, name: &str, value: Option<&'a str>) {
    let is = |n: &str| name.eq_ignore_ascii_case(n);
    if is("hidden") {
        attrs.hidden = true;
    } else if is("aria-hidden") {
        attrs.hidden |= value.is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    } else if is("style") {
        attrs.hidden |= value.is_some_and(style_hides);
    } else if is("property") || is("name") || is("itemprop") {
        attrs.property = attrs.property.or(value);
    } else if is("content") {
        attrs.content = value;
    } else if is("rel") {
        attrs.rel = value;
    } else if is("href") {
        attrs.href = value;
    } else if is("lang") {
        attrs.lang = value;
    }
}

/// Whether an inline style hides its element (`display: none`, `visibility: hidden`).
pub(super) fn style_hides(style: &str) -> bool {
    let squeezed: String = style
        .bytes()
        .take(4096)
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect();
    squeezed.contains("display:none") || squeezed.contains("visibility:hidden")
}

pub(super) fn find_byte(b: &[u8], from: usize, needle: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == needle)
        .map(|p| p + from)
}
