//! A one-line progress display on stderr while `demarche extract` runs, only when stderr is a
//! terminal: articles, events, the rate, and for files (whose size is known) the share read
//! and an estimate of the time left. Redirected to a file or a pipe, stderr gets nothing extra.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// The display is redrawn at most this often.
const REDRAW: Duration = Duration::from_millis(100);

/// Whether the progress line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Drawn on stderr.
    Shown,
    /// Not drawn.
    Hidden,
}

/// How far the run is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Done {
    /// Inputs coded.
    pub articles: usize,
    /// Events written.
    pub events: usize,
    /// Bytes of the input files read.
    pub bytes: u64,
}

/// The progress line.
pub struct Progress {
    visibility: Visibility,
    /// Total bytes of the inputs, if all are files.
    total_bytes: Option<u64>,
    started: Instant,
    drawn_at: Option<Instant>,
}

impl Progress {
    /// Shown if stderr is a terminal; `total_bytes` (if known) gives the share done and the
    /// time left.
    pub fn on_stderr(total_bytes: Option<u64>) -> Self {
        let visibility = if std::io::stderr().is_terminal() {
            Visibility::Shown
        } else {
            Visibility::Hidden
        };
        Self {
            visibility,
            total_bytes,
            started: Instant::now(),
            drawn_at: None,
        }
    }

    /// Redraws the line, unless it was drawn less than `REDRAW` ago.
    pub fn update(&mut self, done: Done) {
        if self.visibility == Visibility::Hidden
            || self.drawn_at.is_some_and(|at| at.elapsed() < REDRAW)
        {
            return;
        }
        let line = render(done, self.total_bytes, self.started.elapsed());
        let mut stderr = std::io::stderr().lock();
        // A progress line that cannot be drawn is not worth stopping for.
        let _ = write!(stderr, "\r{line}\x1b[K").and_then(|()| stderr.flush());
        self.drawn_at = Some(Instant::now());
    }

    /// Erases the line (before notes or the summary are printed); the next update redraws it.
    pub fn clear(&mut self) {
        if self.drawn_at.take().is_some() {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
    }
}

/// The text of the progress line.
pub fn render(done: Done, total_bytes: Option<u64>, elapsed: Duration) -> String {
    let seconds = elapsed.as_secs_f64();
    let rate = if seconds > 0.0 {
        done.articles as f64 / seconds
    } else {
        0.0
    };
    let mut line = format!(
        "{} articles, {} events, {rate:.0} articles/s",
        done.articles, done.events
    );
    if let Some(total) = total_bytes.filter(|&t| t > 0) {
        let share = (done.bytes as f64 / total as f64).min(1.0);
        line.push_str(&format!(", {:.0}%", share * 100.0));
        if share > 0.0 {
            let left = seconds * (1.0 - share) / share;
            line.push_str(&format!(", {} left", clock(left)));
        }
    }
    line
}

/// `m:ss`, or `h:mm:ss` past an hour.
fn clock(seconds: f64) -> String {
    let s = seconds.round() as u64;
    match s / 3600 {
        0 => format!("{}:{:02}", s / 60, s % 60),
        h => format!("{h}:{:02}:{:02}", s / 60 % 60, s % 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_shows_counts_rate_share_and_time_left() {
        let done = Done {
            articles: 1000,
            events: 4200,
            bytes: 250,
        };
        let cases = [
            (
                Some(1000),
                "1000 articles, 4200 events, 500 articles/s, 25%, 0:06 left",
            ),
            (None, "1000 articles, 4200 events, 500 articles/s"),
            (Some(0), "1000 articles, 4200 events, 500 articles/s"),
        ];
        for (total, want) in cases {
            assert_eq!(render(done, total, Duration::from_secs(2)), want);
        }
    }

    #[test]
    fn nothing_read_yet_gives_no_estimate() {
        let line = render(Done::default(), Some(100), Duration::ZERO);
        assert_eq!(line, "0 articles, 0 events, 0 articles/s, 0%");
    }

    #[test]
    fn long_estimates_show_hours() {
        assert_eq!(clock(59.6), "1:00");
        assert_eq!(clock(3725.0), "1:02:05");
    }
}
