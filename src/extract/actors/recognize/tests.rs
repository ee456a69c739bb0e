//! What recognition makes of the names, places and agent words of a sentence.

use chrono::NaiveDate;

use crate::extract::actors::mentions::Recognized;
use crate::extract::actors::{ActorCode, Lexicon, Referent};
use crate::extract::dictionary::Sources;
use crate::extract::tokens::Tokens;

fn lexicon() -> Lexicon {
    let parsed = Sources::embedded()
        .parse()
        .expect("built-in dictionaries parse");
    Lexicon::new(&parsed).expect("built-in dictionaries are valid")
}

fn recognize(lexicon: &Lexicon, text: &str, year: i32) -> Recognized {
    let date = NaiveDate::from_ymd_opt(year, 6, 1);
    lexicon.recognize(&Tokens::new(text, 0), date, None)
}

/// The codes of the actors recognized in `text` in the middle of `year`, in text order.
fn codes(lexicon: &Lexicon, text: &str, year: i32) -> Vec<String> {
    recognize(lexicon, text, year)
        .mentions
        .into_iter()
        .filter_map(|m| match m.referent {
            Referent::Actor(a) => Some(a.code.to_string()),
            Referent::Anaphor => None,
        })
        .collect()
}

/// Asserts that the first actor recognized in each text, in the middle of `year`, has the code
/// paired with it.
fn first_codes_are(lexicon: &Lexicon, year: i32, cases: &[(&str, &str)]) {
    for &(text, want) in cases {
        assert_eq!(
            codes(lexicon, text, year).first().map(String::as_str),
            Some(want),
            "{text}"
        );
    }
}

#[test]
fn a_town_before_an_agent_word_is_where_the_agent_serves() {
    let lexicon = lexicon();
    let cases = [
        ("Kano police arrested ten traders on Monday.", "NGACOP"),
        ("The Dubai ruler praised the new trade agreement.", "AREGOV"),
        (
            "Misrata's militias shelled the coastal road overnight.",
            "LBYREB",
        ),
    ];
    first_codes_are(&lexicon, 2016, &cases);
}

#[test]
fn a_town_name_alone_stays_a_place_even_before_a_possessive() {
    let lexicon = lexicon();
    let recognized = recognize(
        &lexicon,
        "Misrata's main checkpoint was closed by protesters.",
        2016,
    );
    let countries: Vec<_> = recognized
        .places
        .iter()
        .map(|p| p.country.as_ref().map(ActorCode::as_str))
        .collect();
    assert_eq!(countries, [Some("LBY")]);
    assert!(recognized.mentions.iter().all(|m| !matches!(&m.referent,
        Referent::Actor(a) if a.code.head() == "LBY" && a.agent.is_none())));
}

#[test]
fn a_holders_name_continued_by_another_dictionary_name_is_one_person() {
    let lexicon = lexicon();
    let text = "Sheikh Hamad bin Khalifa al-Thani received the French envoy in Doha.";
    let got = codes(&lexicon, text, 2005);
    assert_eq!(got.first().map(String::as_str), Some("QATGOV"), "{got:?}");
    assert!(got.iter().all(|c| !c.starts_with("LBY")), "{got:?}");
}

#[test]
fn former_officials_are_their_states_elites() {
    let lexicon = lexicon();
    let cases = [
        ("Former U.S. President Jimmy Carter visited Cuba.", "USAELI"),
        (
            "A former Kenyan defence minister criticized the budget.",
            "KENELI",
        ),
        ("Kenyan ministers criticized the budget.", "KENGOV"),
    ];
    first_codes_are(&lexicon, 2016, &cases);
}

#[test]
fn the_states_governor_is_of_the_state_the_sentence_is_set_in() {
    let lexicon = lexicon();
    let got = codes(
        &lexicon,
        "Police in Kano said the state's governor had left.",
        2016,
    );
    assert_eq!(got, ["NGACOP", "NGAGOV"]);
    // Without "the ...'s", a bare title is nobody's.
    let got = codes(&lexicon, "Police in Kano said a governor had left.", 2016);
    assert_eq!(got, ["NGACOP"]);
}

#[test]
fn presiding_officers_of_a_legislature_are_legislators() {
    let lexicon = lexicon();
    let got = codes(
        &lexicon,
        "The Nigerian Senate President met the visiting envoy.",
        2016,
    );
    assert_eq!(got.first().map(String::as_str), Some("NGALEG"));
}

#[test]
fn a_place_after_a_locative_preposition_sets_the_sentence() {
    let lexicon = lexicon();
    // "Tabu" is also the name of a town elsewhere; "in Ubari" is where the clash was.
    let text = "Tabu and Tuareg fighters clashed in Ubari on Sunday.";
    let recognized = recognize(&lexicon, text, 2016);
    assert_eq!(recognized.country(), Some(ActorCode::of("LBY")));
    assert!(codes(&lexicon, text, 2016).contains(&"LBYREB".to_owned()));
}

#[test]
fn the_southeast_asian_nations_acting_together_are_asean() {
    let lexicon = lexicon();
    let got = codes(
        &lexicon,
        "Southeast Asian nations urged Beijing to respect the ruling.",
        2016,
    );
    assert_eq!(got.first().map(String::as_str), Some("IGOSEA"));
}
