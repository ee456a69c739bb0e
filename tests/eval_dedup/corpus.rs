//! The labelled stream: originals, their copies (by kind) and hard negatives, in time order.

use chrono::{DateTime, TimeZone, Utc};
use demarche::model::{Article, ArticleId, DatePrecision};

use crate::rng::Rng;
use crate::stories::{Cast, Story};
use crate::vocab::{BOILERPLATE, GENERIC, OUTLETS, SYNONYMS};

/// Kinds of copy: each must be found a duplicate of its original.
pub const COPY_KINDS: &[&str] = &[
    "resend",
    "tracking_url",
    "headline_edit",
    "boilerplate",
    "truncated_60",
    "paragraph_added",
    "reworded",
    "republished",
];

/// Kinds of hard negative: each must be found new.
pub const NEGATIVE_KINDS: &[&str] = &["same_topic_same_cast", "follow_up_shared_background"];

/// What an article is, in truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// The first publication of story `story`.
    Original,
    /// A copy of its story's original.
    Copy(&'static str),
    /// A different story, confusable with another (see [`Item::confusable`]).
    HardNegative(&'static str),
}

/// One article of the stream.
#[derive(Clone, Debug)]
pub struct Item {
    /// The article.
    pub article: Article,
    /// The story it tells (copies share their original's).
    pub story: usize,
    /// What it is.
    pub label: Label,
    /// For a hard negative, the story it resembles.
    pub confusable: Option<usize>,
}

/// Builds the stream for `stories` stories.
pub fn generate(stories: usize, seed: u64) -> Vec<Item> {
    let mut rng = Rng::new(seed);
    let mut items = Vec::new();
    let mut next_story = stories;
    let start = Utc
        .with_ymd_and_hms(2024, 3, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    for story in 0..stories {
        // Stories spread over about 3 weeks, so the 7-day window expires the early ones.
        let at = start + chrono::Duration::minutes((story * 30 * 24 * 60 / stories.max(1)) as i64);
        let cast = Cast::random(&mut rng);
        let paragraphs = if rng.chance(0.1) { 2 } else { rng.range(4, 9) };
        let original = cast.write(&mut rng, paragraphs);
        let first = article(&mut rng, &original.title, original.body(), at, None);
        items.push(Item {
            article: first.clone(),
            story,
            label: Label::Original,
            confusable: None,
        });
        for kind in COPY_KINDS {
            let delay = chrono::Duration::minutes(rng.range(5, 36 * 60) as i64);
            let copy = copy_of(&mut rng, kind, &first, &original, at + delay);
            items.push(Item {
                article: copy,
                story,
                label: Label::Copy(kind),
                confusable: None,
            });
        }
        for kind in NEGATIVE_KINDS {
            let delay = chrono::Duration::minutes(rng.range(60, 72 * 60) as i64);
            let other = negative(&mut rng, kind, &cast, &original);
            let art = article(&mut rng, &other.title, other.body(), at + delay, None);
            items.push(Item {
                article: art,
                story: next_story,
                label: Label::HardNegative(kind),
                confusable: Some(story),
            });
            next_story += 1;
        }
    }
    items.sort_by_key(|item| item.article.published_at);
    items
}

/// An article of a random outlet; `url` given for a re-send.
fn article(
    rng: &mut Rng,
    title: &str,
    body: String,
    at: DateTime<Utc>,
    url: Option<String>,
) -> Article {
    let (outlet, domain) = rng.pick(OUTLETS);
    let n = rng.next_u64() % 1_000_000_000;
    let url = url.unwrap_or_else(|| format!("https://{domain}/world/{n:09}"));
    Article {
        id: ArticleId::new(format!("{}-{n:09}", &domain[..domain.len().min(8)])),
        url: Some(url),
        source: Some(outlet.to_owned()),
        title: title.to_owned(),
        body,
        published_at: Some(at),
        date_precision: DatePrecision::Exact,
        language: "en".to_owned(),
        wire_sources: vec!["World Wire".to_owned()],
        dateline: None,
    }
}

/// A copy of `first` (which tells `story`) of the given kind.
fn copy_of(
    rng: &mut Rng,
    kind: &str,
    first: &Article,
    story: &Story,
    at: DateTime<Utc>,
) -> Article {
    let mut paragraphs = story.paragraphs.clone();
    let mut title = first.title.clone();
    match kind {
        "resend" => return first.clone(),
        // The normalizer strips tracking parameters: the canonical URL is the original's.
        "tracking_url" => {
            let mut copy = article(rng, &title, first.body.clone(), at, first.url.clone());
            copy.source.clone_from(&first.source);
            return copy;
        }
        "headline_edit" => title = edit_headline(rng, &title),
        "boilerplate" => wrap(rng, story, &mut paragraphs),
        "truncated_60" => paragraphs = truncate(&paragraphs, 0.6),
        "paragraph_added" => add_paragraph(rng, story, &mut paragraphs),
        "reworded" => reword(rng, &mut paragraphs, 2),
        _ => {
            title = edit_headline(rng, &title);
            wrap(rng, story, &mut paragraphs);
            reword(rng, &mut paragraphs, 1);
        }
    }
    article(rng, &title, paragraphs.join("\n\n"), at, None)
}

fn edit_headline(rng: &mut Rng, title: &str) -> String {
    let forms = [
        format!("UPDATE 2-{title}"),
        format!("{title} - sources"),
        format!("World news: {}", title.to_lowercase()),
        title.replace(" and ", " & "),
    ];
    forms[rng.below(forms.len())].clone()
}

fn wrap(rng: &mut Rng, story: &Story, paragraphs: &mut Vec<String>) {
    let lead = story.cast.fill(rng.pick(BOILERPLATE), rng);
    let tail = story.cast.fill(rng.pick(BOILERPLATE), rng);
    paragraphs.insert(0, lead);
    paragraphs.push(tail);
}

/// The first `fraction` of the words, cut mid-paragraph as feeds do.
fn truncate(paragraphs: &[String], fraction: f64) -> Vec<String> {
    let total: usize = paragraphs.iter().map(|p| p.split(' ').count()).sum();
    let mut keep = ((total as f64) * fraction).round() as usize;
    let mut out = Vec::new();
    for p in paragraphs {
        let words: Vec<&str> = p.split(' ').collect();
        if keep == 0 {
            break;
        }
        let n = words.len().min(keep);
        out.push(words[..n].join(" "));
        keep -= n;
    }
    out
}

fn add_paragraph(rng: &mut Rng, story: &Story, paragraphs: &mut Vec<String>) {
    let extra: Vec<String> = (0..2)
        .map(|_| story.cast.fill(rng.pick(GENERIC), rng))
        .collect();
    let at = rng.range(1, paragraphs.len());
    paragraphs.insert(at, extra.join(" "));
}

/// Swaps a few words for synonyms in `sentences` paragraphs.
fn reword(rng: &mut Rng, paragraphs: &mut [String], sentences: usize) {
    for _ in 0..sentences {
        let i = rng.below(paragraphs.len());
        let mut changed = 0;
        let words: Vec<String> = paragraphs[i]
            .split(' ')
            .map(|w| {
                let swap = SYNONYMS.iter().find(|(from, _)| *from == w);
                match swap {
                    Some((_, to)) if changed < 3 => {
                        changed += 1;
                        (*to).to_owned()
                    }
                    _ => w.to_owned(),
                }
            })
            .collect();
        paragraphs[i] = words.join(" ");
        if changed == 0 {
            paragraphs[i] = format!("Officials said that {}", paragraphs[i]);
        }
    }
}

/// A different story that looks like `original`.
fn negative(rng: &mut Rng, kind: &str, cast: &Cast, original: &Story) -> Story {
    if kind == "same_topic_same_cast" {
        let paragraphs = rng.range(4, 8);
        return cast.write(rng, paragraphs);
    }
    let paragraphs = rng.range(4, 7);
    let mut follow = cast.with_random_topic(rng).write(rng, paragraphs);
    let background = original.paragraphs[rng.below(original.paragraphs.len())].clone();
    let at = rng.range(1, follow.paragraphs.len());
    follow.paragraphs.insert(at, background);
    follow
}
