//! Events and their modality stated as nouns and phrasal verbs: a refusal, a threat, a
//! commitment, an intention or a plea named by its noun shifts the act after it as its verb
//! does (also when a country's possessive names whose it is), talks held over a telephone line
//! or a video link, demands pushed back against, and restrictions imposed or slapped on trade.

use crate::support::coded::check_triples;

/// Codes each sentence and reports every one whose events differ from the expected triples.
fn check(cases: &[(&str, &[&str])]) {
    check_triples("nominal", cases);
}

#[test]
fn a_refusal_named_by_its_noun_refuses_what_follows() {
    check(&[
        // Not the release itself (0842): the release is what was refused.
        (
            "Russia's refusal to release the ship angered Ukraine.",
            &["RUS UKR 124"],
        ),
        (
            "Serbia announced its refusal to join sanctions against Russia.",
            &["SRB RUS 120"],
        ),
        (
            "Egypt's rejection of the Ethiopian proposal angered Addis Ababa.",
            &["EGY ETH 120"],
        ),
    ]);
}

#[test]
fn a_threat_named_by_its_noun_threatens_what_follows() {
    check(&[
        // Not ties cut (161): the cut is threatened.
        (
            "Turkey's threat to cut ties with Israel drew criticism in Washington.",
            &["TUR ISR 1313"],
        ),
        (
            "North Korea's threats to strike South Korea raised tensions.",
            &["PRK KOR 1384"],
        ),
        (
            "Iran issued a threat to close the Strait of Hormuz.",
            &["IRN - 1381"],
        ),
        (
            "Beijing's threats of retaliation against Manila were condemned.",
            &["CHNGOV PHLGOV 130"],
        ),
    ]);
}

#[test]
fn a_threat_to_something_no_one_acts_on_is_no_event() {
    check(&[
        (
            "Experts said Iran's nuclear programme is a threat to regional security.",
            &[],
        ),
        ("Climate change is a threat to peace in the Sahel.", &[]),
    ]);
}

#[test]
fn a_commitment_or_an_intention_named_by_its_noun_is_an_intent() {
    check(&[
        (
            "Armenia reaffirmed its commitment to hold talks with Azerbaijan.",
            &["ARM AZE 036"],
        ),
        (
            "The president announced his intention to visit China next month.",
            &["GOV CHN 036"],
        ),
    ]);
}

#[test]
fn a_plea_for_something_is_an_appeal() {
    check(&[("Sudan renewed its plea for food aid.", &["SDN - 020"])]);
}

#[test]
fn talks_held_over_a_telephone_line_or_a_video_link_are_consultations() {
    check(&[
        (
            "The Kenyan president spoke on the phone with the Ethiopian prime minister.",
            &["KENGOV ETHGOV 041"],
        ),
        (
            "Putin and Xi spoke by video link on Monday.",
            &["CHNGOV RUSGOV 041", "RUSGOV CHNGOV 041"],
        ),
        (
            "Macron held a videoconference with African leaders.",
            &["FRAGOV - 041"],
        ),
    ]);
}

#[test]
fn demands_pushed_back_against_or_shrugged_off_are_refused() {
    check(&[
        // One refusal, not also a demand of the one who refuses.
        (
            "Mexico pushed back against U.S. demands to curb migration.",
            &["MEX USA 120"],
        ),
        (
            "Israel shrugged off calls from the United Nations for a ceasefire.",
            &["ISR IGOUNO 120"],
        ),
    ]);
}

#[test]
fn curbs_imposed_and_duties_slapped_on_trade_are_sanctions() {
    check(&[
        (
            "China imposed curbs on exports of rare earths to Japan.",
            &["CHN JPN 163"],
        ),
        (
            "Washington slapped duties on Chinese steel.",
            &["USAGOV CHN 163"],
        ),
    ]);
}
