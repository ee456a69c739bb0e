//! HTML character references: the common named ones and all numeric ones.

/// Decodes the character reference at the start of `s` (which begins with `&`); returns the
/// character and the number of bytes it took, or `None` if `s` does not start with one.
///
/// Named references need their `;`, except the four that pages most often leave bare
/// (`&amp`, `&lt`, `&gt`, `&nbsp`). Numeric references that name no character (0, surrogates,
/// beyond U+10FFFF) give U+FFFD; 128-159 are read as Windows-1252, as browsers do.
pub fn decode_entity(s: &str) -> Option<(char, usize)> {
    let rest = s.strip_prefix('&')?;
    if let Some(num) = rest.strip_prefix('#') {
        return decode_numeric(num).map(|(c, n)| (c, n + 2));
    }
    let len = rest
        .bytes()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &rest[..len];
    let terminated = rest.as_bytes().get(len) == Some(&b';');
    let c = named(name)?;
    if terminated {
        Some((c, len + 2))
    } else if matches!(name, "amp" | "lt" | "gt" | "nbsp") {
        Some((c, len + 1))
    } else {
        None
    }
}

fn decode_numeric(s: &str) -> Option<(char, usize)> {
    let (digits_start, radix) = match s.as_bytes().first() {
        Some(b'x' | b'X') => (1, 16),
        _ => (0, 10),
    };
    let digits = s[digits_start..]
        .bytes()
        .take_while(|b| b.is_ascii_digit() || (radix == 16 && b.is_ascii_hexdigit()))
        .count();
    if digits == 0 {
        return None;
    }
    let text = &s[digits_start..digits_start + digits];
    let value = if digits > 8 {
        u32::MAX
    } else {
        u32::from_str_radix(text, radix).unwrap_or(u32::MAX)
    };
    let mut used = digits_start + digits;
    if s.as_bytes().get(used) == Some(&b';') {
        used += 1;
    }
    Some((numeric_char(value), used))
}

fn numeric_char(value: u32) -> char {
    if (0x80..0xa0).contains(&value) {
        return windows_1252(value as u8);
    }
    match char::from_u32(value) {
        Some('\0') | None => '\u{fffd}',
        Some(c) => c,
    }
}

/// The Windows-1252 characters at 0x80-0x9f, which pages send as `&#146;` and the like.
fn windows_1252(b: u8) -> char {
    match b {
        0x80 => '€',
        0x82 => '‚',
        0x84 => '„',
        0x85 => '…',
        0x8b => '‹',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x95 => '•',
        0x96 => '–',
        0x97 => '—',
        0x99 => '™',
        0x9b => '›',
        _ => '\u{fffd}',
    }
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{ad}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        "ndash" => '–',
        "mdash" => '—',
        "minus" => '−',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "deg" => '°',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "para" => '¶',
        "sect" => '§',
        "dagger" => '†',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "iexcl" => '¡',
        "iquest" => '¿',
        _ => return latin_letter(name),
    })
}

/// Accented Latin letters (`&eacute;`, `&Ouml;`, `&szlig;` ...).
fn latin_letter(name: &str) -> Option<char> {
    if name == "szlig" {
        return Some('ß');
    }
    let mut chars = name.chars();
    let base = chars.next()?;
    let accent = chars.as_str();
    let combining = match accent {
        "acute" => '\u{301}',
        "grave" => '\u{300}',
        "circ" => '\u{302}',
        "uml" => '\u{308}',
        "tilde" => '\u{303}',
        "cedil" => '\u{327}',
        "ring" => '\u{30a}',
        "caron" => '\u{30c}',
        _ => return special_letter(name),
    };
    if !base.is_ascii_alphabetic() {
        return None;
    }
    let composed: String = unicode_normalization::UnicodeNormalization::nfc(
        [base, combining].into_iter().collect::<String>().as_str(),
    )
    .collect();
    let mut it = composed.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn special_letter(name: &str) -> Option<char> {
    Some(match name {
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "eth" => 'ð',
        "thorn" => 'þ',
        "oelig" => 'œ',
        "OElig" => 'Œ',
        _ => return None,
    })
}
