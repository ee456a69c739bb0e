//! Text -> articles -> fingerprints, checked against and inserted into one dedup index.
//!
//! The input is split on NUL bytes into up to eight articles, published an hour apart, each
//! with its first line as the title, so one input exercises exact and near-duplicate verdicts.
//! Checks that fingerprints are deterministic, survive the changelog encoding, and that an
//! article checked again after its insertion is an exact duplicate of itself.

#![no_main]

use chrono::{TimeZone, Utc};
use demarche::dedup::{decode_changelog, encode_changelog, DedupIndex, Verdict};
use demarche::settings::Valid;
use demarche::model::{Article, ArticleId, DatePrecision};
use libfuzzer_sys::fuzz_target;

const MAX_ARTICLES: usize = 8;

fn article(index: usize, text: &str) -> Article {
    let (title, body) = text.split_once('\n').unwrap_or(("", text));
    let hours = i64::try_from(index).unwrap_or(0);
    Article {
        id: ArticleId::new(format!("fuzz-{index}")),
        // Every other article shares a URL with the first, to reach the URL match.
        url: (index % 2 == 1).then(|| "https://example.org/story".to_owned()),
        source: Some("Example".to_owned()),
        title: title.to_owned(),
        body: body.to_owned(),
        published_at: Utc.timestamp_opt(1_700_000_000 + hours * 3600, 0).single(),
        date_precision: DatePrecision::Exact,
        language: "en".to_owned(),
        wire_sources: Vec::new(),
        dateline: None,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut index = DedupIndex::new(&Valid::documented());
    for (i, part) in text.split('\0').take(MAX_ARTICLES).enumerate() {
        let article = article(i, part);
        let fp = index.fingerprint(&article, None);
        assert_eq!(
            fp,
            index.fingerprint(&article, None),
            "fingerprint not deterministic"
        );
        let decoded = decode_changelog(&encode_changelog(&fp)).expect("own record decodes");
        assert_eq!(decoded, fp, "changelog round trip changed the fingerprint");
        let verdict = index.check_and_insert(fp.clone());
        if verdict == Verdict::New {
            assert_eq!(
                index.check(&fp),
                Verdict::ExactDuplicate { of: article.id },
                "an inserted article is not found again"
            );
        }
    }
    index.expire();
});
