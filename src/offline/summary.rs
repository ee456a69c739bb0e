//! What a `demarche extract` run did, counted as it goes and printed at its end, also when it
//! ends on an error.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use crate::model::DiplomaticEvent;
use crate::pipeline::{Outcome, OutcomeKind};

/// The names of the CAMEO quad classes, 1 to 4.
const QUAD_CLASSES: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

/// Counts of how the inputs ended and of the events they gave.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    /// Inputs read and coded.
    pub inputs: usize,
    /// Events written.
    pub events: usize,
    /// New articles with events.
    pub published: usize,
    /// New articles without events.
    pub no_events: usize,
    /// Duplicates.
    pub duplicates: usize,
    /// Unsupported languages.
    pub unsupported_language: usize,
    /// Dead letters.
    pub dead_letters: usize,
    /// Events by CAMEO root code ("04").
    pub by_root: BTreeMap<String, usize>,
    /// Events by quad class, 1 to 4.
    pub by_quad_class: BTreeMap<u8, usize>,
    /// Time from the first read to the summary (the dictionaries are loaded before).
    pub elapsed: Duration,
}

impl Summary {
    /// Counts one input's outcome and its events.
    pub fn count(&mut self, outcome: &Outcome) {
        self.inputs += 1;
        match outcome.kind() {
            OutcomeKind::Published => self.published += 1,
            OutcomeKind::NoEvents => self.no_events += 1,
            OutcomeKind::Duplicate => self.duplicates += 1,
            OutcomeKind::UnsupportedLanguage => self.unsupported_language += 1,
            OutcomeKind::DeadLetter => self.dead_letters += 1,
        }
        if let Outcome::Coded { events, .. } = outcome {
            events.iter().for_each(|event| self.count_event(event));
        }
    }

    fn count_event(&mut self, event: &DiplomaticEvent) {
        self.events += 1;
        *self.by_root.entry(event.cameo.root.clone()).or_default() += 1;
        *self
            .by_quad_class
            .entry(event.cameo.quad_class)
            .or_default() += 1;
    }

    /// Inputs per second of the run so far.
    pub fn rate(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.inputs as f64 / seconds
        } else {
            0.0
        }
    }
}

/// Several lines, the last ended by a line break.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} inputs: {} events; {} published, {} no events, {} duplicates, {} unsupported language, {} dead letters",
            self.inputs,
            self.events,
            self.published,
            self.no_events,
            self.duplicates,
            self.unsupported_language,
            self.dead_letters
        )?;
        if self.events > 0 {
            let roots: Vec<String> = self
                .by_root
                .iter()
                .map(|(root, n)| format!("{root}: {n}"))
                .collect();
            writeln!(f, "events by CAMEO root: {}", roots.join(", "))?;
            let quads: Vec<String> = self
                .by_quad_class
                .iter()
                .map(|(&quad, n)| {
                    let name = QUAD_CLASSES
                        .get(usize::from(quad).wrapping_sub(1))
                        .copied()
                        .unwrap_or("?");
                    format!("{quad} {name}: {n}")
                })
                .collect();
            writeln!(f, "events by quad class: {}", quads.join(", "))?;
        }
        writeln!(
            f,
            "coded in {:.2} s: {:.0} articles/s",
            self.elapsed.as_secs_f64(),
            self.rate()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_every_count_and_the_rate() {
        let summary = Summary {
            inputs: 10,
            events: 3,
            published: 2,
            no_events: 5,
            duplicates: 1,
            unsupported_language: 1,
            dead_letters: 1,
            by_root: [("04".to_owned(), 2), ("19".to_owned(), 1)].into(),
            by_quad_class: [(1, 2), (4, 1)].into(),
            elapsed: Duration::from_millis(500),
        };
        assert_eq!(
            summary.to_string(),
            "10 inputs: 3 events; 2 published, 5 no events, 1 duplicates, 1 unsupported language, 1 dead letters\n\
             events by CAMEO root: 04: 2, 19: 1\n\
             events by quad class: 1 verbal cooperation: 2, 4 material conflict: 1\n\
             coded in 0.50 s: 20 articles/s\n"
        );
    }

    #[test]
    fn a_run_without_events_or_time_prints_no_breakdown_and_no_rate() {
        let text = Summary::default().to_string();
        assert!(!text.contains("by CAMEO root"), "{text}");
        assert!(text.ends_with("coded in 0.00 s: 0 articles/s\n"), "{text}");
    }
}
