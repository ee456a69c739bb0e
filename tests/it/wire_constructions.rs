//! How wire news words retreats, concessions, threats, sanctions and consultations, and what
//! each construction codes to: forces named as the subject of their own retreat, a threatened
//! act named by a noun or by a verb that has no threat code of its own, relations suspended
//! with a named partner, and a partner named after a possessive.

use crate::support::coded::check_triples;

/// Codes each sentence and reports every one whose events differ from the expected triples.
fn check(cases: &[(&str, &[&str])]) {
    check_triples("wire", cases);
}

#[test]
fn forces_named_as_the_subject_of_their_own_retreat() {
    check(&[
        (
            "Ukrainian troops withdrew from Avdiivka.",
            &["UKRMIL - 0874"],
        ),
        (
            "Armenian troops left the disputed villages.",
            &["ARMMIL - 0874"],
        ),
        ("Rebel fighters retreated to the hills.", &["REB - 0874"]),
        (
            "Kosovo police pulled out of the northern municipalities.",
            &["XKXCOP - 0874"],
        ),
    ]);
}

#[test]
fn forces_pulled_out_of_a_place_by_their_state_are_a_retreat_not_an_expulsion() {
    check(&[
        (
            "Israel pulled its forces out of the Gaza Strip.",
            &["ISR PSE 0874"],
        ),
        (
            "Serbia withdrew its police from northern Kosovo.",
            &["SRB XKX 0874"],
        ),
    ]);
}

#[test]
fn captives_and_measures_given_back() {
    check(&[
        (
            "North Korea returned the detained South Korean fishermen.",
            &["PRK KORCVL 0841"],
        ),
        (
            "Kenya scrapped the proposed tax increases after weeks of protests.",
            &["KEN - 0832"],
        ),
    ]);
}

#[test]
fn a_threatened_act_named_by_a_noun_is_a_threat_of_that_act() {
    check(&[
        (
            "North Korea threatened a nuclear strike on South Korea.",
            &["PRK KOR 1385"],
        ),
        (
            "The United States threatened new sanctions against Iran.",
            &["USA IRN 1312"],
        ),
    ]);
}

#[test]
fn a_threatened_retreat_or_refusal_is_a_threat() {
    check(&[
        (
            "Iran threatened to pull out of the nuclear agreement.",
            &["IRN - 130"],
        ),
        ("Russia threatened to veto the resolution.", &["RUS - 130"]),
    ]);
}

#[test]
fn a_verb_coordinated_with_threaten_is_an_act_of_its_own() {
    check(&[(
        "Police threatened and assaulted the protesters.",
        &["COP OPP 182"],
    )]);
}

#[test]
fn a_promised_forceful_response_is_a_threat_of_force() {
    check(&[
        (
            "Iran said it would respond to any attack with force.",
            &["IRN - 138"],
        ),
        (
            "China warned Taiwan that independence means war.",
            &["CHN TWN 138"],
        ),
        (
            "Iran will take countermeasures against the European Union.",
            &["IRN IGOEEC 131"],
        ),
    ]);
}

#[test]
fn relations_suspended_with_a_named_partner_reduce_relations() {
    check(&[
        ("Canada suspended trade talks with India.", &["CAN IND 164"]),
        (
            "Germany suspended development cooperation with Niger.",
            &["DEU NER 160"],
        ),
        (
            "Kuwait cut diplomatic relations with Iraq.",
            &["KWT IRQ 161"],
        ),
    ]);
}

#[test]
fn arms_money_and_entry_cut_off_are_sanctions() {
    check(&[
        ("Sweden halted arms exports to Turkey.", &["SWE TUR 1622"]),
        (
            "Russia banned the entry of British officials.",
            &["RUS GBRGOV 163"],
        ),
        (
            "The IMF froze its loan programme for Mozambique.",
            &["IGOIMF MOZ 1621"],
        ),
    ]);
}

#[test]
fn a_partner_named_after_a_possessive_is_consulted() {
    check(&[(
        "The Saudi foreign minister discussed the crisis with his Iranian counterpart.",
        &["SAUGOV IRNGOV 040"],
    )]);
}

#[test]
fn offices_positions_and_weapons_given_up_are_retreats() {
    check(&[
        (
            "The Malian prime minister tendered his resignation.",
            &["MLIGOV - 0831"],
        ),
        (
            "Armenian soldiers vacated their positions.",
            &["ARMMIL - 0874"],
        ),
        ("The rebels handed in their weapons.", &["REB - 0873"]),
        (
            "Iran opened its nuclear sites to inspectors.",
            &["IRN - 0862"],
        ),
    ]);
}

#[test]
fn a_position_given_up_is_a_concession() {
    check(&[
        (
            "Turkey dropped its objection to Sweden's membership.",
            &["TUR SWE 080"],
        ),
        (
            "Hungary softened its stance on the sanctions.",
            &["HUN - 080"],
        ),
    ]);
}

#[test]
fn blame_and_inquiry_in_other_words() {
    check(&[
        (
            "The president faulted Britain for the delay.",
            &["GOV GBR 111"],
        ),
        ("Kenya set up an inquiry into the killings.", &["KEN - 090"]),
    ]);
}

#[test]
fn talks_begun_and_leaders_who_spoke_are_consultations() {
    check(&[
        (
            "The French president spoke with the Chinese president.",
            &["FRAGOV CHNGOV 040"],
        ),
        (
            "India and China began talks on the border dispute.",
            &["CHN IND 040", "IND CHN 040"],
        ),
    ]);
}

#[test]
fn supplies_cut_off_from_a_state_are_sanctions() {
    check(&[
        ("Russia cut off gas supplies to Ukraine.", &["RUS UKR 163"]),
        ("China halted imports from Australia.", &["CHN AUS 163"]),
    ]);
}

#[test]
fn options_ruled_out_and_responses_vowed() {
    check(&[
        (
            "Israel ruled out any compromise on Jerusalem.",
            &["ISR - 120"],
        ),
        ("Iran vowed a harsh response.", &["IRN - 130"]),
    ]);
}

#[test]
fn envoys_sent_to_a_state_visit_it() {
    check(&[("Egypt sent an envoy to Sudan.", &["EGY SDN 042"])]);
}

#[test]
fn members_excluded_diplomats_thrown_out_and_firms_blacklisted() {
    check(&[
        (
            "The Arab League expelled Syria from the organisation.",
            &["IGOARL SYR 160"],
        ),
        (
            "Britain kicked out two Russian diplomats.",
            &["GBR RUSGOV 161"],
        ),
        (
            "The United States put three Chinese companies on its blacklist.",
            &["USA CHNBUS 163"],
        ),
    ]);
}

#[test]
fn a_visitor_in_a_capital_for_talks_is_on_a_visit() {
    check(&[
        (
            "The Russian foreign minister arrived in Pyongyang for a two-day visit.",
            &["RUSGOV - 042"],
        ),
        (
            "The Russian foreign minister arrived in North Korea for a two-day visit.",
            &["RUSGOV PRK 042"],
        ),
        (
            "The Japanese prime minister is in Washington for talks.",
            &["JPNGOV - 042"],
        ),
    ]);
}
