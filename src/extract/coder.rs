//! The coder: compiled dictionaries and the per-article coding loop (sentences -> tokens ->
//! actors -> groups -> patterns -> roles -> dates, places, evidence).

use std::path::Path;

use chrono::NaiveDate;

use crate::model::{Article, CoderInfo, DiplomaticEvent, EventDate, Location};
use crate::settings::Valid;

use super::actors::{ActorCode, Lexicon, PlaceMention};
use super::cameo::{CameoTable, Shift};
use super::confidence::{ConfidenceModel, Features};
use super::dates::{self, DateMention, Tense};
use super::dictionaries::Dictionaries;
use super::dictionary::Sources;
use super::evidence;
use super::groups::{self, Group};
use super::implied::{self, Setting};
use super::located::{
    located_target, location, place_country, third_location, transnational_country,
};
use super::patterns::{Match, Patterns};
use super::quad_model::QuadModel;
use super::roles::{self, Coded};
use super::sentence::Sentence;
use super::sentence_rules;
use super::sentences;
use super::tokens::Tokens;
use super::word_classes::{WordClass, WordTable};
use super::{DictionaryError, ExtractConfig};

/// The compiled coder: built once, shared read-only across threads.
#[derive(Debug, Clone)]
pub struct Coder {
    lexicon: Lexicon,
    /// The patterns, the CAMEO table and the versions, read beside each sentence.
    dict: Dictionaries,
    confidence: ConfidenceModel,
    /// Guesses the class of sentences the rules leave uncoded.
    quad: &'static QuadModel,
    config: ExtractConfig,
}

impl Coder {
    /// The coder with the built-in dictionaries and default settings.
    pub fn embedded() -> Result<Self, DictionaryError> {
        Self::build(Sources::embedded(), ExtractConfig::default())
    }

    /// The coder with dictionaries from `dir` and default settings.
    pub fn from_dir(dir: &Path) -> Result<Self, DictionaryError> {
        Self::build(Sources::from_dir(dir)?, ExtractConfig::default())
    }

    /// The coder the config asks for.
    pub fn from_config(config: &Valid<ExtractConfig>) -> Result<Self, DictionaryError> {
        let sources = match &config.dictionaries {
            None => Sources::embedded(),
            Some(dir) => Sources::from_dir(dir)?,
        };
        Self::build(sources, (**config).clone())
    }

