//! The word lists' file: what it must hold, and what each rejection names.

use super::*;
use crate::extract::dictionary::{embedded_word_classes, parse_word_classes};

const BUILTIN: &str = include_str!("../../../config/dictionaries/word_classes.toml");

/// The built-in file with the table of `class` replaced by `table` (removed if it is empty).
fn edited(class: &str, table: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in BUILTIN.lines() {
        if line.starts_with('[') {
            skipping = line == format!("[{class}]");
            if skipping {
                out.push_str(table);
            }
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The table compiled from `text`, or the error that refused it.
fn compiled(text: &str) -> Result<WordTable, String> {
    parse_word_classes(text)
        .and_then(|file| WordTable::new(&file))
        .map_err(|e| e.to_string())
}

/// The error that refuses `text`.
fn refusal(text: &str) -> String {
    compiled(text).expect_err("the edited file must be refused")
}

#[test]
fn the_built_in_lists_compile_with_every_class() {
    let file = embedded_word_classes().expect("the built-in file parses");
    let table = WordTable::new(&file).expect("the built-in lists are valid");
    for (class, name) in WordClass::NAMED {
        let words = &file.classes[name].words;
        assert!(!words.is_empty(), "{name} has words");
        for word in words {
            assert!(table.classes(word).contains(class), "{word:?} {class:?}");
            let upper = word.to_ascii_uppercase();
            assert!(table.classes(&upper).contains(class), "{upper:?}");
        }
    }
}

#[test]
fn a_word_may_be_in_several_classes_and_other_words_are_in_none() {
    let table = WordTable::builtin();
    let of_in = table.classes("in");
    for class in [
        WordClass::Locative,
        WordClass::Preposition,
        WordClass::MonthCue,
    ] {
        assert!(of_in.contains(class), "{class:?}");
    }
    assert!(!of_in.contains(WordClass::Force));
    for word in [
        "",
        "inn",
        "i",
        "Moscow",
        "\0",
        "in\0",
        "throughoutthroughout",
    ] {
        assert_eq!(table.classes(word), WordClasses::default(), "{word:?}");
    }
}

#[test]
fn tokens_take_their_classes_from_the_table_they_are_cut_with() {
    let text = "Troops were deployed.";
    let builtin = Tokens::with_classes(text, 0, WordTable::builtin());
    assert!(builtin.is_a(0, WordClass::Force) && builtin.is_a(1, WordClass::Be));
    let own = compiled(&edited("force", "[force]\nwords = [\"deployed\"]\n")).expect("valid");
    let tokens = Tokens::with_classes(text, 0, &own);
    assert!(
        !tokens.is_a(0, WordClass::Force),
        "troops are no longer listed"
    );
    assert!(tokens.is_a(2, WordClass::Force), "deployed is");
    assert!(tokens.is_a(1, WordClass::Be), "the other classes are kept");
}

#[test]
fn an_empty_class_is_allowed() {
    let table = compiled(&edited("count", "[count]\nwords = []\n")).expect("valid");
    assert!(!table.classes("dozens").contains(WordClass::Count));
}

#[test]
fn a_class_the_coder_does_not_ask_about_is_refused_naming_it() {
    let err = refusal(&format!("{BUILTIN}\n[adverbs]\nwords = [\"soon\"]\n"));
    assert!(
        err.starts_with("dictionary word_classes.toml, entry [adverbs]: no such word class"),
        "{err}"
    );
    assert!(
        err.contains("locative, preposition,"),
        "lists the classes: {err}"
    );
}

#[test]
fn a_missing_class_is_refused_naming_it() {
    let err = refusal(&edited("subordinator", ""));
    assert!(
        err.starts_with("dictionary word_classes.toml, entry [subordinator]: is missing"),
        "{err}"
    );
}

#[test]
fn an_unknown_key_in_a_class_is_refused_naming_the_file_and_the_key() {
    let err = refusal(&edited("be", "[be]\nword = [\"is\"]\n"));
    assert!(
        err.starts_with("dictionary word_classes.toml is malformed"),
        "{err}"
    );
    assert!(err.contains("unknown field `word`"), "{err}");
}

#[test]
fn an_upper_case_word_is_refused_naming_the_class_and_the_word() {
    let err = refusal(&edited("be", "[be]\nwords = [\"is\", \"Was\"]\n"));
    assert_eq!(
        err,
        "dictionary word_classes.toml, entry [be] \"Was\": must be lower-case (case is ignored)"
    );
}

#[test]
fn a_word_longer_than_a_key_is_refused() {
    let long = "a".repeat(WordKey::MAX_LEN + 1);
    let err = refusal(&edited(
        "count",
        &format!("[count]\nwords = [\"{long}\"]\n"),
    ));
    assert!(
        err.starts_with(&format!(
            "dictionary word_classes.toml, entry [count] \"{long}\""
        )),
        "{err}"
    );
    assert!(
        err.ends_with("is 16 bytes long; a listed word has at most 15"),
        "{err}"
    );
    let longest = "a".repeat(WordKey::MAX_LEN);
    assert!(compiled(&edited(
        "count",
        &format!("[count]\nwords = [\"{longest}\"]\n")
    ))
    .is_ok());
}

#[test]
fn a_word_the_tokenizer_would_not_cut_as_one_token_is_refused() {
    // A phrase, a dash pair and a contraction's tail are cut in two: no token is ever them.
    for (word, cut) in [("plans to", "plans to"), ("--", "- -"), ("'ll", "' ll")] {
        let table = format!("[future_cue]\nwords = [\"{word}\"]\n");
        let err = refusal(&edited("future_cue", &table));
        let named = format!("dictionary word_classes.toml, entry [future_cue] {word:?}: ");
        assert!(err.starts_with(&named), "{err}");
        assert!(err.ends_with(&format!("it is cut as {cut:?}")), "{err}");
    }
}

#[test]
fn a_word_not_in_its_normalized_form_is_refused() {
    // Tokens are looked up as the tokenizer normalizes them: with a straight apostrophe.
    let err = refusal(&edited("be", "[be]\nwords = [\"isn\u{2019}t\"]\n"));
    assert!(err.contains("entry [be] \"isn\u{2019}t\""), "{err}");
    assert!(err.ends_with("it is cut as \"isn't\""), "{err}");
}

#[test]
fn a_word_listed_twice_in_its_class_is_refused() {
    let err = refusal(&edited(
        "conditional",
        "[conditional]\nwords = [\"if\", \"unless\", \"if\"]\n",
    ));
    assert_eq!(
        err,
        "dictionary word_classes.toml, entry [conditional] \"if\": is listed twice"
    );
}

#[test]
fn a_dictionaries_directory_brings_its_own_word_lists_checked_at_start_up() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let source = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dictionaries");
    for entry in std::fs::read_dir(source).expect("the dictionaries directory") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    let lists = dir.path().join("word_classes.toml");
    std::fs::write(&lists, edited("be", "[be]\nwords = [\"Is\"]\n")).expect("write");
    let err = crate::extract::Coder::from_dir(dir.path()).expect_err("refused");
    assert!(
        err.to_string()
            .contains("word_classes.toml, entry [be] \"Is\""),
        "{err}"
    );
    std::fs::remove_file(&lists).expect("remove");
    let err = crate::extract::Coder::from_dir(dir.path()).expect_err("refused");
    assert!(err.to_string().contains("word_classes.toml"), "{err}");
}
