//! Scoring per set, as `../shared/eval/README.md` defines it, on the two halves of each set
//! (index 0: even items, the development half; index 1: odd items, held out).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;
use demarche::extract::{is_comment, Coder, Features};
use demarche::model::DiplomaticEvent;

use super::code;
use super::sets::{family, AcledItem, ConflibertItem, PloverItem, TaggedSentence};

/// Floors: a little below the figures reached when they were set, for both halves.
const PLOVER_RECALL: f64 = 0.68;
const PLOVER_SOURCE_F1: f64 = 0.79;
const ACLED_DETECTED: f64 = 0.78;
const ACLED_COUNTRY: f64 = 0.59;
const CONFLIBERT_ACCURACY: f64 = 0.72;
/// Events at or above 0.8 confidence are right at least this often.
const CALIBRATED_HIGH: f64 = 0.80;
const CONFLIBERT_ANY: f64 = 0.82;

/// One figure of one half against its floor.
pub struct Floor {
    what: String,
    value: f64,
    floor: f64,
}

impl Floor {
    pub fn met(&self) -> bool {
        self.value >= self.floor
    }
}

impl fmt::Display for Floor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {:.3} < {:.3}", self.what, self.value, self.floor)
    }
}

/// A count per half.
type Pair = [usize; 2];

/// Events by confidence band (0.0-0.1 ... 0.9-1.0) and half: how many, how many right. An
/// event is right when its PLOVER category is the sentence's (PLOVER-GSR), its root is in the
/// note's family (ACLED), or its class is the sentence's (ConfliBERT).
/// The development half's events are kept, with their features, to train the confidence model.
#[derive(Default)]
pub struct Calibration {
    bands: [[(usize, usize); 2]; 10],
    pub samples: Vec<(Features, bool)>,
}

impl Calibration {
    fn add(&mut self, half: usize, confidence: f64, features: &Features, right: bool) {
        let band = ((confidence * 10.0) as usize).min(9);
        let cell = &mut self.bands[band][half];
        cell.0 += 1;
        cell.1 += usize::from(right);
        if half == 0 {
            self.samples.push((*features, right));
        }
    }

