//! Everyday wire phrasing around a known construction: a target named after a determiner and
//! a modifier, an adverbial between a commitment and its "to", support voiced rather than
//! given, aid named by what was handed over, criticism worded as an attack, appeals defied,
//! threats whose consequence comes late in the sentence, juntas, charges brought in words,
//! envoys of two states, the state a sentence names as the home of its implied actors, an
//! event noun whose owner opens the clause, one whose agent follows "of", and what a speaker
//! says it could do.

use crate::support::coded::{check_triples, code, triples};

/// Codes each sentence and reports every one whose events differ from the expected triples.
fn check(cases: &[(&str, &[&str])]) {
    check_triples("phrasing", cases);
}

#[test]
fn a_target_after_a_determiner_and_a_modifier_is_still_the_target() {
    check(&[
        (
            "Germany congratulated the new Polish prime minister.",
            &["DEU POLGOV 051"],
        ),
        (
            "The French president telephoned his Russian counterpart.",
            &["FRAGOV RUSGOV 041"],
        ),
    ]);
}

#[test]
fn an_adverbial_between_a_commitment_and_its_act_keeps_the_intent() {
    check(&[
        (
            "Colombia offered on Monday to host talks with Venezuela.",
            &["COL VEN 036"],
        ),
        (
            "Iran pledged on Sunday to cooperate with the IAEA.",
            &["IRN IGOIAE 031"],
        ),
        (
            "North Korea agreed in principle to return to the negotiating table.",
            &["PRK - 036"],
        ),
    ]);
}

#[test]
fn support_voiced_is_praise() {
    check(&[(
        "Chile reaffirmed its support for the Peruvian government.",
        &["CHL PERGOV 051"],
    )]);
}

#[test]
fn aid_named_by_what_was_handed_over() {
    check(&[
        (
            "The United States delivered military equipment to the Lebanese army.",
            &["USA LBNMIL 072"],
        ),
        (
            "The World Food Programme distributed food to Sudanese refugees.",
            &["IGOUNO SDNREF 073"],
        ),
    ]);
}

#[test]
fn criticism_worded_as_an_attack_is_verbal() {
    check(&[(
        "China's foreign ministry attacked the U.S. report as biased.",
        &["CHNGOV USA 111"],
    )]);
}

#[test]
fn an_appeal_defied_is_a_refusal_of_what_it_asked() {
    check(&[
        (
            "Belarus defied calls from the European Union to free the prisoners.",
            &["BLR IGOEEC 1243"],
        ),
        (
            "Israel rejected calls to release the prisoners.",
            &["ISR - 1243"],
        ),
    ]);
}

#[test]
fn a_consequence_named_late_in_the_warning_makes_it_a_threat() {
    check(&[
        (
            "Turkey warned Syrian Kurdish fighters to leave the border area or face an offensive.",
            &["TUR SYR 130"],
        ),
        (
            "Israel warned Hezbollah that any attack would be met with force.",
            &["ISR LBNREB 130"],
        ),
    ]);
}

#[test]
fn forces_moved_toward_a_border_and_embassies_shut_in_a_country() {
    check(&[
        (
            "Russia moved troops and tanks toward the border.",
            &["RUSMIL - 154"],
        ),
        ("Kuwait shut its embassy in Iraq.", &["KWT IRQ 161"]),
    ]);
}

#[test]
fn a_junta_is_its_state_s_military() {
    check(&[
        (
            "The Malian junta expelled the French ambassador.",
            &["MLIMIL FRAGOV 161"],
        ),
        (
            "Thailand's military council lifted the curfew.",
            &["THAMIL - 0813"],
        ),
    ]);
}

#[test]
fn charges_brought_by_those_who_cannot_prosecute_are_accusations() {
    check(&[
        (
            "Amnesty International charged the Israeli army with war crimes.",
            &["NGOAMN ISRMIL 112"],
        ),
        (
            "Kenyan police charged three opposition activists with incitement.",
            &["KENCOP KENOPP 173"],
        ),
    ]);
}

#[test]
fn envoys_from_two_states_act_for_both() {
    check(&[(
        "Delegations from Ethiopia and Eritrea met in Algiers.",
        &["ERI ETH 044", "ETH ERI 044"],
    )]);
}

#[test]
fn a_sentence_that_names_its_state_sets_the_country_of_its_implied_actors() {
    check(&[(
        "Kenyan police arrested ten activists in Nairobi on Monday. Protests erupted after \
         Uganda raised fuel taxes.",
        &["KENCOP KENOPP 173", "UGAOPP - 140"],
    )]);
}

#[test]
fn an_event_noun_whose_owner_opens_the_clause_is_reported() {
    check(&[
        (
            "Iran's rejection of the French proposal angered Paris.",
            &["IRN FRA 120"],
        ),
        (
            "Japan's criticism of China over the drills came on Monday.",
            &["JPN CHN 111"],
        ),
        (
            "Pakistan's accusation that India armed the rebels drew a sharp response.",
            &["PAK IND 112"],
        ),
        (
            "Venezuela's expulsion of the Spanish ambassador deepened the row.",
            &["VEN ESPGOV 161"],
        ),
    ]);
}

#[test]
fn an_owned_event_noun_after_a_preposition_is_background() {
    for text in [
        "Officials met after Iran's rejection of the French proposal.",
        "Despite China's criticism of Japan, the visit went ahead.",
    ] {
        let coded = triples(&code("phrasing-background", "2024-05-02", text));
        assert!(
            !coded
                .iter()
                .any(|t| t.ends_with(" 120") || t.ends_with(" 111")),
            "{text}: the named event is not reported again: {coded:?}"
        );
    }
}

#[test]
fn an_event_noun_names_its_agent_after_of() {
    check(&[
        (
            "The withdrawal of Ethiopian troops from Somalia began on Monday.",
            &["ETHMIL SOM 0874"],
        ),
        (
            "The withdrawal of American troops from Iraq ended in December.",
            &["USAMIL IRQ 0874"],
        ),
        (
            "The pullout of Russian forces from the Georgian border was completed.",
            &["RUSMIL GEO 0874"],
        ),
    ]);
}

#[test]
fn what_a_speaker_says_it_could_do_is_an_intent_not_an_act() {
    check(&[
        (
            "Turkey said it could cut ties with Israel if the raids continued.",
            &["TUR ISR 1313"],
        ),
        (
            "China said it could provide aid to Nepal.",
            &["CHN NPL 033"],
        ),
        ("Analysts said the talks could collapse.", &[]),
    ]);
}
