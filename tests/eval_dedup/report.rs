//! Scoring verdicts against labels, and the printed report.

use std::collections::{BTreeMap, HashMap};

use demarche::dedup::{sketch_similarity, DedupIndex, Fingerprint, Sketch, Verdict};

use crate::corpus::{Item, Label, COPY_KINDS, NEGATIVE_KINDS};

/// Targets of the issue.
const MIN_PRECISION: f64 = 0.99;
const MIN_RECALL: f64 = 0.95;
const MIN_SEPARATION: f64 = 0.98;

/// Counts of one kind of article.
#[derive(Default)]
struct Row {
    n: usize,
    /// Copies: found as a duplicate of their story. Negatives: kept apart.
    right: usize,
    exact: usize,
    near: usize,
    /// Full-sketch Jaccard and containment to the story they copy or resemble.
    jaccard: Vec<f64>,
    containment: Vec<f64>,
}

/// The running score.
pub struct Tally {
    story_of: HashMap<String, usize>,
    /// Sketch of each story's original, and of every hard negative's look-alike.
    original_sketch: HashMap<usize, Sketch>,
    confusable: HashMap<String, usize>,
    rows: BTreeMap<&'static str, Row>,
    duplicates: usize,
    correct_duplicates: usize,
    near: usize,
    correct_near: usize,
    verbose: bool,
}

impl Tally {
    /// A tally for the stream `items`; fingerprints the originals up front for diagnostics.
    pub fn new(items: &[Item], index: &DedupIndex) -> Self {
        let mut original_sketch = HashMap::new();
        let mut story_of = HashMap::new();
        for item in items {
            story_of.insert(item.article.id.as_str().to_owned(), item.story);
            if item.label == Label::Original {
                if let Some(s) = index.fingerprint(&item.article, None).sketch {
                    original_sketch.insert(item.story, s);
                }
            }
        }
        Self {
            story_of,
            original_sketch,
            confusable: items
                .iter()
                .filter_map(|i| Some((i.article.id.as_str().to_owned(), i.confusable?)))
                .collect(),
            rows: BTreeMap::new(),
            duplicates: 0,
            correct_duplicates: 0,
            near: 0,
            correct_near: 0,
            verbose: std::env::var_os("DEMARCHE_EVAL_DEDUP_VERBOSE").is_some(),
        }
    }

    /// Scores one verdict.
    pub fn record(&mut self, item: &Item, fp: &Fingerprint, verdict: &Verdict) {
        let found_story = verdict
            .original()
            .and_then(|of| self.story_of.get(of.as_str()));
        let correct = found_story == Some(&item.story) && matches!(item.label, Label::Copy(_));
        if verdict.is_duplicate() {
            self.duplicates += 1;
            self.correct_duplicates += usize::from(correct);
        }
        if matches!(verdict, Verdict::NearDuplicate { .. }) {
            self.near += 1;
            self.correct_near += usize::from(correct);
        }
        let (kind, right, like) = match item.label {
            Label::Original => ("original", !verdict.is_duplicate(), None),
            Label::Copy(kind) => (kind, correct, Some(item.story)),
            Label::HardNegative(kind) => (
                kind,
                !verdict.is_duplicate(),
                self.confusable.get(item.article.id.as_str()).copied(),
            ),
        };
        let row = self.rows.entry(kind).or_default();
        row.n += 1;
        row.right += usize::from(right);
        row.exact += usize::from(matches!(verdict, Verdict::ExactDuplicate { .. }));
        row.near += usize::from(matches!(verdict, Verdict::NearDuplicate { .. }));
        let original = like.and_then(|s| self.original_sketch.get(&s));
        let sim = match (original, fp.sketch.as_ref()) {
            (Some(a), Some(b)) => Some(sketch_similarity(a, b)),
            _ => None,
        };
        if let Some(sim) = sim {
            row.jaccard.push(sim.jaccard);
            row.containment.push(sim.containment);
        }
        if !right && self.verbose {
            let words = item.article.body.split_whitespace().count();
            println!(
                "miss: {kind} {} ({words} words): {verdict:?}; to its look-alike {sim:?}",
                item.article.id
            );
        }
    }

    /// Prints the report; returns whether every target is met.
    pub fn print(&mut self) -> bool {
        let recall = self.print_copies();
        let separation = self.print_negatives();
        let precision = rate(self.correct_duplicates, self.duplicates);
        let near_precision = rate(self.correct_near, self.near);
        println!(
            "precision, all duplicate verdicts: {}/{} = {precision:.4}; near-duplicate verdicts: {}/{} = {near_precision:.4}",
            self.correct_duplicates, self.duplicates, self.correct_near, self.near
        );
        println!(
            "recall on copies: {recall:.4} (target {MIN_RECALL}); precision {precision:.4} (target {MIN_PRECISION}); separation {separation:.4} (target {MIN_SEPARATION})"
        );
        precision >= MIN_PRECISION
            && near_precision >= MIN_PRECISION
            && recall >= MIN_RECALL
            && separation >= MIN_SEPARATION
    }

    /// Prints the copy table; returns the recall over all copies.
    fn print_copies(&mut self) -> f64 {
        println!();
        println!("copy kind              n  found  recall  exact   near   J min   J p05  C min");
        let (mut copies, mut found) = (0, 0);
        for kind in COPY_KINDS {
            let row = self.rows.entry(kind).or_default();
            copies += row.n;
            found += row.right;
            println!(
                "{kind:<18} {:>5} {:>6}  {:>6.4} {:>6} {:>6}  {:>6.3}  {:>6.3} {:>6.3}",
                row.n,
                row.right,
                rate(row.right, row.n),
                row.exact,
                row.near,
                quantile(&mut row.jaccard, 0.0),
                quantile(&mut row.jaccard, 0.05),
                quantile(&mut row.containment, 0.0),
            );
        }
        let recall = rate(found, copies);
        println!("{:<18} {copies:>5} {found:>6}  {recall:>6.4}", "all copies");
        recall
    }

    /// Prints the hard-negative table; returns the separation rate.
    fn print_negatives(&mut self) -> f64 {
        println!();
        println!("hard negative kind             n  apart    rate   J max   J p95  C max");
        let (mut negatives, mut apart) = (0, 0);
        for kind in NEGATIVE_KINDS {
            let row = self.rows.entry(kind).or_default();
            negatives += row.n;
            apart += row.right;
            println!(
                "{kind:<28} {:>5} {:>6}  {:>6.4}  {:>6.3}  {:>6.3} {:>6.3}",
                row.n,
                row.right,
                rate(row.right, row.n),
                quantile(&mut row.jaccard, 1.0),
                quantile(&mut row.jaccard, 0.95),
                quantile(&mut row.containment, 1.0),
            );
        }
        let separation = rate(apart, negatives);
        let originals = self.rows.entry("original").or_default();
        println!(
            "originals kept new: {}/{}; hard negatives kept apart: {apart}/{negatives} = {separation:.4}",
            originals.right, originals.n
        );
        separation
    }
}

fn rate(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// The `q` quantile (0 = min, 1 = max); NaN when empty.
fn quantile(values: &mut [f64], q: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(f64::total_cmp);
    let at = ((values.len() - 1) as f64 * q).round() as usize;
    values[at]
}
