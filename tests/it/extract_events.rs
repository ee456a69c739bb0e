//! Which event a sentence codes: verbs and nouns of CAMEO codes, the constructions that carry
//! them (appeals, obligations, nominal deployments) and what is no event (compound adjectives).

use demarche::extract::Coder;
use demarche::model::Article;

use crate::support::article::normalized;
use crate::support::coded::check_triples;

fn article(body: &str) -> Article {
    normalized("events", "2021-03-10", body)
}

/// Codes each sentence and reports every one whose events differ from the expected triples.
fn check(cases: &[(&str, &[&str])]) {
    check_triples("events", cases);
}

#[test]
fn a_glued_participle_is_an_adjective_not_an_event() {
    check(&[
        (
            "Iranian-backed rebels attacked the town.",
            &["IRNREB - 190"],
        ),
        (
            "Kenya re-opened its border with Somalia.",
            &["KEN SOM 0872"],
        ),
    ]);
}

#[test]
fn a_decision_is_the_act_itself() {
    check(&[(
        "Kenya decided to lift the travel ban on Ugandan journalists.",
        &["KEN UGAMED 081"],
    )]);
}

#[test]
fn a_reported_obligation_without_an_act_is_a_demand() {
    check(&[
        (
            "Kenya said Uganda must ensure security for returning refugees.",
            &["KEN UGA 100"],
        ),
        ("The talks must continue.", &[]),
    ]);
}

#[test]
fn comments_with_a_target_are_coded_and_denials_are_016() {
    check(&[
        (
            "Canada said it is skeptical of the Chinese government's plan.",
            &["CAN CHNGOV 012"],
        ),
        ("Canada said it is skeptical about the plan.", &[]),
        (
            "Kenya dismissed allegations that it armed rebels in Somalia.",
            &["KEN SOMREB 016"],
        ),
    ]);
}

#[test]
fn material_help_is_coded_by_what_is_given() {
    check(&[
        (
            "Uganda has provided the Somali army with vehicles, weapons and other equipment.",
            &["UGA SOMMIL 072"],
        ),
        (
            "Kenya sent 200 troops to Somalia to serve in a peacekeeping force.",
            &["KEN SOM 074"],
        ),
        (
            "Kenyan and Ugandan troops held joint war games near the border.",
            &["KENMIL UGAMIL 062", "UGAMIL KENMIL 062"],
        ),
    ]);
}

#[test]
fn yielding_is_coded_over_the_demand_it_yields_to() {
    check(&[
        (
            "The Ugandan government conceded to the demands of the striking doctors.",
            &["UGAGOV - 080"],
        ),
        ("Kenyan doctors called off their strike.", &["KENHLH - 082"]),
        (
            "A Kenyan court lifted a travel ban on Ugandan journalist John Okello.",
            &["KENJUD UGAMED 081"],
        ),
    ]);
}

#[test]
fn the_more_specific_conflict_code_wins() {
    check(&[
        ("Russia expelled diplomats from Poland.", &["RUS POL 161"]),
        (
            "Turkey is violating the ceasefire agreement in Syria.",
            &["TUR SYR 196"],
        ),
    ]);
}

#[test]
fn agreeing_to_a_ceasefire_is_a_commitment_and_declaring_one_is_a_truce() {
    check(&[
        (
            "Kenya and Uganda agreed to a ceasefire on Monday.",
            &["KEN UGA 0356", "UGA KEN 0356"],
        ),
        (
            "The Somali rebels declared a ceasefire.",
            &["SOMREB - 0871"],
        ),
    ]);
}

#[test]
fn weighing_a_policy_option_is_014_and_needs_a_target() {
    check(&[
        (
            "Japan is considering sending aid to North Korea after the floods.",
            &["JPN PRK 014"],
        ),
        ("Kenya is considering the possibility of a new law.", &[]),
    ]);
}

#[test]
fn a_cancelled_visit_to_someone_is_a_reduction_of_relations() {
    check(&[
        (
            "The Kenyan president has cancelled a planned visit to Uganda amid tensions.",
            &["KENGOV UGA 164"],
        ),
        ("Kenya postponed talks with Uganda.", &[]),
    ]);
}

#[test]
fn concerns_about_a_target_are_pessimistic_comments() {
    check(&[(
        "The Kenyan foreign minister has expressed concerns about the impact on Uganda.",
        &["KENGOV UGA 012"],
    )]);
}

#[test]
fn troops_arriving_to_join_a_peacekeeping_mission_are_aid() {
    check(&[(
        "Hundreds of Kenyan troops have arrived in Somalia to join the UN peacekeeping mission.",
        &["KENMIL SOM 074"],
    )]);
}

#[test]
fn the_organisation_a_spokesman_speaks_for_is_the_source() {
    check(&[
        (
            "A spokesman for the Kenyan army declined to comment on the report.",
            &["KENMIL - 011"],
        ),
        (
            "Officials of the Ugandan government would not comment.",
            &["UGAGOV - 011"],
        ),
    ]);
}

#[test]
fn the_subject_of_a_clause_after_a_conjunction_acts() {
    check(&[(
        "The journalist was freed after the Ugandan president pardoned him along with other prisoners.",
        &["UGAGOV UGACVL 0841"],
    )]);
}

