//! The model: reading a weights file and classifying a sentence.

use super::{model_file, tiny, BUCKETS};
use crate::extract::quad_model::classes::EventClass;
use crate::extract::quad_model::features::{fnv1a, FNV_OFFSET};
use crate::extract::quad_model::guess::MIN_PROBABILITY;
use crate::extract::quad_model::model::QuadModel;

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