    fn build(sources: Sources, config: ExtractConfig) -> Result<Self, DictionaryError> {
        let parsed = sources.parse()?;
        let word_classes = WordTable::new(&parsed.word_classes)?;
        let cameo = CameoTable::new(&parsed.cameo)?;
        let patterns = Patterns::new(&parsed.patterns, &cameo)?;
        let lexicon = Lexicon::new(&parsed)?;
        let confidence = ConfidenceModel::new(&parsed.confidence)?;
        let quad = QuadModel::embedded()?;
        let info = CoderInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            dictionary_version: sources.version(),
        };
        Ok(Self {
            lexicon,
            dict: Dictionaries {
                patterns,
                cameo,
                word_classes,
                info,
            },
            confidence,
            quad,
            config,
        })
    }

    /// Content hash of the dictionaries.
    pub fn dictionary_version(&self) -> &str {
        &self.dict.info.dictionary_version
    }

    /// Number of compiled pattern phrases and the distinct event codes they produce.
    pub fn pattern_stats(&self) -> (usize, usize) {
        (self.dict.patterns.len(), self.dict.patterns.codes().len())
    }

    /// Codes every event of an article. Identical events (same date, source, target and code)
    /// are emitted once, from the first sentence that reports them.
    pub fn code(&self, article: &Article) -> Vec<DiplomaticEvent> {
        let mut out = Vec::new();
        self.code_into(article, &mut out, None);
        out
    }

    /// [`Coder::code`], with the features each event's confidence was computed from (to train
    /// and check the confidence model).
    pub fn code_with_features(&self, article: &Article) -> Vec<(DiplomaticEvent, Features)> {
        let mut out = Vec::new();
        let mut features = Vec::new();
        self.code_into(article, &mut out, Some(&mut features));
        out.into_iter().zip(features).collect()
    }

    /// Appends the article's events to `out`, and their features to `features` if asked.
    fn code_into(
        &self,
        article: &Article,
        out: &mut Vec<DiplomaticEvent>,
        mut features: Option<&mut Vec<Features>>,
    ) {
        let published = article.published_at.map(|d| d.date_naive());
        let mut previous: Option<Group> = None;
        // The country the article is about: its dateline's, else the first place or state
        // named from the first sentence coded on ("Gunmen killed five villagers. ... in
        // Zamfara state": the gunmen are Nigerian). Looked for once: a search that found
        // nothing would find nothing later either. That sentence is recognized again only when
        // the country came from a later one.
        let mut context = article
            .dateline
            .as_deref()
            .and_then(|d| self.lexicon.country_named(d));
        let mut looked_ahead = context.is_some();
        let spans = sentences::split(&article.body);
        for (index, &span) in spans.iter().enumerate() {
            if span.end - span.start > self.config.max_sentence_bytes {
                continue;
            }
            let tokens = self.dict.tokens(&article.body, span);
            // Most news sentences have no trigger word at all: they need no actors either.
            // (A compound actor named only in such a sentence is not remembered for anaphora.)
            let words = self.dict.patterns.words(&tokens);
            if !self.dict.patterns.any_anchor(&words) {
                continue;
            }
            let mut recognized = self.lexicon.recognize(&tokens, published, context);
            if !looked_ahead {
                looked_ahead = true;
                context = match recognized.country() {
                    Some(country) => Some(country),
                    None => self.country_from(article, &spans[index + 1..], published),
                };
                if context.is_some() && recognized.country().is_none() {
                    recognized = self.lexicon.recognize(&tokens, published, context);
                }
            }
            // The sentence's own country, read before grouping moves the actors out of their
            // mentions.
            let named_country = recognized.country();
            let mut groups = groups::build(&tokens, &mut recognized.mentions, previous.as_ref());
            // A sentence without actors may still report a protest or a strike (its actors
            // implied).
            let setting = Setting {
                country: named_country.or(context),
                placed: recognized.places.iter().any(|p| p.country.is_some()),
            };
            let country = setting.country;
            let sentence = Sentence::new(article, span, index, &tokens, &words, &groups);
            let (mut coded, matches) = self.code_sentence(&sentence, setting);
            // What the rules left uncoded, the model guesses at: no rule's trigger matched, or
            // one matched and its roles found no actors (the model stays silent where the
            // event may not have happened: a negation, a condition, a future).
            let mut guessed = None;
            if coded.is_empty() {
                if let Some((c, confidence)) =
                    self.quad
                        .guess(&tokens, sentence.text(), sentence.groups, &matches)
                {
                    coded.push(c);
                    guessed = Some(confidence);
                }
            }
            if !coded.is_empty() {
                for c in &mut coded {
                    transnational_country(c, country);
                }
                self.emit(
                    &sentence,
                    coded,
                    &recognized.places,
                    guessed,
                    out,
                    &mut features,
                );
            }
            // The sentence's groups are done with (its view is): the compound is moved, not
            // copied.
            if let Some(i) = groups::compound_for_anaphora(&groups) {
                previous = Some(groups.swap_remove(i));
            }
        }
    }

    /// The country of the first of `spans` that names a place or a state, if any.
    fn country_from(
        &self,
        article: &Article,
        spans: &[sentences::SentenceSpan],
        published: Option<NaiveDate>,
    ) -> Option<ActorCode> {
        spans
            .iter()
            .filter(|span| span.end - span.start <= self.config.max_sentence_bytes)
            .find_map(|span| {
                let tokens = self.dict.tokens(&article.body, *span);
                let recognized = self.lexicon.recognize(&tokens, published, None);
                recognized.country()
            })
    }

    /// Dates and places the events of one sentence and appends those that are new to the
    /// article and confident enough to `out`. A guessed event (the sentence's only one) comes
    /// with its confidence.
    fn emit(
        &self,
        sentence: &Sentence<'_>,
        coded: Vec<Coded>,
        places: &[PlaceMention],
        guessed: Option<f64>,
        out: &mut Vec<DiplomaticEvent>,
        features: &mut Option<&mut Vec<Features>>,
    ) {
        let published = sentence.article.published_at.map(|d| d.date_naive());
        let body = &sentence.article.body;
        let dated = self.dates_and_places(body, sentence.tokens, &coded, places, published);
        for (mut c, (date, mut location, place)) in coded.into_iter().zip(dated) {
            if let Some(p) = place {
                located_target(&mut c, &places[p]);
            }
            place_country(&c, location.as_mut());
            third_location(&mut c, location.as_ref());
            if out.iter().any(|e| is_same_event(e, &date, &c)) {
                continue;
            }
            // The confidence is known before the event is built: weak events cost nothing.
            let x = Features::of(&c, &self.dict.cameo);
            let confidence = guessed.unwrap_or_else(|| self.confidence.predict(&x));
            if confidence < self.config.min_confidence {
                continue;
            }
            if let Some(event) =
                evidence::build(sentence, &self.dict, c, date, location, confidence)
            {
                out.push(event);
                if let Some(f) = features.as_mut() {
                    f.push(x);
                }
            }
        }
    }

    /// The events of one sentence, before dates and places, and the triggers that matched.
    fn code_sentence(&self, sentence: &Sentence<'_>, setting: Setting) -> (Vec<Coded>, Vec<Match>) {
        let matches = self.dict.patterns.find(sentence);
        let implied = implied::with_implied(sentence.groups, &matches, setting);
        let implied_view = implied.as_deref().map(|g| sentence.with_groups(g));
        let sentence = implied_view.as_ref().unwrap_or(sentence);
        if sentence.groups.is_empty() {
            return (Vec::new(), matches);
        }
        let mut coded = roles::assign(sentence, &self.dict, &matches);
        sentence_rules::apply(sentence.tokens, &mut coded);
        (coded, matches)
    }

    /// Each event's date and place: the expression nearest its trigger (and not nearer another
    /// trigger), else the article date and no place. A meeting in a third country is 044.
    fn dates_and_places(
        &self,
        body: &str,
        tokens: &Tokens,
        coded: &[Coded],
        places: &[PlaceMention],
        published: Option<NaiveDate>,
    ) -> Vec<(EventDate, Option<Location>, Option<usize>)> {
        let mut triggers: Vec<(usize, usize)> = coded.iter().map(|c| c.trigger).collect();
        triggers.dedup();
        let past = dates::find(tokens, published, Tense::Past);
        let spans = |mentions: &[DateMention]| -> Vec<(usize, usize)> {
            mentions.iter().map(|d| (d.first, d.last)).collect()
        };
        let past_of = nearest(&triggers, spans(&past).into_iter(), usize::MAX);
        // Intentions ("will meet on Monday") are dated forward; most sentences have none.
        let future = if coded.iter().any(|c| is_future(tokens, c)) {
            dates::find(tokens, published, Tense::Future)
        } else {
            Vec::new()
        };
        let future_of = nearest(&triggers, spans(&future).into_iter(), usize::MAX);
        let place_spans = places.iter().map(|p| (p.first, p.last));
        let place_of = nearest(&triggers, place_spans, MAX_PLACE_DISTANCE);
        coded
            .iter()
            .map(|c| {
                let t = triggers.iter().position(|t| *t == c.trigger).unwrap_or(0);
                let (mentions, date_of) = if is_future(tokens, c) {
                    (&future, &future_of)
                } else {
                    (&past, &past_of)
                };
                let date = date_of[t]
                    .map_or_else(|| dates::article_date(published), |(d, _)| mentions[d].date);
                let place = place_of[t].map(|(p, _)| p);
                let location = place.map(|p| location(body, tokens, &places[p]));
                (date, location, place)
            })
            .collect()
    }
}

