//! Why the dictionaries could not be loaded: one error enum for the extraction layer.

/// Why the dictionaries could not be loaded, compiled or validated. Every variant names the file
/// and, where there is one, the entry, so a dictionary writer can fix it without reading code.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    /// A file could not be read.
    #[error("cannot read dictionary {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A file is not valid TOML or does not have the documented shape.
    #[error("dictionary {file} is malformed: {message}")]
    Parse {
        /// The file name.
        file: String,
        /// The parser's message (with line and column).
        message: String,
    },
    /// An entry breaks a rule of its file.
    #[error("dictionary {file}, entry {entry}: {reason}")]
    Invalid {
        /// The file name.
        file: String,
        /// The entry (its code or name).
        entry: String,
        /// What is wrong, and what would be right.
        reason: String,
    },
    /// The same text is claimed by two different actors.
    #[error(
        "dictionary text {text:?} is claimed by both {first} and {second}; keep it in one entry"
    )]
    Conflict {
        /// The contested text.
        text: String,
        /// The first claimant ("countries.toml JPN").
        first: String,
        /// The second claimant.
        second: String,
    },
    /// An automaton could not be built.
    #[error("cannot compile {what}: {message}")]
    Compile {
        /// Which automaton.
        what: String,
        /// The builder's message.
        message: String,
    },
}

impl DictionaryError {
    /// An [`DictionaryError::Invalid`] error.
    pub fn invalid(file: &str, entry: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::Invalid {
            file: file.to_owned(),
            entry: entry.into(),
            reason: reason.into(),
        }
    }
}
