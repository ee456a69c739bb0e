//! The dictionary matches of a sentence ("pieces"): names, case-sensitive and leftmost-longest,
//! then agent words that no name overlaps, in text order.

use crate::extract::tokens::Tokens;

use super::lexicon::Lexicon;
use super::recognize::{Piece, PieceKind};

impl Lexicon {
    pub(super) fn pieces(&self, tokens: &Tokens) -> Vec<Piece> {
        let mut pieces: Vec<Piece> = Vec::new();
        let text = tokens.joined.as_str();
        let mut at = 0;
        // Leftmost-longest, but a match that does not fall on token boundaries ("the Sudan" in
        // "the Sudanese government") must not hide a shorter one inside it ("Sudanese"): the
        // search then starts again one byte further on.
        while let Some(m) = self
            .names
            .find(aho_corasick::Input::new(text).span(at..text.len()))
        {
            let Some((first, last)) = tokens.token_range(m.start(), m.end()) else {
                at = next_char(text, m.start());
                continue;
            };
            at = m.end();
            pieces.push(Piece {
                first,
                last,
                kind: PieceKind::Name(m.pattern().as_usize()),
            });
        }
        let names = pieces.len();
        for m in self.agents.find_iter(&tokens.joined) {
            let Some((first, last)) = tokens.token_range(m.start(), m.end()) else {
                continue;
            };
            let overlaps = pieces[..names]
                .iter()
                .any(|p| p.first < last && first < p.last);
            if !overlaps {
                pieces.push(Piece {
                    first,
                    last,
                    kind: PieceKind::Agent(m.pattern().as_usize()),
                });
            }
        }
        pieces.sort_by_key(|p| p.first);
        pieces
    }
}

/// The byte index of the character after the one at `i`.
fn next_char(text: &str, i: usize) -> usize {
    text[i..]
        .chars()
        .next()
        .map_or(text.len(), |c| i + c.len_utf8())
}
