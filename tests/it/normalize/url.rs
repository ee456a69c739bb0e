//! Canonical URLs: one form for every link to the same article.

use demarche::normalize::canonical_url;

#[test]
fn urls_are_canonicalised() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "https://www.dw.com/en/a-1",
            Some("https://www.dw.com/en/a-1"),
        ),
        (
            "HTTPS://WWW.DW.COM/en/a-1",
            Some("https://www.dw.com/en/a-1"),
        ),
        ("https://dw.com:443/a", Some("https://dw.com/a")),
        ("http://dw.com:80/a", Some("http://dw.com/a")),
        ("http://dw.com:8080/a", Some("http://dw.com:8080/a")),
        ("https://dw.com/a#comments", Some("https://dw.com/a")),
        (
            "https://dw.com/a?utm_source=tw&utm_medium=social",
            Some("https://dw.com/a"),
        ),
        (
            "https://dw.com/a?fbclid=x&id=7&gclid=y",
            Some("https://dw.com/a?id=7"),
        ),
        ("https://dw.com/a?b=2&a=1", Some("https://dw.com/a?a=1&b=2")),
        ("https://dw.com/a?", Some("https://dw.com/a")),
        ("  https://dw.com/a  ", Some("https://dw.com/a")),
        ("https://dw.com/Path/Case", Some("https://dw.com/Path/Case")),
        ("ftp://dw.com/a", None),
        ("/en/a-1", None),
        ("not a url", None),
        ("", None),
    ];
    for (raw, canonical) in cases {
        assert_eq!(canonical_url(raw).as_deref(), *canonical, "{raw}");
    }
}

#[test]
fn links_that_differ_only_in_tracking_and_order_are_equal() {
    let a = canonical_url("https://Example.com:443/x?b=2&a=1&utm_campaign=z#top");
    let b = canonical_url("https://example.com/x?a=1&fbclid=q&b=2");
    assert_eq!(a, b);
}
