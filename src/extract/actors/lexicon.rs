//! The actor lexicon: every name, adjective, capital, organisation, armed group, domestic actor,
//! office holder, place and agent word, validated and compiled into two leftmost-longest
//! automata (names case-sensitive, agent words case-insensitive).

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use chrono::NaiveDate;

use super::code::ActorCode;
use crate::extract::dictionary::{Parsed, PlacesFile};
use crate::extract::tokens::normalize_phrase;
use crate::extract::DictionaryError;

/// What a name denotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameKind {
    /// A state or territory by name ("Japan").
    Country,
    /// A state by adjective or demonym ("Japanese").
    Adjective,
    /// A capital or seat of government ("Tokyo"): the government, or a place.
    Capital,
    /// An international organisation ("NATO").
    Organisation,
    /// A non-state armed group ("al-Shabaab"): acts like an organisation, with a home country
    /// in its code unless it is transnational.
    ArmedGroup,
    /// A named actor inside one state ("ZANU-PF", "FARDC"): acts like an organisation, with its
    /// country in its code.
    Domestic,
    /// Office holders sharing this name form (indices into [`Lexicon::holders`]).
    Holders(Vec<usize>),
    /// A place that is not an actor ("Geneva").
    Place,
    /// A phrase that contains an actor name but denotes none ("Latin America").
    Stop,
}

/// One name form.
#[derive(Debug, Clone)]
pub struct NameValue {
    /// What it denotes.
    pub kind: NameKind,
    /// Country (ISO alpha-3) or organisation code; for holders, the first holder's code; none
    /// for a stop phrase or a place of no known country.
    pub code: Option<ActorCode>,
}

/// An office holder's term.
#[derive(Debug, Clone)]
pub struct Holder {
    /// Full name.
    pub name: String,
    /// Actor code (JPNGOV, RUSMIL, IGOUNO).
    pub code: ActorCode,
    /// First day.
    pub start: NaiveDate,
    /// Last day, if the term has ended.
    pub end: Option<NaiveDate>,
}

impl Holder {
    /// Whether the holder was in office on `date`.
    pub fn in_office(&self, date: NaiveDate) -> bool {
        self.start <= date && !matches!(self.end, Some(end) if date > end)
    }
}

/// What an agent phrase denotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentKind {
    /// An agent code ("MIL").
    Agent(ActorCode),
    /// A plural anaphor ("the two countries").
    Anaphor,
}

/// The compiled actor lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Case-sensitive automaton over joined sentence text.
    pub names: AhoCorasick,
    /// Values of `names` patterns, by pattern id.
    pub name_values: Vec<NameValue>,
    /// Case-insensitive automaton of agent words and anaphors.
    pub agents: AhoCorasick,
    /// Values of `agents` patterns, by pattern id.
    pub agent_values: Vec<AgentKind>,
    /// Office holders.
    pub holders: Vec<Holder>,
}

/// Collects name forms and reports a form claimed by two different actors.
#[derive(Default)]
struct NameTable {
    index: HashMap<String, usize>,
    forms: Vec<String>,
    values: Vec<NameValue>,
    claimants: Vec<String>,
}

impl NameTable {
    fn add(
        &mut self,
        form: &str,
        value: NameValue,
        claimant: String,
    ) -> Result<(), DictionaryError> {
        let key = normalize_phrase(form);
        if key.is_empty() {
            return Err(DictionaryError::Conflict {
                text: form.into(),
                first: claimant,
                second: "nothing (the form is empty)".into(),
            });
        }
        if let Some(&i) = self.index.get(&key) {
            return self.merge(i, &key, value, claimant);
        }
        self.index.insert(key.clone(), self.forms.len());
        self.forms.push(key);
        self.values.push(value);
        self.claimants.push(claimant);
        Ok(())
    }

    fn merge(
        &mut self,
        i: usize,
        key: &str,
        value: NameValue,
        claimant: String,
    ) -> Result<(), DictionaryError> {
        let old = &mut self.values[i];
        match (&mut old.kind, &value.kind) {
            (NameKind::Holders(list), NameKind::Holders(new)) => {
                list.extend(new);
                Ok(())
            }
            (a, b) if old.code == value.code && (*a == *b || *b == NameKind::Place) => Ok(()),
            (NameKind::Place, _) if old.code == value.code => {
                *old = value;
                Ok(())
            }
            _ => Err(DictionaryError::Conflict {
                text: key.into(),
                first: self.claimants[i].clone(),
                second: claimant,
            }),
        }
    }
}