#[test]
fn forces_deployed_or_withdrawn_in_the_passive_are_their_side_s_act() {
    check(&[
        (
            "About 900 Kenyan troops were deployed as peacekeepers in Somalia.",
            &["KENMIL SOM 074"],
        ),
        (
            "The last Ugandan soldiers were withdrawn from Somalia on Friday.",
            &["UGAMIL SOM 0874"],
        ),
        // A passive without its agent still names only the patient.
        ("Two Kenyan soldiers were killed in Somalia.", &[]),
    ]);
}

#[test]
fn an_appeal_to_talk_needs_no_compound_subject() {
    check(&[(
        "The Somali president issued a plea to the rebels to talk to his government.",
        &["SOMGOV SOMREB 026"],
    )]);
}

#[test]
fn a_bracketed_acronym_after_the_recipient_is_skipped() {
    check(&[(
        "Kenya has provided the Somali National Army (SNA) with trucks and weapons.",
        &["KEN SOMMIL 072"],
    )]);
}

#[test]
fn hopes_wishes_and_accord_are_comments_on_their_target() {
    check(&[
        (
            "The Kenyan president said he hopes Uganda will reopen the border.",
            &["KENGOV UGA 013"],
        ),
        (
            "The Ghanaian minister expressed his wish that Togo would join the talks.",
            &["GHAGOV TGO 013"],
        ),
        ("Ghana said it agrees with Nigeria.", &["GHA NGA 019"]),
        // Without a target they stay bare statements, and are dropped.
        ("Ghana said it hopes for the best.", &[]),
    ]);
}

#[test]
fn claims_denials_and_ceremonies_are_statements_of_their_own() {
    check(&[
        (
            "The Somali rebels claimed full responsibility for the attack.",
            &["SOMREB - 015"],
        ),
        (
            "The Kenyan minister denied any wrongdoing.",
            &["KENGOV - 016"],
        ),
        (
            "The Ugandan president attended a ceremony marking the end of the war.",
            &["UGAGOV - 017"],
        ),
    ]);
}

#[test]
fn aid_named_by_donations_funds_intelligence_and_returned_property() {
    check(&[
        ("Ghana made donations to Togo.", &["GHA TGO 070"]),
        (
            "The Kenyan spy agency provided intelligence to Uganda.",
            &["KENSPY UGA 064"],
        ),
        (
            "Italian police returned looted sculptures to Nigeria.",
            &["ITACOP NGA 0842"],
        ),
        (
            "The Somali rebels said they will hand over their weapons to the African Union.",
            &["SOMREB IGOAFU 0356"],
        ),
        (
            "The Sudanese government allowed aid agencies into Darfur.",
            &["SDNGOV - 0863"],
        ),
    ]);
}

#[test]
fn a_comment_s_participle_is_an_adjective_even_before_by() {
    check(&[
        (
            "Kenya said it was alarmed by Uganda's decision.",
            &["KEN UGA 012"],
        ),
        (
            "Ghana said it was encouraged by Togo's commitment to reform.",
            &["GHA TGO 013"],
        ),
    ]);
}

#[test]
fn a_mediator_acts_on_the_parties_it_mediates_between() {
    check(&[(
        "Ghana expressed readiness to mediate between Togo and Benin.",
        &["GHA BEN 036", "GHA TGO 036"],
    )]);
}

/// The CAMEO codes a sentence's events have, sorted.
fn codes(text: &str) -> Vec<String> {
    let coder = Coder::embedded().expect("the built-in dictionaries are valid");
    let mut codes: Vec<String> = coder
        .code(&article(text))
        .into_iter()
        .map(|e| e.cameo.code)
        .collect();
    codes.sort();
    codes
}

#[test]
fn a_claimed_hostile_act_is_a_claim_of_responsibility() {
    assert_eq!(
        codes("The Taliban claimed that they had attacked an army convoy in Helmand."),
        ["015"]
    );
    assert!(codes("The Taliban attacked an army convoy in Helmand.")
        .iter()
        .all(|c| c.starts_with("19") || c.starts_with("18")));
}

#[test]
fn a_marker_that_is_an_act_governs_the_first_act_of_its_clause() {
    check(&[(
        "Canada is ready to contribute air support to the peacekeeping force in Mali.",
        &["CAN - 0334"],
    )]);
}

#[test]
fn a_marker_before_a_marker_shifts_its_act() {
    check(&[(
        "Kenya said Uganda must agree to a new border commission.",
        &["KEN UGA 100"],
    )]);
}

#[test]
fn a_verbal_act_of_conflict_announced_is_that_act() {
    check(&[
        (
            "Kenya will demand an explanation from Uganda.",
            &["KEN UGA 100"],
        ),
        (
            "Japan will impose sanctions on North Korea.",
            &["JPN PRK 1312"],
        ),
    ]);
}

#[test]
fn withdrawals_begun_and_peacekeepers_deployed_are_coded() {
    check(&[
        (
            "Russian troops began withdrawing from the town.",
            &["RUSMIL - 0874"],
        ),
        (
            "Kenyan peacekeepers were deployed to Somalia.",
            &["KEN SOM 074"],
        ),
    ]);
}

#[test]
fn a_reduction_of_relations_in_a_place_is_aimed_at_its_state() {
    check(&[(
        "The United States suspended aid deliveries in Yemen.",
        &["USA YEM 1623"],
    )]);
}

#[test]
fn a_release_in_the_passive_was_made_where_they_were_held() {
    check(&[(
        "Two French sailors have been released from detention in Iran.",
        &["IRN FRA 0841"],
    )]);
}
