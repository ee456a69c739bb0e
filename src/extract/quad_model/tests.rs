//! The fallback model as a specification: what it guesses, and when it stays silent.

use super::classes::EventClass;
use super::features::{fnv1a, FNV_OFFSET};
use super::guess::{has_a_score, CONFIDENCE_SCALE, MIN_PROBABILITY};
use super::model::QuadModel;
use crate::extract::actors::Actor;
use crate::extract::cameo::CameoCode;
use crate::extract::groups::{Group, Member};
use crate::extract::patterns::{Action, Match};
use crate::extract::tokens::Tokens;

/// Buckets of the test models.
const BUCKETS: u64 = 1 << 16;

/// The classes of the test models: the quad classes, with material conflict split by root.
const QUAD: &str = r#"["010", "040", "060", "110", "140", "170", "180", "190"]"#;

/// A model file with these biases and these features' weights.
fn model_file(bigrams: bool, bias: [f64; 8], weights: &[(&str, [f64; 8])]) -> String {
    let weights: Vec<String> = weights
        .iter()
        .map(|(feature, w)| format!("\"{}\": {w:?}", fnv1a(FNV_OFFSET, feature) % BUCKETS))
        .collect();
    format!(
        "{{\"about\": \"test model\", \"bigrams\": {bigrams}, \"buckets\": {BUCKETS}, \
         \"classes\": {QUAD}, \"bias\": {bias:?}, \"weights\": {{{}}}}}",
        weights.join(", ")
    )
}

