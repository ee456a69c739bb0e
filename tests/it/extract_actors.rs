//! Who acted and where, as a specification: sentences and the actors and countries they code
//! to (purpose infinitives, ethnic minorities, transnational groups, places and domestic actors
//! of the regional dictionaries).

use demarche::model::DiplomaticEvent;

use crate::support::coded;

fn code(body: &str) -> Vec<DiplomaticEvent> {
    coded::code("actors", "2016-02-10", body)
}

/// "code [country]" of each event's source, in text order.
fn sources(body: &str) -> Vec<String> {
    coded::sources(&code(body))
}

#[test]
fn an_infinitive_of_purpose_shares_the_subject_of_the_verb_before_it() {
    let events =
        code("Ghana's president will visit Togo and Benin to mediate in the border dispute.");
    let mediation: Vec<&DiplomaticEvent> =
        events.iter().filter(|e| e.cameo.code == "045").collect();
    assert!(!mediation.is_empty(), "{events:?}");
    assert!(
        mediation.iter().all(|e| e.source.code == "GHAGOV"),
        "{events:?}"
    );
}

#[test]
fn an_object_allowed_to_act_keeps_the_act() {
    let events = code("Kenya allowed Somalia to hold talks with the rebels in Nairobi.");
    let talks: Vec<&DiplomaticEvent> = events.iter().filter(|e| e.cameo.code == "040").collect();
    assert!(!talks.is_empty(), "{events:?}");
    assert!(talks.iter().all(|e| e.source.code == "SOM"), "{events:?}");
}

#[test]
fn an_ethnic_minority_belongs_to_the_state_it_lives_in() {
    assert_eq!(
        sources("Ethnic Albanians protested in Serbia on Tuesday."),
        ["SRBCVL [SRB]"]
    );
}

#[test]
fn a_transnational_group_acts_in_the_country_of_the_sentence() {
    let events = code("Al-Qaeda fighters attacked a military base in northern Mali on Sunday.");
    let attack = events.first().expect("an attack");
    assert_eq!(attack.source.code, "IMGMUS");
    assert_eq!(attack.source.country.as_deref(), Some("MLI"));
}

#[test]
fn townships_districts_and_zones_give_bare_agents_their_country() {
    let cases: &[(&str, &str)] = &[
        (
            "Police fired tear gas at protesters in Khayelitsha on Monday.",
            "ZAF",
        ),
        (
            "Soldiers killed two farmers in Girawa district on Friday.",
            "ETH",
        ),
        (
            "Unidentified gunmen shot dead a trader in Wardhiigley district.",
            "SOM",
        ),
        (
            "Gunmen killed two civilians in Bwiza on Sunday night.",
            "BDI",
        ),
        ("Soldiers beat villagers near Kolofata on Monday.", "CMR"),
    ];
    for (text, country) in cases {
        let events = code(text);
        assert!(
            events
                .iter()
                .any(|e| e.source.country.as_deref() == Some(*country)),
            "{text}: {events:?}"
        );
    }
}

#[test]
fn local_groups_and_institutions_are_actors_of_their_state() {
    let cases: &[(&str, &str)] = &[
        ("Students at UCT protested against fee increases.", "ZAFEDU"),
        ("FRPI militiamen attacked a village in Ituri.", "CODREB"),
        ("Members of SAMWU went on strike over wages.", "ZAFLAB"),
        (
            "SNG soldiers attacked a village near Afgooye on Monday.",
            "SOMGOV",
        ),
    ];
    for (text, source) in cases {
        let events = code(text);
        assert!(
            events.iter().any(|e| e.source.code == *source),
            "{text}: {events:?}"
        );
    }
}

/// The first event's "code source [country] -> target".
fn first_event(body: &str) -> String {
    let events = code(body);
    let e = events
        .first()
        .unwrap_or_else(|| panic!("no event in {body:?}"));
    let country = e.source.country.as_deref().unwrap_or("-");
    let target = e.target.as_ref().map_or("-", |t| t.code.as_str());
    format!("{} {} [{country}] -> {target}", e.cameo.code, e.source.code)
}