/// Whether `event`, already emitted, is the coded event `c` on `date`: the same date, source,
/// target and code make two events of an article identical.
fn is_same_event(event: &DiplomaticEvent, date: &EventDate, c: &Coded) -> bool {
    let target = event.target.as_ref().map(|t| t.code.as_str());
    event.date.event_date == date.event_date
        && c.source.actor.code == event.source.code.as_str()
        && target == c.target.as_ref().map(|t| t.actor.code.as_str())
        && event.cameo.code == c.code.as_str()
}

/// Whether the event is an intention about the future ("will meet", "plans to visit", "is set
/// to sign"): its dates lie ahead. A commitment made ("agreed in April to reopen the border") is
/// dated when it was made.
fn is_future(tokens: &Tokens, c: &Coded) -> bool {
    let first = c.trigger.0;
    c.shift == Some(Shift::Intent)
        && (first..first + 2).any(|k| tokens.is_a(k, WordClass::FutureCue))
}

/// How far (in tokens) a place may be from the trigger it locates: a sentence often names
/// other places ("a radar system in Japan") far from its event.
const MAX_PLACE_DISTANCE: usize = 10;

/// For each trigger, the item closest to it among those closer to it than to any other trigger
/// and at most `max` tokens away: the item's index and its distance.
fn nearest(
    triggers: &[(usize, usize)],
    items: impl Iterator<Item = (usize, usize)>,
    max: usize,
) -> Vec<Option<(usize, usize)>> {
    let distance = |a: (usize, usize), b: (usize, usize)| {
        if a.0 < b.1 && b.0 < a.1 {
            0
        } else if a.1 <= b.0 {
            b.0 - a.1
        } else {
            a.0 - b.1
        }
    };
    let mut best: Vec<Option<(usize, usize)>> = vec![None; triggers.len()];
    for (j, item) in items.enumerate() {
        let Some((i, d)) = triggers
            .iter()
            .enumerate()
            .map(|(i, t)| (i, distance(*t, item)))
            .min_by_key(|(_, d)| *d)
        else {
            continue;
        };
        if d <= max && best[i].is_none_or_farther(d) {
            best[i] = Some((j, d));
        }
    }
    best
}

trait Farther {
    fn is_none_or_farther(&self, d: usize) -> bool;
}

impl Farther for Option<(usize, usize)> {
    fn is_none_or_farther(&self, d: usize) -> bool {
        !matches!(self, Some((_, old)) if *old <= d)
    }
}
