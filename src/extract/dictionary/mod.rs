//! Dictionary files: reading them (from the binary or a directory), hashing them into the
//! dictionary version, and parsing them into their raw, validated-later shapes.

mod files;

use std::path::Path;

use serde::de::DeserializeOwned;
use xxhash_rust::xxh3::xxh3_128;

use files::{AgentsFile, ArmedGroupsFile, CountriesFile, HoldersFile, OrganisationsFile};
pub use files::{
    CameoFile, DomesticFile, PatternsFile, PlacesFile, RawCountry, RawDomestic, TargetRule,
    WordClassesFile,
};

use super::confidence::ConfidenceFile;
use super::DictionaryError;

/// The dictionary files, by name, in the order they are hashed.
pub const FILE_NAMES: [&str; 12] = [
    "countries.toml",
    "organisations.toml",
    "office_holders.toml",
    "agents.toml",
    "places.toml",
    "patterns.toml",
    "cameo.toml",
    "armed_groups.toml",
    "gazetteer.toml",
    "confidence.toml",
    "domestic.toml",
    "word_classes.toml",
];

/// The built-in dictionaries, in [`FILE_NAMES`] order.
const EMBEDDED: [&str; 12] = [
    include_str!("../../../config/dictionaries/countries.toml"),
    include_str!("../../../config/dictionaries/organisations.toml"),
    include_str!("../../../config/dictionaries/office_holders.toml"),
    include_str!("../../../config/dictionaries/agents.toml"),
    include_str!("../../../config/dictionaries/places.toml"),
    include_str!("../../../config/dictionaries/patterns.toml"),
    include_str!("../../../config/dictionaries/cameo.toml"),
    include_str!("../../../config/dictionaries/armed_groups.toml"),
    include_str!("../../../config/dictionaries/gazetteer.toml"),
    include_str!("../../../config/dictionaries/confidence.toml"),
    include_str!("../../../config/dictionaries/domestic.toml"),
    include_str!("../../../config/dictionaries/word_classes.toml"),
];

/// The text of every dictionary file.
#[derive(Debug, Clone)]
pub struct Sources {
    texts: Vec<String>,
}

/// Every dictionary file parsed.
#[derive(Debug)]
pub struct Parsed {
    /// `countries.toml`.
    pub countries: CountriesFile,
    /// `organisations.toml`.
    pub organisations: OrganisationsFile,
    /// `office_holders.toml`.
    pub holders: HoldersFile,
    /// `agents.toml`.
    pub agents: AgentsFile,
    /// `places.toml`.
    pub places: PlacesFile,
    /// `patterns.toml`.
    pub patterns: PatternsFile,
    /// `cameo.toml`.
    pub cameo: CameoFile,
    /// `armed_groups.toml`.
    pub armed_groups: ArmedGroupsFile,
    /// `gazetteer.toml`: cities and regions generated from GeoNames, in the shape of
    /// `places.toml`.
    pub gazetteer: PlacesFile,
    /// `confidence.toml`: the weights of the confidence model.
    pub confidence: ConfidenceFile,
    /// `domestic.toml`: named actors inside one state (parties, armed forces, police, unions).
    pub domestic: DomesticFile,
    /// `word_classes.toml`: the closed word lists (prepositions, forms of "be", counts ...).
    pub word_classes: WordClassesFile,
}

impl Sources {
    /// The dictionaries built into the binary.
    pub fn embedded() -> Self {
        Self {
            texts: EMBEDDED.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    /// The dictionaries in `dir`; every file of [`FILE_NAMES`] must be there.
    pub fn from_dir(dir: &Path) -> Result<Self, DictionaryError> {
        let texts = FILE_NAMES
            .iter()
            .map(|name| {
                let path = dir.join(name);
                std::fs::read_to_string(&path).map_err(|source| DictionaryError::Io {
                    path: path.display().to_string(),
                    source,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { texts })
    }

    /// A content hash of all files: 16 hex digits, stable across platforms.
    pub fn version(&self) -> String {
        let mut material = String::new();
        for (name, text) in FILE_NAMES.iter().zip(&self.texts) {
            material.push_str(name);
            material.push('\u{1f}');
            material.push_str(text);
            material.push('\u{1e}');
        }
        format!("{:016x}", xxh3_128(material.as_bytes()) as u64)
    }

    /// Parses every file.
    pub fn parse(&self) -> Result<Parsed, DictionaryError> {
        Ok(Parsed {
            countries: parse_file(&self.texts[0], FILE_NAMES[0])?,
            organisations: parse_file(&self.texts[1], FILE_NAMES[1])?,
            holders: parse_file(&self.texts[2], FILE_NAMES[2])?,
            agents: parse_file(&self.texts[3], FILE_NAMES[3])?,
            places: parse_file(&self.texts[4], FILE_NAMES[4])?,
            patterns: parse_file(&self.texts[5], FILE_NAMES[5])?,
            cameo: parse_file(&self.texts[6], FILE_NAMES[6])?,
            armed_groups: parse_file(&self.texts[7], FILE_NAMES[7])?,
            gazetteer: parse_file(&self.texts[8], FILE_NAMES[8])?,
            confidence: parse_file(&self.texts[9], FILE_NAMES[9])?,
            domestic: parse_file(&self.texts[10], FILE_NAMES[10])?,
            word_classes: parse_file(&self.texts[11], FILE_NAMES[11])?,
        })
    }
}

/// The built-in `word_classes.toml` alone, parsed: tokenizing outside a coder needs it, and
/// not the other files.
pub fn embedded_word_classes() -> Result<WordClassesFile, DictionaryError> {
    parse_word_classes(EMBEDDED[11])
}

/// `text` parsed as `word_classes.toml`.
pub fn parse_word_classes(text: &str) -> Result<WordClassesFile, DictionaryError> {
    parse_file(text, FILE_NAMES[11])
}

fn parse_file<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, DictionaryError> {
    toml::from_str(text).map_err(|e| DictionaryError::Parse {
        file: file.to_owned(),
        message: e.to_string().trim_end().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_parse_and_hash_stably() {
        let sources = Sources::embedded();
        assert!(sources.parse().is_ok());
        assert_eq!(sources.version(), Sources::embedded().version());
        assert_eq!(sources.version().len(), 16);
    }

    #[test]
    fn a_missing_directory_names_the_file() {
        let err = Sources::from_dir(Path::new("/nonexistent/dicts")).unwrap_err();
        assert!(err.to_string().contains("countries.toml"), "{err}");
    }

    #[test]
    fn malformed_toml_names_the_file() {
        let err =
            parse_file::<CountriesFile>("[[country]]\ncode = 3", "countries.toml").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("dictionary countries.toml is malformed"),
            "{err}"
        );
    }
}
