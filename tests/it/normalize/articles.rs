//! Whole articles: fixtures in the shapes scrapers send, with their expected facts and golden
//! bodies (`tests/fixtures/normalize/<name>.body.txt`; regenerate with `DEMARCHE_BLESS=1` and
//! review the diff).

use std::path::PathBuf;

use super::normalizer;
use demarche::model::{Article, DatePrecision};

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/normalize")
}

fn normalize_fixture(name: &str) -> Article {
    let payload =
        std::fs::read(fixture_dir().join(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"));
    normalizer()
        .normalize(&payload)
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn assert_golden_body(name: &str, body: &str) {
    let path = fixture_dir().join(format!("{name}.body.txt"));
    if std::env::var_os("DEMARCHE_BLESS").is_some() {
        std::fs::write(&path, format!("{body}\n")).expect("write golden body");
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "golden body {}: {e} (DEMARCHE_BLESS=1 writes it)",
            path.display()
        )
    });
    assert_eq!(
        body,
        golden.trim_end_matches('\n'),
        "body of {name} differs from its golden file"
    );
}

/// What a fixture must come out as.
struct Expected {
    fixture: &'static str,
    title: &'static str,
    source: Option<&'static str>,
    published_at: Option<&'static str>,
    precision: DatePrecision,
    url: Option<&'static str>,
    wire_sources: &'static [&'static str],
    dateline: Option<&'static str>,
    id: Option<&'static str>,
}

const EXPECTED: &[Expected] = &[
    Expected {
        fixture: "plain-nav-credits.txt",
        title: "Germany and Poland open a new border crossing on the Oder",
        source: Some("Example Post"),
        published_at: Some("2021-03-14T00:00:00Z"),
        precision: DatePrecision::Day,
        url: None,
        wire_sources: &["AFP", "dpa"],
        dateline: None,
        id: None,
    },
    Expected {
        fixture: "page-with-chrome.html",
        title: "EU ministers back new fisheries deal with Norway",
        source: Some("Example Wire"),
        published_at: Some("2022-06-20T12:05:00Z"),
        precision: DatePrecision::Exact,
        url: Some("https://www.examplewire.com/europe/fisheries-deal"),
        wire_sources: &["Reuters"],
        dateline: Some("BRUSSELS"),
        id: None,
    },
    Expected {
        fixture: "feed-item.json",
        title: "Brazil and Argentina sign energy pact",
        source: Some("Example Daily"),
        published_at: Some("2023-04-04T19:20:00Z"),
        precision: DatePrecision::Exact,
        url: Some("https://news.exampledaily.com/world/2023/04/04/energy-pact"),
        wire_sources: &[],
        dateline: Some("BUENOS AIRES"),
        id: None,
    },
    Expected {
        fixture: "month-first.json",
        title: "City council approves new transit plan",
        source: Some("Example Gazette"),
        published_at: Some("2021-03-04T00:00:00Z"),
        precision: DatePrecision::Day,
        url: Some("https://www.examplegazette.us/local/transit-plan"),
        wire_sources: &[],
        dateline: None,
        id: Some("feed-42"),
    },
];

#[test]
fn fixtures_come_out_as_expected() {
    for e in EXPECTED {
        let a = normalize_fixture(e.fixture);
        let name = e.fixture;
        assert_eq!(a.title, e.title, "{name}: title");
        assert_eq!(a.source.as_deref(), e.source, "{name}: source");
        assert_eq!(
            a.published_at
                .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            e.published_at.map(str::to_owned),
            "{name}: published_at"
        );
        assert_eq!(a.date_precision, e.precision, "{name}: precision");
        assert_eq!(a.url.as_deref(), e.url, "{name}: url");
        assert_eq!(a.wire_sources, e.wire_sources, "{name}: wire sources");
        assert_eq!(a.dateline.as_deref(), e.dateline, "{name}: dateline");
        assert_eq!(a.language, "en", "{name}: language");
        match e.id {
            Some(id) => assert_eq!(a.id.as_str(), id, "{name}: id"),
            None => assert_eq!(a.id.as_str().len(), 32, "{name}: derived id"),
        }
        assert_golden_body(name, &a.body);
    }
}

#[test]
fn bodies_keep_the_contract_of_the_article_model() {
    for e in EXPECTED {
        let body = normalize_fixture(e.fixture).body;
        assert!(!body.contains("\n\n\n") && !body.starts_with('\n') && !body.ends_with('\n'));
        for p in body.split("\n\n") {
            assert!(
                !p.is_empty() && !p.contains('\n'),
                "{}: paragraph {p:?}",
                e.fixture
            );
            assert_eq!(p, p.trim(), "{}: paragraph {p:?}", e.fixture);
            assert!(!p.contains("  "), "{}: paragraph {p:?}", e.fixture);
        }
        let nfc: String = unicode_normalization::UnicodeNormalization::nfc(body.as_str()).collect();
        assert_eq!(body, nfc, "{}: body is NFC", e.fixture);
    }
}

#[test]
fn the_id_is_the_given_one_else_the_url_hash_else_the_text_hash() {
    let n = normalizer();
    let id = |message: &str| n.normalize(message.as_bytes()).expect(message).id;
    let by_url = id(r#"{"url":"https://example.com/a?utm_source=x","body":"Story one."}"#);
    assert_eq!(
        by_url,
        id(r#"{"url":"https://EXAMPLE.com/a#c","body":"A changed story."}"#)
    );
    let by_text = id(r#"{"title":"T","body":"Story one."}"#);
    assert_eq!(by_text, id("T\nStory one."));
    assert_ne!(by_text, id(r#"{"title":"T","body":"Story two."}"#));
    assert_ne!(
        by_text,
        id(r#"{"title":"T","source":"S","body":"Story one."}"#)
    );
    assert_eq!(
        id(r#"{"id":" given-1 ","body":"Story one."}"#).as_str(),
        "given-1"
    );
}
