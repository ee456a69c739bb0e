//! The reference article of the issue: a DW story as a scraper sent it (the page title, the
//! site's navigation, the title again, the story, the wire credits), kept in the team's shared
//! directory rather than in the repository. Its text is never quoted here: the headline and the
//! story are found by the page's layout when a test runs.

use super::shared::shared_file;

/// Where it is in the shared directory.
const FILE: &str = "fixtures/reference-article-dw-2013-11-02.txt";

/// The page as the scraper sent it; `None` where the shared directory lacks it (the caller is
/// then skipped, see [`shared_file`]).
pub fn page() -> Option<Vec<u8>> {
    shared_file(FILE)
}

/// Its headline: the line the page repeats above the story. The page's first line (the title
/// of the web page) opens with it and goes on with the site's suffix; `None` as for [`page`].
pub fn title() -> Option<String> {
    let page = text()?;
    let page_title = page.lines().next().map(str::trim).unwrap_or_default();
    let headline = page
        .lines()
        .skip(1)
        .map(str::trim)
        .find(|l| !l.is_empty() && l.len() < page_title.len() && page_title.starts_with(l))
        .expect("the page title's headline, repeated above the story");
    Some(headline.to_owned())
}

/// The story alone, as normalization leaves it: the paragraphs after the repeated title,
/// without the wire credits (the page's last line), separated by blank lines; `None` as for
/// [`page`].
pub fn story() -> Option<String> {
    let title = title()?;
    let page = text()?;
    let mut paragraphs: Vec<&str> = page
        .lines()
        .map(str::trim)
        .skip_while(|l| *l != title)
        .skip(1)
        .filter(|l| !l.is_empty())
        .collect();
    let credits = paragraphs.pop().expect("a story under the repeated title");
    assert!(
        is_credit_shaped(credits),
        "the page ends with wire credits, \"initials (Agency, ...)\": {credits:?}"
    );
    Some(paragraphs.join("\n\n"))
}

/// The page as text.
fn text() -> Option<String> {
    Some(String::from_utf8(page()?).expect("the reference article is UTF-8"))
}

/// "ab/cd (Agency, Agency)": a few words, the last of them the agencies in brackets.
fn is_credit_shaped(line: &str) -> bool {
    line.ends_with(')') && line.contains(" (") && line.split_whitespace().count() <= 6
}
