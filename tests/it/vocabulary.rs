//! Constructions of general news English and what they code to: counts before an actor,
//! triggers headed by an actor's own noun, predicates after "be", blame laid in reported
//! speech, those who govern a place, warnings of sanctions and retreats named by place.

use demarche::extract::Coder;
use demarche::model::Article;

use crate::support::article::normalized;
use crate::support::coded::{check_triples, triples};

fn article(body: &str) -> Article {
    normalized("vocabulary", "2021-03-10", body)
}

/// Codes each sentence and reports every one whose events differ from the expected triples.
fn check(cases: &[(&str, &[&str])]) {
    check_triples("vocabulary", cases);
}

#[test]
fn a_count_before_an_actor_is_part_of_its_noun_phrase() {
    check(&[
        (
            "An Egyptian court sentenced 12 Muslim Brotherhood members to prison.",
            &["EGYJUD EGYOPP 116"],
        ),
        (
            "Egyptian police arrested dozens of Muslim Brotherhood members.",
            &["EGYCOP EGYOPP 173"],
        ),
    ]);
}

#[test]
fn a_trigger_headed_by_an_actors_noun_has_that_actor_as_subject() {
    check(&[(
        "A Nigerian court convicted 19 Boko Haram members.",
        &["NGAJUD NGAREB 116"],
    )]);
}

#[test]
fn a_predicate_after_be_is_no_passive() {
    check(&[
        ("Nurses in Kenya are on strike.", &["KENHLH - 143"]),
        (
            "Sudanese troops are on high alert along the border.",
            &["SDNMIL - 152"],
        ),
        (
            "Venezuela says a deal is out of the question.",
            &["VEN - 120"],
        ),
    ]);
}

#[test]
fn blame_laid_in_reported_speech_is_the_speakers_accusation() {
    check(&[
        (
            "Israel said Hezbollah was behind the attack.",
            &["ISR LBNREB 112"],
        ),
        (
            "Ukraine said Russian forces were responsible for the shelling.",
            &["UKR RUSMIL 112"],
        ),
    ]);
    // Without a speaker, no one accuses (the attack itself may still be coded as Hezbollah's).
    let coder = Coder::embedded().expect("the built-in dictionaries are valid");
    let events = coder.code(&article("Hezbollah was behind the attack."));
    assert!(
        events.iter().all(|e| e.cameo.root != "11"),
        "{:?}",
        triples(&events)
    );
}

#[test]
fn those_who_govern_a_place_act_for_its_state() {
    check(&[(
        "Authorities in Kenya have deported a British journalist.",
        &["KEN GBRMED 174"],
    )]);
}

#[test]
fn warnings_and_retreats_in_their_general_forms() {
    check(&[
        (
            "The EU warned Russia of further sanctions.",
            &["IGOEEC RUS 1312"],
        ),
        (
            "Iran returned the seized British tanker.",
            &["IRN GBR 0842"],
        ),
        ("Iraqi troops pulled out of the city.", &["IRQMIL - 0874"]),
        (
            "Armenia ceded three districts to Azerbaijan.",
            &["ARM AZE 0874"],
        ),
    ]);
}
