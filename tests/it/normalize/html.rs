//! HTML to text: what is kept, what is dropped, and bounded work on hostile pages.

use std::time::{Duration, Instant};

use demarche::normalize::html::html_to_text;

#[test]
fn visible_story_text_is_kept_and_chrome_is_dropped() {
    let cases: &[(&str, &str)] = &[
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("<h1>Head</h1><p>Body.</p>", "Head\n\nBody."),
        ("<p>Line one<br>line two</p>", "Line one\nline two"),
        ("<p>Spread\n   over\tlines.</p>", "Spread over lines."),
        (
            "<div><p>Nested <b>bold</b> and <a href='/x'>link</a>.</p></div>",
            "Nested bold and link.",
        ),
        ("<script>var a = '<p>x</p>';</script><p>Kept.</p>", "Kept."),
        ("<STYLE>p { color: red }</STYLE><P>Kept.</P>", "Kept."),
        ("<nav><a>Home</a><a>World</a></nav><p>Kept.</p>", "Kept."),
        (
            "<header>Logo</header><p>Kept.</p><footer>(c) Site</footer>",
            "Kept.",
        ),
        ("<aside><p>Related</p></aside><p>Kept.</p>", "Kept."),
        (
            "<form><input name=q><button>Go</button></form><p>Kept.</p>",
            "Kept.",
        ),
        (
            "<noscript>Enable JS</noscript><template><p>t</p></template><p>Kept.</p>",
            "Kept.",
        ),
        (
            "<iframe src=x>frame</iframe><svg><text>x</text></svg><p>Kept.</p>",
            "Kept.",
        ),
        ("<div hidden><p>Gone.</p></div><p>Kept.</p>", "Kept."),
        ("<div aria-hidden=\"true\">Gone.</div><p>Kept.</p>", "Kept."),
        (
            "<div style=\"color:red; DISPLAY : none\">Gone.</div><p>Kept.</p>",
            "Kept.",
        ),
        (
            "<div hidden><div>x</div><div>y</div></div><p>Kept.</p>",
            "Kept.",
        ),
        ("<span aria-hidden=false>Shown.</span>", "Shown."),
        ("<!-- <p>comment</p> --><p>Kept.</p>", "Kept."),
        ("<p>a < b and c > d</p>", "a < b and c > d"),
        (
            "<table><tr><td>A</td><td>B</td></tr><tr><td>C</td></tr></table>",
            "A B\n\nC",
        ),
    ];
    for (html, text) in cases {
        assert_eq!(html_to_text(html).text, *text, "{html}");
    }
}

#[test]
fn character_references_are_decoded() {
    let cases: &[(&str, &str)] = &[
        ("<p>Tom &amp; Jerry</p>", "Tom & Jerry"),
        (
            "<p>&lt;b&gt; &quot;q&quot; &apos;a&apos;</p>",
            "<b> \"q\" 'a'",
        ),
        (
            "<p>&ldquo;Yes,&rdquo; he said &mdash; twice&hellip;</p>",
            "“Yes,” he said — twice…",
        ),
        ("<p>&#8220;x&#x201D; &#39;y&#39;</p>", "“x” 'y'"),
        ("<p>&#146;Windows-1252&#146;</p>", "’Windows-1252’"),
        (
            "<p>Caf&eacute; M&uuml;ller Stra&szlig;e</p>",
            "Café Müller Straße",
        ),
        (
            "<p>AT&T and &unknown; &#0; &#xD800;</p>",
            "AT&T and &unknown; \u{fffd} \u{fffd}",
        ),
        ("<p>fish &amp chips</p>", "fish & chips"),
        // Windows-1252 numeric references, remapped as the HTML standard says: a name written
        // with them must still match the dictionaries.
        ("<p>&#138;tefan and Ji&#154;&#237;</p>", "Štefan and Jiší"),
        ("<p>&#128;5 &#131;x &#159;</p>", "€5 ƒx Ÿ"),
        // The legacy names valid without their `;`, and the longest one that fits.
        (
            "<p>&copy 2024 &eacuteclair &notit;</p>",
            "© 2024 éclair ¬it;",
        ),
    ];
    for (html, text) in cases {
        assert_eq!(html_to_text(html).text, *text, "{html}");
    }
}