/// A model that knows a handful of words: "shelled" weighs towards fighting,
/// "talks" towards verbal cooperation, "imposed sanctions" (the pair) towards verbal
/// conflict, "said" towards a statement; without a known word the statement bias wins.
fn tiny(bigrams: bool) -> QuadModel {
    let text = model_file(
        bigrams,
        [0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        &[
            ("shelled", [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0]),
            ("talks", [0.0, 2.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
            (
                "imposed sanctions",
                [0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 0.0, 0.0],
            ),
            ("held", [0.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5]),
            ("said", [2.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
        ],
    );
    QuadModel::parse(&text).expect("the tiny model is valid")
}

#[test]
fn the_hash_is_64_bit_fnv_1a_as_the_training_script_computes_it() {
    assert_eq!(fnv1a(FNV_OFFSET, ""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(FNV_OFFSET, "a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a(FNV_OFFSET, "foobar"), 0x8594_4171_f739_67e8);
    assert_eq!(
        fnv1a(fnv1a(FNV_OFFSET, "foo"), "bar"),
        fnv1a(FNV_OFFSET, "foobar")
    );
    assert_eq!(fnv1a(FNV_OFFSET, "FooBar"), fnv1a(FNV_OFFSET, "foobar"));
}

#[test]
fn a_sentence_gets_the_class_its_words_weigh_towards() {
    let model = tiny(true);
    let cases = [
        (
            "Artillery units shelled the border villages overnight.",
            EventClass::Fight,
        ),
        (
            "The two ministers held talks in Vienna.",
            EventClass::Consult,
        ),
        (
            "Brussels imposed sanctions on three banks.",
            EventClass::Accuse,
        ),
        ("Weather forecasters expect rain.", EventClass::Statement),
    ];
    for (sentence, class) in cases {
        assert_eq!(model.classify(sentence).class, class, "{sentence}");
    }
}

#[test]
fn words_are_case_and_punctuation_blind_and_count_once() {
    let model = tiny(true);
    let once = model.classify("Troops shelled the town.");
    let shouting = model.classify("TROOPS SHELLED, SHELLED AND SHELLED THE TOWN!");
    assert_eq!(once, shouting);
}

#[test]
fn the_probability_is_the_softmax_of_the_scores() {
    let model = tiny(true);
    // Scores 0.5, 0 (six times), 3: the winner's probability is e^3 / (e^0.5 + 6 + e^3).
    let p = model.classify("They shelled it.").probability;
    let expected = 3f64.exp() / (0.5f64.exp() + 6.0 + 3f64.exp());
    assert!((p - expected).abs() < 1e-12, "{p} vs {expected}");
    let p = model.classify("Nothing here.").probability;
    assert!(
        (p - 0.5f64.exp() / (0.5f64.exp() + 7.0)).abs() < 1e-12,
        "{p}"
    );
}

#[test]
fn the_quad_probability_sums_the_categories_of_the_winners_quad_class() {
    let model = tiny(true);
    // Fighting wins at e^3; protest, coercion and assault (0 each) share its quad class,
    // material conflict: e^3 + 3 of e^0.5 + 6 + e^3.
    let prediction = model.classify("They shelled it.");
    let expected = (3f64.exp() + 3.0) / (0.5f64.exp() + 6.0 + 3f64.exp());
    assert!(
        (prediction.quad_probability - expected).abs() < 1e-12,
        "{prediction:?}"
    );
    assert!(prediction.quad_probability > prediction.probability);
    // A statement is alone in its quad class here: the two are one.
    let prediction = model.classify("Nothing here.");
    assert_eq!(prediction.quad_probability, prediction.probability);
}

#[test]
fn word_pairs_count_only_when_adjacent_and_when_the_file_enables_them() {
    let apart = tiny(true).classify("Brussels imposed new sanctions.");
    assert_eq!(apart.class, EventClass::Statement);
    let adjacent = tiny(false).classify("Brussels imposed sanctions.");
    assert_eq!(adjacent.class, EventClass::Statement);
}

#[test]
fn a_malformed_file_is_refused_with_its_name_and_entry() {
    let short = model_file(true, [0.0; 8], &[])
        .replace("[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]", "[0.0]");
    let err = QuadModel::parse(&short).unwrap_err().to_string();
    assert!(
        err.contains("quad_class.json") && err.contains("bias"),
        "{err}"
    );
    let far =
        model_file(true, [0.0; 8], &[]).replace("{}", "{\"70000\": [1, 1, 1, 1, 1, 1, 1, 1]}");
    let err = QuadModel::parse(&far).unwrap_err().to_string();
    assert!(err.contains("70000"), "{err}");
    let err = QuadModel::parse("{\"bias\": [0]}").unwrap_err().to_string();
    assert!(err.contains("quad_class.json"), "{err}");
}

fn party(code: &str, country: Option<&str>, agent: Option<&str>, at: usize) -> Group {
    let actor = Actor {
        code: code.to_owned(),
        country: country.map(str::to_owned),
        agent: agent.map(str::to_owned),
        name: None,
    };
    Group {
        first: at,
        last: at + 1,
        members: vec![Member {
            actor,
            first: at,
            last: at + 1,
        }],
        anaphoric: false,
        locative: false,
        prepositional: false,
    }
}

#[test]
fn a_guess_runs_from_the_first_party_to_the_next_other_party_with_the_class_code() {
    // "Russian artillery shelled Ukrainian positions": tokens 0-1 and 3-4.
    let sentence = "Russian artillery shelled Ukrainian positions";
    let mut source = party("RUSMIL", Some("RUS"), Some("MIL"), 0);
    source.last = 2;
    source.members[0].last = 2;
    let target = party("UKR", Some("UKR"), None, 3);
    let tokens = Tokens::new(sentence, 0);
    let (c, confidence) = tiny(true)
        .guess(&tokens, sentence, &[source, target], &[])
        .expect("two parties and a confident class");
    assert_eq!(c.code, "190");
    assert_eq!(c.source.actor.code, "RUSMIL");
    assert_eq!(c.target.map(|t| t.actor.code), Some("UKR".to_owned()));
    assert_eq!(c.trigger, (2, 3), "the words between the parties");
    assert!(
        confidence > 0.0 && confidence <= CONFIDENCE_SCALE,
        "{confidence}"
    );
}

#[test]
fn no_guess_without_two_parties_or_with_an_uncertain_class() {
    let model = tiny(true);
    let guess = |sentence: &str, groups: &[Group]| {
        model.guess(&Tokens::new(sentence, 0), sentence, groups, &[])
    };
    let shelled = "Troops shelled the town";
    let alone = [party("SYRMIL", Some("SYR"), Some("MIL"), 0)];
    assert_eq!(guess(shelled, &alone), None);
    // A place is not a party.
    let mut place = party("LBN", Some("LBN"), None, 3);
    place.locative = true;
    let with_place = [alone[0].clone(), place];
    assert_eq!(guess(shelled, &with_place), None);
    // A state and its own army are one side.
    let same_side = [alone[0].clone(), party("SYR", Some("SYR"), None, 3)];
    assert_eq!(guess(shelled, &same_side), None);
    // Two parties, but no word the model knows: every class is about as likely.
    let parties = [alone[0].clone(), party("TUR", Some("TUR"), None, 3)];
    assert_eq!(guess("Rain fell", &parties), None);
    assert!(guess(shelled, &parties).is_some());
}

/// A rule's trigger at token `at` that codes `code`.
fn trigger(code: &str, at: usize) -> Match {
    Match {
        first: at,
        last: at + 1,
        action: Action::Event {
            code: CameoCode::of(code),
            reciprocal: false,
            statement: false,
            compound_only: false,
        },
        slot: None,
        specificity: 1,
    }
}

#[test]
fn without_a_target_only_a_triggered_sentence_of_a_class_that_needs_none_is_guessed() {
    let model = tiny(true);
    let alone = [party("SYRMIL", Some("SYR"), Some("MIL"), 0)];
    let guess = |sentence: &str, matches: &[Match]| {
        model.guess(&Tokens::new(sentence, 0), sentence, &alone, matches)
    };
    let shelled = "Troops shelled the town";
    let (c, confidence) =
        guess(shelled, &[trigger("040", 1), trigger("193", 1)]).expect("a fight needs no target");
    assert_eq!((c.code.as_str(), c.target), ("193", None));
    assert_eq!(c.trigger, (1, 2), "the trigger");
    assert!(confidence > 0.0 && confidence <= CONFIDENCE_SCALE);
    // Another class's trigger: the class's generic code.
    let (c, _) = guess(shelled, &[trigger("040", 1)]).expect("a trigger follows the source");
    assert_eq!(c.code, "190");
    // No rule's trigger matched, or only a statement's: the sentence may report no event.
    assert_eq!(guess(shelled, &[]), None);
    assert_eq!(guess(shelled, &[trigger("010", 1)]), None);
    // The source only speaks of what the trigger before it reports.
    let reported = "The shelling went on, troops said";
    let troops = [party("SYRMIL", Some("SYR"), Some("MIL"), 4)];
    let tokens = Tokens::new(reported, 0);
    let matches = [trigger("190", 1)];
    assert_eq!(model.guess(&tokens, reported, &troops, &matches), None);
    // A statement is made to or about someone.
    let said = "Troops said it was quiet";
    assert_eq!(model.classify(said).class, EventClass::Statement);
    assert!(model.classify(said).probability >= MIN_PROBABILITY);
    assert_eq!(guess(said, &[trigger("010", 1)]), None);
    // So is a talk or a protest of words.
    let talks = "Troops held talks";
    assert_eq!(model.classify(talks).class, EventClass::Consult);
    assert_eq!(guess(talks, &[trigger("040", 2)]), None);
}

#[test]
fn a_trigger_of_the_guessed_class_lends_its_code() {
    let model = tiny(true);
    let parties = [
        party("SYRMIL", Some("SYR"), Some("MIL"), 0),
        party("TUR", Some("TUR"), None, 3),
    ];
    let sentence = "Troops shelled the Turkish town";
    let code = |matches: &[Match]| {
        let tokens = Tokens::new(sentence, 0);
        model
            .guess(&tokens, sentence, &parties, matches)
            .map(|(c, _)| c.code.to_string())
    };
    assert_eq!(code(&[]).as_deref(), Some("190"));
    // Of the guessed class (fighting, 19-20), the most specific.
    let mut specific = trigger("195", 1);
    specific.specificity = 3;
    let matches = [trigger("040", 1), trigger("193", 1), specific];
    assert_eq!(code(&matches).as_deref(), Some("195"));
    // A trigger of another class says nothing about this one.
    assert_eq!(code(&[trigger("043", 1)]).as_deref(), Some("190"));
}

#[test]
fn codes_are_classed_by_their_root_and_yielding_by_plovers_split() {
    let cases = [
        ("010", Some(EventClass::Statement)),
        ("0243", Some(EventClass::Appeal)),
        ("036", Some(EventClass::Agree)),
        ("0311", Some(EventClass::Agree)),
        ("042", Some(EventClass::Consult)),
        ("057", Some(EventClass::Support)),
        ("062", Some(EventClass::Cooperate)),
        ("073", Some(EventClass::Aid)),
        ("081", Some(EventClass::Concede)),
        ("0832", Some(EventClass::Concede)),
        ("0831", Some(EventClass::Retreat)),
        ("0841", Some(EventClass::Retreat)),
        ("0871", Some(EventClass::Retreat)),
        ("091", Some(EventClass::Accuse)),
        ("1053", Some(EventClass::Demand)),
        ("112", Some(EventClass::Accuse)),
        ("128", Some(EventClass::Reject)),
        ("1384", Some(EventClass::Threaten)),
        ("145", Some(EventClass::Protest)),
        ("154", Some(EventClass::Mobilize)),
        ("163", Some(EventClass::Sanction)),
        ("173", Some(EventClass::Coerce)),
        ("183", Some(EventClass::Assault)),
        ("202", Some(EventClass::Fight)),
        ("", None),
        ("21", None),
    ];
    for (code, class) in cases {
        assert_eq!(EventClass::of_code(code), class, "{code}");
    }
}

#[test]
fn every_class_is_the_class_of_its_own_generic_code() {
    for class in EventClass::ALL {
        let code = class.generic_code();
        assert_eq!(EventClass::of_code(code), Some(class), "{code}");
        assert_eq!(EventClass::of_generic_code(code), Some(class), "{code}");
    }
    assert_eq!(EventClass::of_generic_code("112"), None);
}

#[test]
fn a_file_names_its_classes_by_their_generic_codes() {
    let file = |classes: &str, bias: &str| {
        format!(
            "{{\"about\": \"\", \"bigrams\": false, \"buckets\": {BUCKETS}, \
             \"classes\": {classes}, \"bias\": {bias}, \"weights\": {{}}}}"
        )
    };
    let model = QuadModel::parse(&file(r#"["130", "120"]"#, "[1.0, 0.0]")).expect("valid");
    assert_eq!(model.classify("anything").class, EventClass::Threaten);
    let model = QuadModel::parse(&file(r#"["130", "120"]"#, "[0.0, 1.0]")).expect("valid");
    assert_eq!(model.classify("anything").class, EventClass::Reject);
    for (classes, entry) in [(r#"["130", "112"]"#, "112"), (r#"["130", "130"]"#, "130")] {
        let err = QuadModel::parse(&file(classes, "[0.0, 0.0]"))
            .unwrap_err()
            .to_string();
        assert!(err.contains(entry), "{err}");
    }
    let err = QuadModel::parse(&file("[]", "[]")).unwrap_err().to_string();
    assert!(err.contains("classes"), "{err}");
}

#[test]
fn the_embedded_model_is_parsed_once_and_shared() {
    let first = QuadModel::embedded().expect("the embedded model is valid");
    let second = QuadModel::embedded().expect("the embedded model is valid");
    assert!(std::ptr::eq(first, second));
}

#[test]
fn no_guess_where_the_event_may_not_have_happened() {
    let model = tiny(true);
    let parties = [
        party("SYRMIL", Some("SYR"), Some("MIL"), 0),
        party("TUR", Some("TUR"), None, 3),
    ];
    for sentence in [
        "Troops have not shelled the town",
        "Troops never shelled the town",
        "Troops didn't shell the town, they shelled the road",
        "Troops refused to shell the town",
        "Troops will have shelled the town",
        "If troops shelled the town, talks would end",
    ] {
        let tokens = Tokens::new(sentence, 0);
        for matches in [vec![], vec![trigger("195", 2)]] {
            let guess = model.guess(&tokens, sentence, &parties, &matches);
            assert_eq!(guess, None, "{sentence}");
        }
    }
}

#[test]
fn a_match_score_is_told_from_years_and_ages() {
    assert!(has_a_score("Ghana beat Mali 2-1 in Accra on Sunday."));
    assert!(has_a_score("The hosts won 3:0."));
    assert!(!has_a_score("in the 2015-16 budget"));
    assert!(!has_a_score("a 30-year-old soldier"));
    assert!(!has_a_score("Troops shelled the town."));
}

#[test]
fn the_embedded_model_tells_the_categories_of_a_quad_class_apart() {
    let model = QuadModel::embedded().expect("the embedded model is valid");
    let fight = model.classify("Rebels attacked an army base, killing twelve soldiers.");
    assert!(
        matches!(fight.class, EventClass::Assault | EventClass::Fight),
        "{fight:?}"
    );
    let cases = [
        (
            "The president threatened to cut off oil supplies to its neighbour.",
            EventClass::Threaten,
        ),
        ("The ministry rejected the proposal.", EventClass::Reject),
        (
            "Thousands of workers marched through the city demanding higher wages.",
            EventClass::Protest,
        ),
    ];
    for (sentence, class) in cases {
        let prediction = model.classify(sentence);
        assert_eq!(prediction.class, class, "{sentence}");
        assert!(prediction.probability >= MIN_PROBABILITY, "{sentence}");
    }
}

#[test]
fn every_class_has_a_generic_code_that_is_a_cameo_code_of_its_own_class() {
    for class in EventClass::ALL {
        let code = CameoCode::parse(class.generic_code());
        assert!(code.is_ok(), "{class:?}: {:?}", class.generic_code());
        assert_eq!(EventClass::of_code(class.generic_code()), Some(class));
    }
}
