//! The reference article of the issue: a DW story as a scraper sent it (the page title, the
//! site's navigation, the title again, the story, the wire credits), kept in the team's shared
//! directory rather than in the repository.

use super::shared::shared_file;

/// Where it is in the shared directory.
const FILE: &str = "fixtures/reference-article-dw-2013-11-02.txt";

/// Its headline.
pub const TITLE: &str = "Faced with China and North Korea, Japan and Russia make security deal";

/// The page as the scraper sent it; `None` where the shared directory lacks it (the caller is
/// then skipped, see [`shared_file`]).
pub fn page() -> Option<Vec<u8>> {
    shared_file(FILE)
}

/// The story alone, as normalization leaves it: the paragraphs after the repeated title,
/// without the wire credits, separated by blank lines; `None` as for [`page`].
pub fn story() -> Option<String> {
    let page = String::from_utf8(page()?).expect("the reference article is UTF-8");
    let start = page
        .match_indices(TITLE)
        .nth(1)
        .map(|(i, _)| i + TITLE.len())
        .expect("the title, repeated above the story");
    let paragraphs: Vec<&str> = page[start..]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("mkg/slk"))
        .collect();
    Some(paragraphs.join("\n\n"))
}