#[test]
fn a_title_inside_a_dropped_element_is_not_the_page_title() {
    let page = html_to_text(
        "<html><body><svg><title>Share</title><path d=\"M0 0\"/></svg>\
         <p>Talks resumed.</p></body></html>",
    );
    assert_eq!(page.title, None);
    assert_eq!(page.text, "Talks resumed.");

    let page = html_to_text(
        "<html><head><title>Ministers meet | Site</title></head><body>\
         <svg><title>Share</title></svg><p>x.</p></body></html>",
    );
    assert_eq!(page.title.as_deref(), Some("Ministers meet | Site"));
}

#[test]
fn attribute_values_keep_a_legacy_name_followed_by_a_letter_or_equals() {
    let page = html_to_text(
        "<html><head><link rel=\"canonical\" href=\"https://example.com/a?x=1&copy=2&amp;y=3\">\
         </head><body><p>x.</p></body></html>",
    );
    assert_eq!(
        page.canonical.as_deref(),
        Some("https://example.com/a?x=1&copy=2&y=3")
    );
}

#[test]
fn the_page_head_yields_title_language_site_date_and_canonical_url() {
    let page = html_to_text(
        "<html lang=\"en-GB\"><head><title>Deal &amp; talks | Site</title>\
         <meta property=\"og:site_name\" content=\"Example News\">\
         <meta property=\"article:published_time\" content=\"2013-11-02T10:00:00Z\">\
         <link rel=\"canonical\" href=\"https://example.com/a\"></head><body><p>x.</p></body></html>",
    );
    assert_eq!(page.title.as_deref(), Some("Deal & talks | Site"));
    assert_eq!(page.lang.as_deref(), Some("en-GB"));
    assert_eq!(page.site_name.as_deref(), Some("Example News"));
    assert_eq!(page.published.as_deref(), Some("2013-11-02T10:00:00Z"));
    assert_eq!(page.canonical.as_deref(), Some("https://example.com/a"));
    assert_eq!(page.text, "x.");
}

/// Each hostile page (hundreds of thousands of tags) must be handled without a stack overflow
/// (no recursion) and in linear time: the bound is generous for an unoptimised build on a busy
/// machine, and a quadratic walk over these inputs would take hours.
#[test]
fn hostile_html_is_handled_in_bounded_time() {
    let n = 100_000;
    let cases: Vec<(&str, String)> = vec![
        (
            "deep nesting",
            format!("{}text{}", "<div>".repeat(n), "</div>".repeat(n)),
        ),
        (
            "deep hidden nesting",
            format!("<div hidden>{}</div><p>after</p>", "<div>".repeat(n)),
        ),
        ("unclosed tags", "<p><b><i><span>".repeat(n)),
        (
            "huge attribute",
            format!("<p title=\"{}\">x</p>", "a".repeat(10 * n)),
        ),
        (
            "unterminated attribute",
            format!("<p title=\"{}", "a>".repeat(n)),
        ),
        ("many attributes", format!("<p {}>x</p>", "a=b ".repeat(n))),
        ("unclosed comment", format!("<!--{}", "<p>x</p>".repeat(n))),
        (
            "unclosed script",
            format!("<script>{}", "</scrip".repeat(n)),
        ),
        ("lone brackets", "<<<<>>>>".repeat(n)),
        ("many entities", "&amp;&#x41;&bogus;&".repeat(n)),
        ("tag soup", "</p></div><br/><//><a".repeat(n)),
    ];
    for (name, html) in cases {
        let start = Instant::now();
        let out = html_to_text(&html);
        let took = start.elapsed();
        assert!(took < Duration::from_secs(15), "{name}: took {took:?}");
        assert!(
            out.text.len() <= html.len() * 2,
            "{name}: output bounded by input"
        );
    }
}

#[test]
fn a_hidden_element_nested_inside_one_of_its_kind_ends_at_its_own_end_tag() {
    let html = "<div><div hidden><div>gone</div></div><p>Kept.</p></div>";
    assert_eq!(html_to_text(html).text, "Kept.");
}
