//! The guess: from which party to which, with which code, and when the model stays silent.

use super::tiny;
use crate::extract::actors::{Actor, ActorCode};
use crate::extract::cameo::CameoCode;
use crate::extract::groups::{Group, Member};
use crate::extract::patterns::{Action, Match};
use crate::extract::quad_model::classes::EventClass;
use crate::extract::quad_model::guess::{has_a_score, CONFIDENCE_SCALE, MIN_PROBABILITY};
use crate::extract::tokens::Tokens;

fn party(code: &str, country: Option<&str>, agent: Option<&str>, at: usize) -> Group {
    let actor = Actor {
        code: ActorCode::of(code),
        country: country.map(ActorCode::of),
        agent: agent.map(ActorCode::of),
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
    assert_eq!(c.target.map(|t| t.actor.code), Some(ActorCode::of("UKR")));
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
