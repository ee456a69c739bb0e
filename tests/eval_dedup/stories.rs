//! Synthetic stories: a cast of actors and a topic, written out from the templates.

use crate::rng::Rng;
use crate::vocab::{
    CITIES, COUNTRIES, DAYS, FIRST, GENERIC, ISSUES, LAST, MONTHS, ORGS, QUOTE, SAID, TITLES,
    TOPICS,
};

/// An official: title, given name, family name.
#[derive(Clone, Debug)]
pub struct Person {
    title: &'static str,
    first: &'static str,
    last: &'static str,
}

/// Who and what a story is about. Two stories with the same cast share names and places.
#[derive(Clone, Debug)]
pub struct Cast {
    topic: usize,
    a: (&'static str, &'static str),
    b: (&'static str, &'static str),
    p: Person,
    q: Person,
    city: &'static str,
    org: &'static str,
    issue: &'static str,
}

/// A written story.
#[derive(Clone, Debug)]
pub struct Story {
    /// Its cast.
    pub cast: Cast,
    /// Headline.
    pub title: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
}

impl Story {
    /// The body as the normalizer would give it.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

fn person(rng: &mut Rng) -> Person {
    Person {
        title: rng.pick(TITLES),
        first: rng.pick(FIRST),
        last: rng.pick(LAST),
    }
}

impl Cast {
    /// A random cast.
    pub fn random(rng: &mut Rng) -> Self {
        let a = rng.pick(COUNTRIES);
        let mut b = rng.pick(COUNTRIES);
        while b == a {
            b = rng.pick(COUNTRIES);
        }
        Self {
            topic: rng.below(TOPICS.len()),
            a,
            b,
            p: person(rng),
            q: person(rng),
            city: rng.pick(CITIES),
            org: rng.pick(ORGS),
            issue: rng.pick(ISSUES),
        }
    }

    /// The same cast on another (random) topic.
    pub fn with_random_topic(&self, rng: &mut Rng) -> Self {
        Self {
            topic: rng.below(TOPICS.len()),
            ..self.clone()
        }
    }

    /// Fills a template's placeholders, drawing the free ones ({N}, {D}, ...) at random.
    pub fn fill(&self, template: &str, rng: &mut Rng) -> String {
        let mut out = String::with_capacity(template.len() + 40);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            out.push_str(&self.placeholder(&rest[open + 1..open + close], rng));
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        capitalize(&out)
    }

    fn placeholder(&self, name: &str, rng: &mut Rng) -> String {
        let official = |p: &Person| format!("{} {} {}", p.title, p.first, p.last);
        match name {
            "A" => self.a.0.to_owned(),
            "B" => self.b.0.to_owned(),
            "Ad" => self.a.1.to_owned(),
            "Bd" => self.b.1.to_owned(),
            "P" => official(&self.p),
            "Q" => official(&self.q),
            "Pn" => self.p.last.to_owned(),
            "Qn" => self.q.last.to_owned(),
            "C" => self.city.to_owned(),
            "O" => self.org.to_owned(),
            "T" => self.issue.to_owned(),
            "N" => rng.range(2, 480).to_string(),
            "D" => rng.pick(DAYS).to_owned(),
            "M" => rng.pick(MONTHS).to_owned(),
            "S" => rng.pick(SAID).to_owned(),
            "X" => QUOTE
                .iter()
                .map(|part| rng.pick(part))
                .collect::<Vec<_>>()
                .join(" "),
            other => other.to_owned(),
        }
    }

    /// A headline.
    pub fn headline(&self, rng: &mut Rng) -> String {
        let (topic, _) = TOPICS[self.topic];
        let forms = [
            format!(
                "{} and {} in new {} over {}",
                self.a.0, self.b.0, topic, self.issue
            ),
            format!(
                "{} {} {} as row over {} deepens",
                self.a.1, topic, self.b.0, self.issue
            ),
            format!(
                "{} says {} on {} must continue",
                self.p.last, topic, self.issue
            ),
        ];
        capitalize(&forms[rng.below(forms.len())])
    }

    /// A new story of `paragraphs` paragraphs for this cast.
    pub fn write(&self, rng: &mut Rng, paragraphs: usize) -> Story {
        let (_, own) = TOPICS[self.topic];
        let mut pool: Vec<&str> = own.iter().chain(GENERIC).copied().collect();
        shuffle(&mut pool, rng);
        // The lead sentence of the topic opens the story, as wire copy does.
        let mut sentences = vec![own[0]];
        sentences.extend(pool.into_iter().filter(|t| *t != own[0]));
        let mut sentences = sentences.into_iter().cycle();
        let paragraphs = (0..paragraphs)
            .map(|_| {
                let n = rng.range(1, 3);
                let parts: Vec<String> = (&mut sentences)
                    .take(n)
                    .map(|t| self.fill(t, rng))
                    .collect();
                parts.join(" ")
            })
            .collect();
        Story {
            cast: self.clone(),
            title: self.headline(rng),
            paragraphs,
        }
    }
}

/// Fisher-Yates.
pub fn shuffle<T>(items: &mut [T], rng: &mut Rng) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i + 1);
        items.swap(i, j);
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