#[test]
fn military_alone_is_the_armed_forces_only_where_no_noun_follows() {
    let clash = first_event("Clashes between military and rebels in Darfur left ten dead.");
    assert_eq!(clash, "190 SDNMIL [SDN] -> SDNREB");
    let sent = sources("Sudan sent military and civilian advisers to Darfur.");
    assert!(sent.iter().all(|s| !s.contains("MIL")), "{sent:?}");
}

#[test]
fn armed_forces_that_clash_fight_and_crowds_that_clash_riot() {
    assert_eq!(
        first_event("Rebels clashed with soldiers near Bunia on Monday."),
        "190 CODREB [COD] -> CODMIL"
    );
    assert_eq!(
        first_event("Youths clashed with police in Nairobi on Monday."),
        "145 KENCVL [KEN] -> KENCOP"
    );
}

#[test]
fn a_town_takes_the_country_of_the_larger_place_named_after_it() {
    // "Tola" is also a town in Nicaragua; the region after it says which one is meant.
    assert_eq!(
        sources("Police arrested ten students in Tola, Tigray region, on Friday."),
        ["ETHCOP [ETH]"]
    );
    // A list of places is no such chain: each keeps its own country.
    let events = code("Russian jets bombed targets in Aleppo, Kyiv and Lviv.");
    assert!(
        events
            .iter()
            .all(|e| e.source.country.as_deref() == Some("RUS")),
        "{events:?}"
    );
}

#[test]
fn a_transnational_group_does_not_borrow_the_country_of_its_target() {
    let events = code("Al-Qaeda threatened to attack the United States.");
    let threat = events.first().expect("a threat");
    assert_eq!(threat.source.code, "IMGMUS");
    assert_eq!(threat.source.country, None);
}

#[test]
fn people_who_protest_or_riot_do_so_in_the_street() {
    let protest = first_event("Farmers protested against the new land law in Nakuru on Monday.");
    assert!(protest.starts_with("14"), "{protest}");
    let riot = first_event("Protesters stormed the governor's office in Nakuru.");
    assert!(riot.starts_with("145 KENOPP"), "{riot}");
}

#[test]
fn the_authorities_with_modifiers_are_the_government_of_the_place() {
    assert_eq!(
        first_event("The local authorities banned all rallies in Harare."),
        "1721 ZWEGOV [ZWE] -> -"
    );
}

#[test]
fn a_count_of_victims_reports_a_killing() {
    assert_eq!(
        first_event("Cattle raiders killed 8 herders in Tonj on Sunday."),
        "190 SSDCRM [SSD] -> SSDCVL"
    );
    let nameless = first_event("Gunmen killed 12 in an attack on Kawo.");
    assert!(nameless.starts_with("190 "), "{nameless}");
}

#[test]
fn an_unknown_office_holder_does_not_take_the_state_it_acts_on() {
    // A governor the dictionaries do not know criticizes another state: the governor is not
    // that state's; without a state of their own, the event keeps the target's.
    let events = code("Governor Maria Lindqvist sharply criticized Brazil on Tuesday.");
    assert!(!events.is_empty(), "{events:?}");
    for e in &events {
        assert_ne!(e.source.country.as_deref(), Some("BRA"), "{events:?}");
        assert_eq!(e.source.code, "GOV", "{events:?}");
    }
}

#[test]
fn a_crowd_still_takes_the_state_of_the_story() {
    assert_eq!(
        sources("Protesters denounced the Kenyan government on Friday."),
        ["KENOPP [KEN]"]
    );
}

#[test]
fn abbreviated_ranks_and_titles_name_office_holders() {
    let cases: &[(&str, &str)] = &[
        ("Lt. Gen. Omar Diallo resigned on Monday.", "MIL"),
        ("Gov. Maria Lindqvist criticized Brazil on Tuesday.", "GOV"),
        ("Sen. Maria Lindqvist criticized Brazil on Tuesday.", "LEG"),
    ];
    for (text, agent) in cases {
        let events = code(text);
        assert!(
            events.iter().any(|e| e.source.code.ends_with(agent)),
            "{text}: {events:?}"
        );
    }
}

#[test]
fn peacekeepers_of_an_international_organisation_are_the_organisation() {
    let events = code("NATO peacekeeping troops clashed with rebels in Kosovo on Monday.");
    assert!(
        events.iter().any(|e| e.source.code == "IGONAT"),
        "{events:?}"
    );
}