    /// Prints the table, and the share right at or above 0.8, per half; floors that share.
    pub fn print(&self) -> Vec<Floor> {
        println!("\ncalibration (all sets): confidence band, events, share right   even half    odd half");
        for (band, halves) in self.bands.iter().enumerate().rev() {
            if halves.iter().all(|(n, _)| *n == 0) {
                continue;
            }
            let cells: Vec<String> = halves
                .iter()
                .map(|(n, right)| format!("{n:>6} {:>6.3}", ratio(*right, *n)))
                .collect();
            println!(
                "  {:.1}-{:.1}   {}",
                band as f64 / 10.0,
                (band + 1) as f64 / 10.0,
                cells.join("     ")
            );
        }
        let high = [0, 1].map(|h| {
            self.bands[8..]
                .iter()
                .fold((0, 0), |(n, r), b| (n + b[h].0, r + b[h].1))
        });
        println!(
            "  >= 0.8    right {:.3} ({}/{})     {:.3} ({}/{})",
            ratio(high[0].1, high[0].0),
            high[0].1,
            high[0].0,
            ratio(high[1].1, high[1].0),
            high[1].1,
            high[1].0
        );
        let share = [0, 1].map(|h| ratio(high[h].1, high[h].0));
        floors("share right at confidence >= 0.8", share, CALIBRATED_HIGH)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(tp: usize, predicted: usize, gold: usize) -> f64 {
    let (p, r) = (ratio(tp, predicted), ratio(tp, gold));
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// "label: even / odd" with both halves' ratios.
fn line(label: &str, hits: Pair, totals: Pair) -> [f64; 2] {
    let r = [ratio(hits[0], totals[0]), ratio(hits[1], totals[1])];
    println!(
        "  {label:<34} {:.3} ({}/{})   {:.3} ({}/{})",
        r[0], hits[0], totals[0], r[1], hits[1], totals[1]
    );
    r
}

pub fn floors(what: &str, values: [f64; 2], floor: f64) -> Vec<Floor> {
    ["even", "odd"]
        .iter()
        .zip(values)
        .map(|(half, value)| Floor {
            what: format!("{what} ({half} half)"),
            value,
            floor,
        })
        .collect()
}

/// Bare statements: a comment (010, 012, 013, 014, 019) with no target says only that someone
/// spoke.
fn count_statements(events: &[DiplomaticEvent]) -> usize {
    events
        .iter()
        .filter(|e| is_comment(&e.cameo.code) && e.target.is_none())
        .count()
}

fn country(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// The event's source country as the PLOVER-GSR gold writes it: an international
/// organisation, NGO or transnational group (which has no country) by its code's first three
/// letters ("IGO").
fn source_countries(e: &DiplomaticEvent) -> Option<&str> {
    e.source.country.as_deref().or_else(|| {
        let root = e.source.code.get(..3)?;
        matches!(root, "IGO" | "NGO" | "IMG").then_some(root)
    })
}

fn print_misses(text: &str, gold: &str, events: &[DiplomaticEvent]) {
    println!("MISS [{gold}] {text}");
    for e in events {
        println!(
            "    got {} {} [{}] -> {} [{}] ({})",
            e.cameo.code,
            e.source.code,
            e.source.country.as_deref().unwrap_or("-"),
            e.target.as_ref().map_or("-", |t| t.code.as_str()),
            e.target
                .as_ref()
                .and_then(|t| t.country.as_deref())
                .unwrap_or("-"),
            e.evidence.trigger.text
        );
    }
}

/// What every set's scoring adds to: the options and the tallies over all sets.
#[derive(Default)]
pub struct Run {
    /// Print the development half's misses.
    pub verbose: bool,
    /// Bare statements emitted, per half.
    pub statements: Pair,
    /// Events by confidence band.
    pub calibration: Calibration,
}

impl Run {
    /// Counts an item's bare statements and adds its events, right or not, to the calibration.
    fn record(
        &mut self,
        half: usize,
        events: &[DiplomaticEvent],
        features: &[Features],
        right: impl Fn(&DiplomaticEvent) -> bool,
    ) {
        self.statements[half] += count_statements(events);
        for (e, x) in events.iter().zip(features) {
            self.calibration.add(half, e.confidence, x, right(e));
        }
    }
}

/// The event a sentence is scored by: the most confident, the first of equals.
fn most_confident(events: &[DiplomaticEvent]) -> Option<&DiplomaticEvent> {
    events
        .iter()
        .rev()
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
}

pub fn plover(coder: &Coder, items: &[PloverItem], run: &mut Run) -> Vec<Floor> {
    let date = NaiveDate::from_ymd_opt(2000, 1, 1).expect("date");
    let mut recalled = Pair::default();
    let mut exact = Pair::default();
    let mut total = Pair::default();
    let mut events_n = Pair::default();
    let (mut src_tp, mut src_pred, mut src_gold) =
        (Pair::default(), Pair::default(), Pair::default());
    let mut per_category: BTreeMap<&str, (Pair, Pair)> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        let h = i % 2;
        let (events, features) = code(coder, format!("plover-{i}"), &item.text, date);
        let in_category = |e: &DiplomaticEvent| {
            e.plover
                .as_ref()
                .is_some_and(|p| p.category == item.category)
        };
        run.record(h, &events, &features, in_category);
        total[h] += 1;
        events_n[h] += events.len();
        let matching: Vec<&DiplomaticEvent> = events.iter().filter(|e| in_category(e)).collect();
        let hit = !matching.is_empty();
        let gold_sources: BTreeSet<&str> = item.sources.iter().map(|s| country(s)).collect();
        recalled[h] += usize::from(hit);
        exact[h] += usize::from(
            matching
                .iter()
                .any(|e| source_countries(e).is_some_and(|c| gold_sources.contains(c))),
        );
        let predicted: BTreeSet<&str> = events.iter().filter_map(source_countries).collect();
        src_tp[h] += predicted.intersection(&gold_sources).count();
        src_pred[h] += predicted.len();
        src_gold[h] += gold_sources.len();
        let entry = per_category.entry(item.category.as_str()).or_default();
        entry.0[h] += usize::from(hit);
        entry.1[h] += 1;
        let wrong_source = predicted.iter().any(|c| !gold_sources.contains(c));
        if run.verbose && h == 0 && (!hit || wrong_source) {
            let gold = format!("{} {:?}", item.category, gold_sources);
            print_misses(&item.text, &gold, &events);
        }
    }
    println!(
        "\nPLOVER-GSR ({} sentences)            even half          odd half",
        items.len()
    );
    let recall = line("category recall", recalled, total);
    line("category + source country", exact, total);
    let f = [0, 1].map(|h| f1(src_tp[h], src_pred[h], src_gold[h]));
    println!(
        "  {:<34} {:.3}               {:.3}",
        "source-country F1", f[0], f[1]
    );
    println!(
        "  {:<34} {:.2}                {:.2}",
        "events per item",
        ratio(events_n[0], total[0]),
        ratio(events_n[1], total[1])
    );
    for (category, (hits, totals)) in &per_category {
        line(&format!("recall {category}"), *hits, *totals);
    }
    let mut out = floors("PLOVER category recall", recall, PLOVER_RECALL);
    out.extend(floors("PLOVER source-country F1", f, PLOVER_SOURCE_F1));
    out
}

pub fn acled(coder: &Coder, items: &[AcledItem], run: &mut Run) -> Vec<Floor> {
    let mut detected = Pair::default();
    let mut right = Pair::default();
    let mut total = Pair::default();
    let mut events_n = Pair::default();
    let mut per_type: BTreeMap<&str, (Pair, Pair, Pair)> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        let h = i % 2;
        let (events, features) = code(coder, format!("acled-{i}"), &item.text, item.date);
        let roots = family(&item.event_type).unwrap_or(&[]);
        let of_family = |e: &DiplomaticEvent| roots.contains(&e.cameo.root.as_str());
        run.record(h, &events, &features, of_family);
        let in_family: Vec<&DiplomaticEvent> = events.iter().filter(|e| of_family(e)).collect();
        let hit = !in_family.is_empty();
        let located = in_family.iter().any(|e| {
            let target = e.target.as_ref().and_then(|t| t.country.as_deref());
            let c = item.country.as_deref();
            c.is_some() && (e.source.country.as_deref() == c || target == c)
        });
        total[h] += 1;
        events_n[h] += events.len();
        detected[h] += usize::from(hit);
        right[h] += usize::from(located);
        let entry = per_type.entry(item.event_type.as_str()).or_default();
        entry.0[h] += usize::from(hit);
        entry.1[h] += usize::from(located);
        entry.2[h] += 1;
        if run.verbose && h == 0 && !located {
            let gold = format!(
                "{} {}",
                item.event_type,
                item.country.as_deref().unwrap_or("?")
            );
            print_misses(&item.text, &gold, &events);
        }
    }
    println!(
        "\nACLED ({} scored notes)             even half          odd half",
        items.len()
    );
    let d = line("detected", detected, total);
    let c = line("country right", right, total);
    println!(
        "  {:<34} {:.2}                {:.2}",
        "events per item",
        ratio(events_n[0], total[0]),
        ratio(events_n[1], total[1])
    );
    for (kind, (hits, located, totals)) in &per_type {
        line(&format!("detected {kind}"), *hits, *totals);
        line("  country right", *located, *totals);
    }
    let mut out = floors("ACLED detected", d, ACLED_DETECTED);
    out.extend(floors("ACLED country right", c, ACLED_COUNTRY));
    out
}

/// The 5-way class of a CAMEO root, as the ConfliBERT labels use it.
fn class_of(root: &str) -> Option<u8> {
    let n: u8 = root.parse().ok()?;
    Some(match n {
        1 | 2 => 0,
        3..=5 => 1,
        6..=8 => 2,
        9..=13 | 16 => 3,
        _ => 4,
    })
}

pub fn conflibert(coder: &Coder, items: &[ConflibertItem], run: &mut Run) -> Vec<Floor> {
    let date = NaiveDate::from_ymd_opt(2015, 1, 1).expect("date");
    let mut right = Pair::default();
    let mut any = Pair::default();
    let mut total = Pair::default();
    // confusion[half][gold][predicted], predicted 5 = none
    let mut confusion = [[[0usize; 6]; 5]; 2];
    for (i, item) in items.iter().enumerate() {
        let h = i % 2;
        let (events, features) = code(coder, format!("conflibert-{i}"), &item.text, date);
        run.record(h, &events, &features, |e| {
            class_of(&e.cameo.root) == Some(item.class)
        });
        let predicted = most_confident(&events).and_then(|e| class_of(&e.cameo.root));
        total[h] += 1;
        any[h] += usize::from(predicted.is_some());
        right[h] += usize::from(predicted == Some(item.class));
        if let Some(row) = confusion[h].get_mut(usize::from(item.class)) {
            row[predicted.map_or(5, usize::from)] += 1;
        }
        if run.verbose && h == 0 && predicted != Some(item.class) {
            print_misses(&item.text, &format!("class {}", item.class), &events);
        }
    }
    println!(
        "\nConfliBERT ({} sentences)           even half          odd half",
        items.len()
    );
    let accuracy = line("quad-class accuracy", right, total);
    let coded = line("any event", any, total);
    for (h, name) in ["even", "odd"].iter().enumerate() {
        println!("  confusion, {name} half (rows gold 0-4, columns predicted 0-4, none)");
        for (gold, row) in confusion[h].iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|n| format!("{n:>5}")).collect();
            println!("    {gold}: {}", cells.join(""));
        }
    }
    let mut out = floors("ConfliBERT quad accuracy", accuracy, CONFLIBERT_ACCURACY);
    out.extend(floors("ConfliBERT any event", coded, CONFLIBERT_ANY));
    out
}

/// Who the source is, on ConfliBERT's tagged sentences: how often the most confident event's
/// source text shares a word with the tagged source (or symmetric party) span, over the
/// sentences that have both a tagged source and an event.
pub fn conflibert_sources(coder: &Coder, items: &[TaggedSentence]) {
    let date = NaiveDate::from_ymd_opt(2015, 1, 1).expect("date");
    let (mut overlap, mut both, mut tagged) = (Pair::default(), Pair::default(), Pair::default());
    for (i, item) in items.iter().enumerate() {
        let h = i % 2;
        if item.source_words.is_empty() {
            continue;
        }
        tagged[h] += 1;
        let (events, _) = code(coder, format!("conflibert-ner-{i}"), &item.text, date);
        let Some(best) = most_confident(&events) else {
            continue;
        };
        both[h] += 1;
        let shares = best
            .source
            .text
            .split_whitespace()
            .any(|w| item.source_words.contains(&w.to_lowercase()));
        overlap[h] += usize::from(shares);
    }
    println!(
        "\nConfliBERT tagged sources ({} sentences)  even half          odd half",
        items.len()
    );
    line("with an event", both, tagged);
    line("source overlaps the tagged span", overlap, both);
}
