//! Office holders outside their terms, titled people the dictionaries do not know, and named
//! agencies and non-governmental organisations, as a specification: sentences and the sources
//! they code to.

use crate::support::coded;

/// "code [country]" of each event's source, in text order.
fn sources(published: &str, body: &str) -> Vec<String> {
    coded::sources(&coded::code("holders", published, body))
}

#[test]
fn a_titled_holder_outside_the_term_keeps_the_state_and_takes_the_title() {
    // Donald Trump took office in 2017: a story dated 2015 that calls him president is still
    // about the United States' government.
    assert_eq!(
        sources("2015-01-01", "President Trump criticized Japan."),
        ["USAGOV [USA]"]
    );
}

#[test]
fn a_surname_alone_outside_the_term_is_nobody() {
    assert!(sources("2015-01-01", "Trump criticized Japan.").is_empty());
}

#[test]
fn a_holder_named_in_full_outside_the_term_is_of_the_nearest_terms_state() {
    assert_eq!(
        sources("1995-05-01", "Vladimir Putin criticized Japan."),
        ["RUSELI [RUS]"]
    );
}

#[test]
fn a_holders_name_inside_another_persons_name_is_not_the_holder() {
    // "Abdelaziz" is a Libyan foreign minister's surname; followed by another name it is
    // someone else's given name, and the title says what that person is.
    assert_eq!(
        sources(
            "2000-06-01",
            "In Cairo, Foreign Minister Abdelaziz Karimi criticized Japan."
        ),
        ["EGYGOV [EGY]"]
    );
}

#[test]
fn a_title_before_an_unknown_name_is_an_office_holder_of_the_sentences_state() {
    assert_eq!(
        sources(
            "2019-03-01",
            "In Berlin, Interior Minister Horst Kramer criticized Turkey."
        ),
        ["DEUGOV [DEU]"]
    );
    // A title alone, without a name, stays what it was: "minister" is nobody.
    assert!(sources("2019-03-01", "A minister criticized Turkey.").is_empty());
}

#[test]
fn non_governmental_organisations_and_federal_agencies_are_actors() {
    assert_eq!(
        sources("2016-05-01", "Amnesty International criticized Egypt."),
        ["NGOAMN [-]"]
    );
    assert_eq!(
        sources("2016-05-01", "Human Rights Watch criticized Greece."),
        ["NGOHRW [-]"]
    );
    assert_eq!(
        sources("2016-05-01", "The Pentagon criticized China."),
        ["USAMIL [USA]"]
    );
    assert_eq!(
        sources("2016-05-01", "USAID criticized Haiti."),
        ["USAGOV [USA]"]
    );
}