impl Lexicon {
    /// Validates and compiles the actor dictionaries.
    pub fn new(parsed: &Parsed) -> Result<Self, DictionaryError> {
        let mut table = NameTable::default();
        let countries = super::validate::countries(parsed, &mut |form, kind, code, who| {
            table.add(
                form,
                NameValue {
                    kind,
                    code: Some(code),
                },
                who,
            )
        })?;
        super::validate::organisations(parsed, &mut |form, code, who| {
            table.add(
                form,
                NameValue {
                    kind: NameKind::Organisation,
                    code: Some(code),
                },
                who,
            )
        })?;
        let holders = super::validate::holders(parsed, &countries)?;
        for (i, h) in parsed.holders.holder.iter().enumerate() {
            for form in std::iter::once(&h.name).chain(&h.aliases) {
                let value = NameValue {
                    kind: NameKind::Holders(vec![i]),
                    code: Some(holders[i].code),
                };
                table.add(form, value, format!("office_holders.toml {}", h.name))?;
            }
        }
        super::validate::holder_overlaps(&table.values, &holders)?;
        super::validate::armed_groups(parsed, &countries, &mut |form, code, who| {
            table.add(
                form,
                NameValue {
                    kind: NameKind::ArmedGroup,
                    code: Some(code),
                },
                who,
            )
        })?;
        super::validate::domestic(parsed, &countries, &mut |form, code, who| {
            table.add(
                form,
                NameValue {
                    kind: NameKind::Domestic,
                    code: Some(code),
                },
                who,
            )
        })?;
        add_places(&mut table, &parsed.places, "places.toml", &countries)?;
        add_places(&mut table, &parsed.gazetteer, "gazetteer.toml", &countries)?;
        for stop in &parsed.places.stop {
            table.add(
                stop,
                NameValue {
                    kind: NameKind::Stop,
                    code: None,
                },
                "places.toml stop".into(),
            )?;
        }
        let (agent_forms, agent_values) = super::validate::agents(parsed)?;
        Ok(Self {
            names: build(&table.forms, false, "actor names")?,
            name_values: table.values,
            agents: build(&agent_forms, true, "agent words")?,
            agent_values,
            holders,
        })
    }
}

/// Adds the places of `file` (places.toml, or the generated gazetteer.toml) as place names.
fn add_places(
    table: &mut NameTable,
    places: &PlacesFile,
    file: &str,
    countries: &HashSet<ActorCode>,
) -> Result<(), DictionaryError> {
    for p in &places.place {
        let country = (!p.country.is_empty())
            .then(|| ActorCode::parse(&p.country))
            .transpose()
            .map_err(|e| DictionaryError::invalid(file, &p.country, e.to_string()))?;
        if country.is_some_and(|c| !countries.contains(&c)) {
            return Err(DictionaryError::invalid(
                file,
                &p.country,
                "unknown country code",
            ));
        }
        for name in &p.names {
            let value = NameValue {
                kind: NameKind::Place,
                code: country,
            };
            table.add(name, value, format!("{file} {}", p.country))?;
        }
    }
    Ok(())
}

/// Above this many forms a DFA costs more memory and start-up time than it saves in search
/// (the gazetteer's tens of thousands of names made a DFA of about 250 MB).
const MAX_DFA_FORMS: usize = 5_000;

fn build(forms: &[String], ignore_case: bool, what: &str) -> Result<AhoCorasick, DictionaryError> {
    // A DFA for small sets: built once at start-up, it is the fastest to search (sentences are
    // short, so search start-up cost dominates and the DFA has the least of it). A contiguous
    // NFA for large ones: compact, and still one pass over the sentence.
    let kind = if forms.len() <= MAX_DFA_FORMS {
        AhoCorasickKind::DFA
    } else {
        AhoCorasickKind::ContiguousNFA
    };
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(kind))
        .ascii_case_insensitive(ignore_case)
        .build(forms)
        .map_err(|e| DictionaryError::Compile {
            what: what.into(),
            message: e.to_string(),
        })
}
