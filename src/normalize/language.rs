//! Language: the given code, else detection on the body, else the configured default.

use whatlang::Lang;

/// Bytes of body text the detector reads: the opening paragraphs of a story say which language
/// it is in, and detection costs time in proportion to what it reads (it dominated the
/// normalizer's profile at 2 KB).
const DETECT_PREFIX_BYTES: usize = 512;

/// How the language is decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguagePolicy {
    /// Code used when nothing else decides.
    pub default: String,
    /// Bodies shorter than this (in characters) are not run through detection.
    pub min_detect_chars: usize,
}

impl LanguagePolicy {
    /// The article's ISO 639-1 language: a valid given code ("en", "en-GB", "eng") wins; else
    /// whatlang's reliable answer on the opening of the body; else the default.
    pub fn decide(&self, given: Option<&str>, body: &str) -> String {
        if let Some(code) = given.and_then(iso639_1_of) {
            return code.to_owned();
        }
        let mut end = body.len().min(DETECT_PREFIX_BYTES);
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        let sample = &body[..end];
        if sample.chars().count() < self.min_detect_chars {
            return self.default.clone();
        }
        if clearly_english(sample) {
            return "en".to_owned();
        }
        match whatlang::detect(sample) {
            Some(info) if info.is_reliable() => {
                iso639_1(info.lang()).map_or_else(|| info.lang().code().to_owned(), str::to_owned)
            }
            _ => self.default.clone(),
        }
    }
}

/// Words frequent in English text and rare in every other language whatlang knows (so not
/// "a", "in", "die", "on", which other languages share).
const ENGLISH_MARKERS: &[&str] = &[
    "the", "and", "of", "to", "that", "with", "for", "said", "was", "were", "has", "have", "is",
    "are", "it", "by", "from", "which", "would", "will", "been", "this", "their", "they",
];

/// A fast path before whatlang, whose trigram scoring costs as much as all the other stages
/// together: a sample of at least 30 words of which at least one in eight is one of
/// [`ENGLISH_MARKERS`] is English (English news prose runs at one in five or more, measured on
/// the reference article; text in other languages, even with English names in it, far below).
fn clearly_english(sample: &str) -> bool {
    let (mut words, mut markers) = (0usize, 0usize);
    for word in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if (2..=6).contains(&word.len()) && is_marker(word) {
            markers += 1;
        }
    }
    words >= 30 && markers * 8 >= words
}

fn is_marker(word: &str) -> bool {
    let mut buf = [0u8; 6];
    for (slot, b) in buf.iter_mut().zip(word.bytes()) {
        *slot = b.to_ascii_lowercase();
    }
    let lower = &buf[..word.len()];
    ENGLISH_MARKERS.iter().any(|m| m.as_bytes() == lower)
}

/// Reads a given language tag as ISO 639-1: "en", "EN", "en-GB", "en_US" or ISO 639-3 "eng".
pub fn iso639_1_of(tag: &str) -> Option<&'static str> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.len() {
        2 => ALL
            .iter()
            .find_map(|&lang| iso639_1(lang).filter(|c| *c == primary)),
        3 => Lang::from_code(primary).and_then(iso639_1),
        _ => None,
    }
}

/// Languages whatlang knows that have an ISO 639-1 code.
const ALL: &[Lang] = &[
    Lang::Eng,
    Lang::Rus,
    Lang::Cmn,
    Lang::Spa,
    Lang::Por,
    Lang::Ita,
    Lang::Ben,
    Lang::Fra,
    Lang::Deu,
    Lang::Ukr,
    Lang::Kat,
    Lang::Ara,
    Lang::Hin,
    Lang::Jpn,
    Lang::Heb,
    Lang::Yid,
    Lang::Pol,
    Lang::Amh,
    Lang::Jav,
    Lang::Kor,
    Lang::Nob,
    Lang::Dan,
    Lang::Swe,
    Lang::Fin,
    Lang::Tur,
    Lang::Nld,
    Lang::Hun,
    Lang::Ces,
    Lang::Ell,
    Lang::Bul,
    Lang::Bel,
    Lang::Mar,
    Lang::Kan,
    Lang::Ron,
    Lang::Slv,
    Lang::Hrv,
    Lang::Srp,
    Lang::Mkd,
    Lang::Lit,
    Lang::Lav,
    Lang::Est,
    Lang::Tam,
    Lang::Vie,
    Lang::Urd,
    Lang::Tha,
    Lang::Guj,
    Lang::Uzb,
    Lang::Pan,
    Lang::Aze,
    Lang::Ind,
    Lang::Tel,
    Lang::Pes,
    Lang::Mal,
    Lang::Ori,
    Lang::Mya,
    Lang::Nep,
    Lang::Sin,
    Lang::Khm,
    Lang::Tuk,
    Lang::Aka,
    Lang::Zul,
    Lang::Sna,
    Lang::Afr,
    Lang::Lat,
    Lang::Slk,
    Lang::Cat,
    Lang::Tgl,
    Lang::Hye,
    Lang::Epo,
];

/// The ISO 639-1 code of a whatlang language, where there is one.
pub fn iso639_1(lang: Lang) -> Option<&'static str> {
    Some(match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
    })
}
