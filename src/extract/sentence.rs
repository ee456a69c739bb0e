//! The sentence as every stage after recognition reads it: where it stands in its article, its
//! tokens and their pattern-word ids, its actor groups, and what the pattern matcher derives from
//! them. Built once per sentence by the coder; the dictionaries it is coded against are passed
//! beside it ([`super::dictionaries::Dictionaries`]), never held in it.

use crate::model::Article;

use super::groups::Group;
use super::patterns::WordIds;
use super::sentences::SentenceSpan;
use super::tokens::Tokens;

/// One sentence of an article, read-only.
#[derive(Debug)]
pub struct Sentence<'a> {
    /// The article.
    pub article: &'a Article,
    /// The sentence's span in the body.
    pub span: SentenceSpan,
    /// Its index in the article.
    pub index: usize,
    /// Its tokens.
    pub tokens: &'a Tokens,
    /// The pattern-word id of each token.
    pub words: &'a WordIds,
    /// Its actor groups, in text order.
    pub groups: &'a [Group],
    /// `actor_end[i]` is the end of the actor group starting at token `i`, if any: where the
    /// matcher's `@` slot may stand.
    pub actor_end: Vec<Option<usize>>,
}

impl<'a> Sentence<'a> {
    /// The view of sentence `index` of `article`, at `span`, with its tokens, word ids and
    /// actor groups.
    pub fn new(
        article: &'a Article,
        span: SentenceSpan,
        index: usize,
        tokens: &'a Tokens,
        words: &'a WordIds,
        groups: &'a [Group],
    ) -> Self {
        Self {
            article,
            span,
            index,
            tokens,
            words,
            groups,
            actor_end: actor_end(tokens, groups),
        }
    }

    /// The same sentence with other actor groups: those recognized plus the actors its events
    /// imply. What the matcher derived stays that of the recognized groups (it has matched).
    pub fn with_groups<'b>(&'b self, groups: &'b [Group]) -> Sentence<'b> {
        Sentence {
            groups,
            actor_end: self.actor_end.clone(),
            ..*self
        }
    }

    /// The sentence's text.
    pub fn text(&self) -> &'a str {
        &self.article.body[self.span.start..self.span.end]
    }
}

/// For each token (and one past the last), the end of the group that starts there.
fn actor_end(tokens: &Tokens, groups: &[Group]) -> Vec<Option<usize>> {
    let mut end = vec![None; tokens.len() + 1];
    for g in groups {
        end[g.first] = Some(g.last);
    }
    end
}
