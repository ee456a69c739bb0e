//! Properties: never panics, idempotent, and never loses a story sentence to boilerplate.

use demarche::model::Article;
use demarche::normalize::Normalizer;

use super::normalizer;
use proptest::prelude::*;

/// Words of generated stories: plain news vocabulary, none of it a boilerplate phrase.
const STORY_WORDS: &[&str] = &[
    "minister",
    "talks",
    "agreed",
    "security",
    "cooperation",
    "border",
    "treaty",
    "officials",
    "said",
    "the",
    "government",
    "would",
    "continue",
    "negotiations",
    "with",
    "its",
    "neighbour",
    "after",
    "meeting",
    "in",
    "capital",
    "on",
    "defence",
    "trade",
    "record",
    "growth",
    "region",
    "president",
    "visit",
    "army",
    "exercise",
    "joint",
    "sanctions",
    "envoy",
    "summit",
    "week",
];

/// Words of generated menus.
const MENU_WORDS: &[&str] = &[
    "Home", "World", "Europe", "Asia", "Business", "Sport", "Culture", "Science", "Video",
    "Opinion", "Politics", "Climate", "Travel", "Health",
];

/// Furniture lines of the kinds the rule file names.
const FURNITURE: &[&str] = &[
    "Skip to main content",
    "Share on Facebook",
    "Share this article",
    "Print",
    "Email",
    "Facebook Twitter WhatsApp",
    "We use cookies to give you the best experience.",
    "Accept all cookies",
    "© 2024 Example Media. All rights reserved.",
    "Copyright Example",
    "Sign up for our newsletter",
    "Follow us on Twitter",
    "Advertisement",
    "Choose from 30 Languages",
    "English | Deutsch | Español",
    "Read more:",
    "02.11.2013",
    "Updated: 2 November 2013",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(STORY_WORDS), 5..16).prop_map(|words| {
        let s = words.join(" ");
        let mut c = s.chars();
        let first = c.next().map_or('X', |f| f.to_ascii_uppercase());
        format!("{first}{}.", c.as_str())
    })
}

fn paragraph() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(sentence(), 1..4)
}

/// A block of furniture: a numbered navigation list, a menu, or furniture lines.
fn furniture() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(MENU_WORDS), 2..7).prop_map(|items| {
            items
                .iter()
                .enumerate()
                .map(|(i, w)| format!("  {}. {w}", i + 1))
                .collect()
        }),
        prop::collection::vec(prop::sample::select(MENU_WORDS), 3..7)
            .prop_map(|items| items.iter().map(|s| (*s).to_owned()).collect()),
        prop::collection::vec(prop::sample::select(FURNITURE), 1..4)
            .prop_map(|lines| lines.iter().map(|s| (*s).to_owned()).collect()),
    ]
}

/// A page: title, furniture, story paragraphs with furniture between some, furniture, credits.
fn page() -> impl Strategy<Value = (String, Vec<Vec<String>>, Vec<String>)> {
    (
        prop::collection::vec((paragraph(), prop::option::of(furniture())), 1..8),
        furniture(),
        furniture(),
        any::<bool>(),
    )
        .prop_map(|(story, top, bottom, credits)| {
            let mut text = String::from("Leaders meet for border talks | World | Example Post\n");
            let mut furniture_lines = Vec::new();
            let mut push_block = |text: &mut String, block: &[String]| {
                for line in block {
                    text.push_str(line);
                    text.push('\n');
                    furniture_lines.push(line.trim().to_owned());
                }
                text.push('\n');
            };
            push_block(&mut text, &top);
            let mut paragraphs = Vec::new();
            for (para, after) in story {
                text.push_str(&para.join(" "));
                text.push_str("\n\n");
                if let Some(block) = after {
                    push_block(&mut text, &block);
                }
                paragraphs.push(para);
            }
            push_block(&mut text, &bottom);
            if credits {
                text.push_str("ab/xy (Reuters, AFP)\n");
            }
            (text, paragraphs, furniture_lines)
        })
}

/// Normalizes an article's own output again, as a producer would send it.
fn renormalize(n: &Normalizer, a: &Article) -> Article {
    let message = serde_json::json!({
        "url": a.url, "source": a.source, "title": a.title, "body": a.body,
        "language": a.language,
    });
    n.normalize(message.to_string().as_bytes())
        .expect("normalized output normalizes again")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = normalizer().normalize(&bytes);
    }

    #[test]
    fn never_panics_on_arbitrary_text_and_markup(
        text in "(\\PC|[<>&/\"'=!\\-\n ]|<p>|</p>|<div hidden>|&amp;|&#)*"
    ) {
        let n = normalizer();
        let _ = n.normalize(text.as_bytes());
        let _ = n.normalize(format!("<html>{text}").as_bytes());
        let _ = n.normalize(serde_json::json!({"body": text, "title": text}).to_string().as_bytes());
    }

    #[test]
    fn normalization_is_idempotent_on_arbitrary_text(
        text in "([A-Za-z]{1,8}|[0-9]{1,4}|[ .,:|()/\\-—“”’]|\n|\n\n){0,120}"
    ) {
        let n = normalizer();
        if let Ok(once) = n.normalize(text.as_bytes()) {
            let twice = renormalize(n, &once);
            prop_assert_eq!(&twice.body, &once.body);
            prop_assert_eq!(&twice.title, &once.title);
        }
    }

    #[test]
    fn every_story_sentence_survives_and_no_furniture_line_does(
        (text, story, furniture) in page()
    ) {
        let n = normalizer();
        let article = n.normalize(text.as_bytes()).expect("a page with a story normalizes");
        for para in &story {
            for sentence in para {
                prop_assert!(article.body.contains(sentence.as_str()), "lost {:?}", sentence);
            }
        }
        let paragraphs: Vec<&str> = article.body.split("\n\n").collect();
        for line in &furniture {
            prop_assert!(!paragraphs.contains(&line.as_str()), "kept {:?}", line);
        }
        prop_assert_eq!(paragraphs.len(), story.len());
        let twice = renormalize(n, &article);
        prop_assert_eq!(&twice.body, &article.body);
    }
}
