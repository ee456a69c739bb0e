//! The raw shapes of the dictionary files, as serde reads them. Unknown keys are errors, so a
//! misspelt key is reported rather than silently ignored.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::extract::cameo::ShiftTables;

/// `countries.toml`: states and territories.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountriesFile {
    /// One entry per state or territory.
    #[serde(default)]
    pub country: Vec<RawCountry>,
}

/// A state or territory.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCountry {
    /// ISO 3166-1 alpha-3 code.
    pub code: String,
    /// English short name.
    pub name: String,
    /// UN status: "member", "observer" or "territory".
    pub status: String,
    /// Territories: the administering state's code.
    #[serde(default)]
    pub sovereign: Option<String>,
    /// Names and short names ("United States", "U.S.").
    #[serde(default)]
    pub names: Vec<String>,
    /// Adjectives and demonyms ("American", "Americans").
    #[serde(default)]
    pub adjectives: Vec<String>,
    /// Capitals and seats of government used as metonyms ("Washington", "the White House").
    #[serde(default)]
    pub capitals: Vec<String>,
}

/// `organisations.toml`: international and regional organisations.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationsFile {
    /// One entry per organisation.
    #[serde(default)]
    pub organisation: Vec<RawOrganisation>,
}

/// An organisation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOrganisation {
    /// "IGO" + 3 letters.
    pub code: String,
    /// English name.
    pub name: String,
    /// Names and abbreviations.
    #[serde(default)]
    pub names: Vec<String>,
    /// Seats used as metonyms ("NATO headquarters").
    #[serde(default)]
    pub seats: Vec<String>,
}

/// `armed_groups.toml`: non-state armed groups.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArmedGroupsFile {
    /// One entry per group.
    #[serde(default)]
    pub group: Vec<RawArmedGroup>,
}

/// A non-state armed group.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArmedGroup {
    /// Home country + "REB", or "IMG" + 3 letters for a transnational group.
    pub code: String,
    /// English name.
    pub name: String,
    /// Home country (ISO alpha-3), or "" for a transnational group.
    pub country: String,
    /// Names and abbreviations.
    pub names: Vec<String>,
}

/// `domestic.toml`: named actors inside one state (parties, armed forces, police, unions).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomesticFile {
    /// One entry per actor.
    #[serde(default)]
    pub actor: Vec<RawDomestic>,
}

/// A domestic actor.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDomestic {
    /// Its country's code + an agent code other than "REB" ("ZWEOPP").
    pub code: String,
    /// English name.
    pub name: String,
    /// Names and abbreviations.
    pub names: Vec<String>,
}

/// `office_holders.toml`: named office holders and their terms.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoldersFile {
    /// One entry per person, office and term.
    #[serde(default)]
    pub holder: Vec<RawHolder>,
}

/// One person in one office for one term.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHolder {
    /// Full name.
    pub name: String,
    /// Other forms (surname, transliterations).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// ISO alpha-3, or "UNO" for UN secretaries-general.
    pub country: String,
    /// The office.
    pub role: String,
    /// CAMEO actor code.
    pub code: String,
    /// First day in office.
    pub start: NaiveDate,
    /// Last day in office; none while in office.
    #[serde(default)]
    pub end: Option<NaiveDate>,
}

/// `agents.toml`: words that qualify a state actor, and plural anaphors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentsFile {
    /// One entry per agent code.
    #[serde(default)]
    pub agent: Vec<RawAgent>,
    /// Phrases that refer back to the last compound actor ("the two countries").
    #[serde(default)]
    pub plural_anaphors: Vec<String>,
}

/// An agent code and its words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgent {
    /// Three upper-case letters ("GOV").
    pub code: String,
    /// Words and phrases, matched case-insensitively ("defence minister").
    pub words: Vec<String>,
}

/// `places.toml`: places other than capitals and countries, for event locations.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacesFile {
    /// One entry per country.
    #[serde(default)]
    pub place: Vec<RawPlace>,
    /// Phrases that contain an actor name but denote none ("Latin America", "South China Sea"
    /// is a place): matched and ignored.
    #[serde(default)]
    pub stop: Vec<String>,
}

/// The places of one country.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlace {
    /// ISO alpha-3 code.
    pub country: String,
    /// Place names, matched case-sensitively.
    pub names: Vec<String>,
}

/// `patterns.toml`: verb phrases and nominal triggers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternsFile {
    /// Irregular and consonant-doubling verb forms: lemma -> its other forms.
    #[serde(default)]
    pub verbs: BTreeMap<String, Vec<String>>,
    /// Words that negate a following trigger ("not", "never").
    #[serde(default)]
    pub negations: Vec<String>,
    /// Words that hedge a trigger ("may", "reportedly").
    #[serde(default)]
    pub hedges: Vec<String>,
    /// Words that report speech ("said", "told").
    #[serde(default)]
    pub reporting: Vec<String>,
    /// Markers that change the code of the trigger after them.
    #[serde(default)]
    pub marker: Vec<RawMarker>,
    /// Event triggers.
    #[serde(default)]
    pub event: Vec<RawEvent>,
}

/// A marker: intent, refusal, threat.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMarker {
    /// "intent", "refuse" or "threaten".
    pub kind: String,
    /// Code when no trigger follows.
    #[serde(default)]
    pub fallback: Option<String>,
    /// Whether a compound subject acts in both directions.
    #[serde(default)]
    pub reciprocal: bool,
    /// Phrases.
    pub phrases: Vec<String>,
}

/// Triggers of one CAMEO code.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// CAMEO code.
    pub code: String,
    /// Whether a compound subject acts in both directions ("A and B met").
    #[serde(default)]
    pub reciprocal: bool,
    /// Whether this is a bare statement ("said"), dropped when the sentence has other events.
    #[serde(default)]
    pub statement: bool,
    /// Whether the phrases code only for a compound subject acting reciprocally ("A and B
    /// met") or a compound after "between": bare "met" or "talks" with one actor say too little.
    #[serde(default)]
    pub compound_only: bool,
    /// Phrases.
    pub phrases: Vec<String>,
}

/// `cameo.toml`: the CAMEO event table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CameoFile {
    /// PLOVER category -> quad name.
    pub plover: BTreeMap<String, String>,
    /// Every code.
    pub code: Vec<RawCode>,
    /// What each marker shift makes of each code.
    pub shift: ShiftTables,
}

/// One CAMEO code.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCode {
    /// 2-4 digits.
    pub code: String,
    /// Name.
    pub name: String,
    /// First two digits.
    pub root: String,
    /// 1-4.
    pub quad_class: u8,
    /// Goldstein value.
    pub goldstein: f64,
    /// PLOVER category, if any.
    #[serde(default)]
    pub plover: Option<String>,
    /// Whether the code needs a target.
    pub target: TargetRule,
}

/// Whether an event code needs a target actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetRule {
    /// Only emitted with a target.
    Required,
    /// May stand alone.
    Optional,
}

/// `word_classes.toml`: the closed word lists the coder asks about, one table per class
/// ("locative", "future_cue" ...). Which names are classes is checked when the table is
/// compiled ([`crate::extract::word_classes::WordTable::new`]), so that an unknown or missing
/// class is named.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct WordClassesFile {
    /// Class name -> its words.
    pub classes: BTreeMap<String, RawWordList>,
}

/// The words of one class.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWordList {
    /// Lower-case single tokens ("in", "spokesman", ";").
    pub words: Vec<String>,
}
