//! Event coding, as a specification: sentences and what they code to, the reference article of
//! the issue, dictionary validation, and the contract details (ids, dedup, offsets).

use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use demarche::extract::{Coder, DictionaryError, ExtractConfig};
use demarche::model::{Article, ArticleId, DatePrecision, DiplomaticEvent};
use demarche::settings::Valid;

use crate::support::reference;

fn article(id: &str, published: &str, body: &str) -> Article {
    let date = NaiveDate::parse_from_str(published, "%Y-%m-%d").expect("test date");
    Article {
        id: ArticleId::new(id),
        url: Some("https://example.org/a".into()),
        source: Some("example".into()),
        title: "Title".into(),
        body: body.into(),
        published_at: date.and_hms_opt(9, 0, 0).map(|d| Utc.from_utc_datetime(&d)),
        date_precision: DatePrecision::Exact,
        language: "en".into(),
        wire_sources: Vec::new(),
        dateline: None,
    }
}

fn coder() -> Coder {
    Coder::embedded().expect("the built-in dictionaries are valid")
}

fn triples(events: &[DiplomaticEvent]) -> Vec<String> {
    let mut out: Vec<String> = events
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e.source.code,
                e.target.as_ref().map_or("-", |t| t.code.as_str()),
                e.cameo.code
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn sentences_code_as_the_conventions_say() {
    let cases: &[(&str, &str, &[&str])] = &[
        // intent versus action, reciprocal compound subject
        (
            "2013-11-02",
            "Japan and Russia agreed on Saturday to hold joint military exercises.",
            &["JPN RUS 0312", "RUS JPN 0312"],
        ),
        (
            "2013-11-02",
            "Japan and Russia held joint military exercises.",
            &["JPN RUS 062", "RUS JPN 062"],
        ),
        // agents and demonyms compose
        (
            "2014-05-21",
            "Russian troops attacked Ukrainian positions.",
            &["RUSMIL UKR 190"],
        ),
        // passive voice
        (
            "2014-05-21",
            "Japan was criticized by China.",
            &["CHN JPN 111"],
        ),
        // negation is not an intent
        (
            "2014-05-21",
            "Japan did not agree to hold talks with Russia.",
            &[],
        ),
        // refusal
        (
            "2014-05-21",
            "Iran refused to release the British sailors.",
            &["IRN GBR 1243"],
        ),
        // reported speech codes the reported event
        (
            "2018-06-13",
            "Trump said Kim Jong Un would visit the White House.",
            &["PRKGOV USAGOV 036"],
        ),
        // nominal trigger with "between"
        (
            "2013-11-02",
            "Talks between Japan and Russia ended.",
            &["JPN RUS 040", "RUS JPN 040"],
        ),
        // compound source, one target
        (
            "2016-09-10",
            "South Korea, Japan and the United States condemned North Korea's nuclear test.",
            &["JPN PRK 111", "KOR PRK 111", "USA PRK 111"],
        ),
        // capitals are governments
        (
            "2014-08-15",
            "Kyiv accused Moscow of sending tanks across the border.",
            &["UKRGOV RUSGOV 1123"],
        ),
        // threats
        (
            "2014-08-15",
            "China threatened to impose sanctions on Japan.",
            &["CHN JPN 1312"],
        ),
        // appeals and demands take their sub-code from the action asked for
        (
            "2018-06-13",
            "China urged Japan to release the fishermen.",
            &["CHN JPN 0253"],
        ),
        (
            "2018-06-13",
            "Britain demanded that Iran release the sailors.",
            &["GBR IRN 1053"],
        ),
        (
            "2018-06-13",
            "Iraqi lawmakers demanded the withdrawal of U.S. troops.",
            &["IRQLEG USAMIL 1056"],
        ),
        // a meeting in a third country
        (
            "2018-06-13",
            "Kim Jong Un and Donald Trump met in Singapore.",
            &["PRKGOV USAGOV 044", "USAGOV PRKGOV 044"],
        ),
        // the reported event, not the statement
        (
            "2008-08-10",
            "Russian warplanes bombed the Georgian town of Gori, Georgian officials said.",
            &["RUSMIL GEO 195"],
        ),
        // no event whose only content is that someone spoke; a statement about a target is one
        ("2018-06-13", "The Kremlin said the visit was useful.", &[]),
        (
            "2019-05-02",
            "Japan criticised China's handling of the dispute.",
            &["JPN CHN 111"],
        ),
        // a protest always has protesters: implied, of the country of the place it names
        (
            "2016-01-18",
            "A protest took place outside the parliament in Kano on Monday.",
            &["NGAOPP - 140"],
        ),
        // the agent of a passive, after modifiers (fighting between armed men and soldiers is
        // 190); actors of no state take the place's country
        (
            "2016-02-02",
            "Two soldiers were killed by suspected militants near Maiduguri.",
            &["NGAINS NGAMIL 190"],
        ),
        // what protesters demand has not happened: a demand for a release (1053), not a release
        (
            "2016-01-18",
            "Hundreds of residents marched through Kano to demand the release of the cleric.",
            &["NGACVL - 1053", "NGACVL - 141"],
        ),
        // a named domestic actor carries its state, and so do bare agents beside it
        (
            "2016-03-01",
            "Police fired tear gas at MDC-T supporters in a township.",
            &["ZWECOP ZWEOPP 175"],
        ),
        (
            "2016-03-01",
            "FARDC soldiers attacked M23 rebels on Tuesday.",
            &["CODMIL CODREB 190"],
        ),
        // a people's name carries its state; protesters after it take over its agent
        (
            "2016-03-01",
            "Thousands of Oromo protesters marched through the town on Sunday.",
            &["ETHOPP - 141"],
        ),
        // conditions and cancellations did not happen; a hostile act announced is a threat
        (
            "2016-01-13",
            "If China attacks Taiwan, Japan will impose sanctions on China.",
            &["JPN CHN 1312"],
        ),
        ("2016-01-13", "Japan postponed talks with China.", &[]),
        (
            "2016-01-13",
            "Talks between Japan and China were called off.",
            &[],
        ),
        // a reported obligation is the speaker's demand of its subject; without a speaker, nothing
        (
            "2016-01-13",
            "Canada said on Friday that Venezuela must withdraw its troops from the border.",
            &["CAN VEN 1056"],
        ),
        ("2016-01-15", "Venezuela must withdraw its troops from the border.", &[]),
        // an appeal reaches over its addressees to what it asks
        (
            "2024-07-01",
            "The African Union called on Sudan's army and the paramilitary forces to agree to an immediate ceasefire.",
            &["IGOAFU SDNMIL 0256"],
        ),
        // "battle tank" is no battle
        (
            "2024-05-20",
            "France and Germany signed an agreement on Monday to develop a new battle tank.",
            &["DEU FRA 057", "FRA DEU 057"],
        ),
        // reported speech: the complement's event, coded as it happened
        (
            "2016-02-09",
            "The ministry said soldiers had shelled rebel positions near Kismayo overnight.",
            &["SOMMIL SOMREB 194"],
        ),
        ("2018-06-13", "Putin said trade grew 5 percent.", &[]),
        // background noun phrases are not reports
        (
            "2022-03-03",
            "China declined to condemn Russia's invasion of Ukraine.",
            &[],
        ),
        // sport is not war
        (
            "2018-06-18",
            "Mexico beat Germany 1-0 in Moscow on Sunday.",
            &[],
        ),
        // an appositive is not the subject, however long
        (
            "2019-04-10",
            "Chile, a close trading partner of Argentina, criticized Peru.",
            &["CHL PER 111"],
        ),
        // a verb after "but" and its auxiliaries shares the first verb's subject
        (
            "2019-04-10",
            "Kenya reopened its border with Somalia but was still refusing entry to Ethiopians.",
            &["KEN ETH 120", "KEN SOM 0872"],
        ),
        // a negated future is a refusal; a contracted negation is a negation
        (
            "2019-04-10",
            "The EU won't lift the embargo on Belarus.",
            &["IGOEEC BLR 1244"],
        ),
        (
            "2019-04-10",
            "Serbia will never recognize Kosovo.",
            &["SRB XKX 120"],
        ),
        ("2019-04-10", "The EU didn't lift the embargo on Belarus.", &[]),
        // bare agents take the country of a place named later in the article
        (
            "2019-04-10",
            "Gunmen killed five villagers on Sunday. The attack happened in Nigeria, police said.",
            &["NGAINS NGACVL 190"],
        ),
        // a hyphenated compound counts as one word in a pattern's gap
        (
            "2019-04-10",
            "Kenya has lifted a two-month-old state of emergency.",
            &["KEN - 0814"],
        ),
        // "clashes between" two bare agents: both fought, in the country of the place
        (
            "2019-04-10",
            "Clashes between the army and rebels near Kadugli killed ten people.",
            &["SDNMIL SDNREB 190", "SDNREB SDNMIL 190"],
        ),
        // air strikes, shelling and bombs imply an armed force or group of no known state,
        // aimed at the state of the place; without a place nothing is coded
        (
            "2019-04-10",
            "Air strikes hit the outskirts of Sirte on Monday.",
            &["MIL LBY 195"],
        ),
        (
            "2019-04-10",
            "A roadside bomb exploded near Baidoa.",
            &["INS SOM 1833"],
        ),
        (
            "2019-04-10",
            "Somalia braces for elections. A bomb exploded on Monday.",
            &[],
        ),
        ("2019-04-10", "Two people were killed in Kano.", &[]),
        // declining a military act is a rejection
        (
            "2019-04-10",
            "Egypt refused to send troops to Yemen.",
            &["EGY YEM 120"],
        ),
        // a threatened military strike is not a labour strike
        (
            "2019-04-10",
            "North Korea threatened to strike the United States.",
            &["PRK USA 1384"],
        ),
        // sanctions in the passive: the "by" group imposes them
        (
            "2019-04-10",
            "Belarus was hit with new sanctions by the European Union.",
            &["IGOEEC BLR 163"],
        ),
        // an expulsion in the passive names the expelling state after "from"
        (
            "2019-04-10",
            "Two Canadian diplomats were expelled from Russia.",
            &["RUS CANGOV 174"],
        ),
        // announced retaliation is a threat; "any attack" is only supposed
        (
            "2019-04-10",
            "Pakistan said it would retaliate against any attack by India.",
            &["PAK - 138"],
        ),
        // an introductory phrase before the speaker does not make it a trailing attribution
        (
            "2019-04-10",
            "On Monday, Israel said it would hold talks with Jordan.",
            &["ISR JOR 036"],
        ),
        (
            "2019-04-10",
            "On Sunday, Russian warplanes bombed the Georgian town of Gori, Georgian officials said.",
            &["RUSMIL GEO 195"],
        ),
        // a negation word inside an actor's name negates nothing
        (
            "2019-04-10",
            "Doctors Without Borders accused Israel of blocking aid.",
            &["NGOMSF ISR 112"],
        ),
        (
            "2019-04-10",
            "Israel did not accuse Egypt of blocking aid.",
            &[],
        ),
        // no actor, no event; figures are not events
        (
            "2012-02-21",
            "Japan's exports fell 9.3 percent in January from a year earlier.",
            &[],
        ),
    ];
    let c = coder();
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(published, text, want)| {
            let got = triples(&c.code(&article("t", published, text)));
            (got != *want).then(|| format!("coding {text:?}\n  got  {got:?}\n  want {want:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn office_holders_are_selected_by_the_article_date() {
    let c = coder();
    let e = c.code(&article("t", "2013-11-02", "Putin criticized Japan."));
    assert_eq!(triples(&e), ["RUSGOV JPN 111"]);
    assert_eq!(e[0].source.name.as_deref(), Some("Vladimir Putin"));
    // Out of office, a person named in full is one of the state's elites; a surname alone is
    // nobody.
    let before = c.code(&article(
        "t",
        "1995-05-01",
        "Vladimir Putin criticized Japan.",
    ));
    assert_eq!(triples(&before), ["RUSELI JPN 111"]);
    let surname = c.code(&article("t", "1995-05-01", "Putin criticized Japan."));
    assert!(triples(&surname).is_empty(), "{surname:?}");
}

#[test]
fn dates_places_and_evidence_are_resolved_from_the_sentence() {
    let c = coder();
    let body = "Intro line.\n\nU.S. President Barack Obama and Russian President Dmitry Medvedev signed a treaty in Prague on Thursday.";
    let events = c.code(&article("a", "2010-04-09", body));
    assert_eq!(triples(&events), ["RUSGOV USAGOV 057", "USAGOV RUSGOV 057"]);
    let e = &events[0];
    assert_eq!(e.date.event_date, NaiveDate::from_ymd_opt(2010, 4, 8));
    assert_eq!(
        e.location.as_ref().and_then(|l| l.country.as_deref()),
        Some("CZE")
    );
    assert_eq!(&body[e.evidence.start..e.evidence.end], e.evidence.sentence);
    assert_eq!(
        &body[e.evidence.trigger.start..e.evidence.trigger.end],
        e.evidence.trigger.text
    );
    assert!(e.evidence.trigger.text.starts_with("signed"));
    assert_eq!(e.coder.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(e.coder.dictionary_version, c.dictionary_version());
}

#[test]
fn identical_events_in_one_article_are_emitted_once_with_stable_ids() {
    let c = coder();
    let body = "China criticized Japan.\n\nChina criticized Japan.";
    let first = c.code(&article("a", "2014-01-01", body));
    assert_eq!(first.len(), 1);
    assert_eq!(first, c.code(&article("a", "2014-01-01", body)));
}

#[test]
fn the_coder_is_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Coder>();
}

#[test]
fn config_selects_dictionaries_and_filters_by_confidence() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dictionaries");
    let from_dir = Coder::from_dir(Path::new(dir)).expect("the repository dictionaries are valid");
    assert_eq!(from_dir.dictionary_version(), coder().dictionary_version());
    let strict = ExtractConfig {
        min_confidence: 1.0,
        ..ExtractConfig::default()
    };
    let c = Coder::from_config(&Valid::new(strict).expect("valid")).expect("coder");
    assert!(c
        .code(&article("t", "2014-01-01", "China may criticize Japan."))
        .is_empty());
}

fn dictionary_error(file: &str, edit: impl Fn(&str) -> String) -> DictionaryError {
    let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/config/dictionaries"));
    let tmp = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(src).expect("dictionaries") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let text = std::fs::read_to_string(&path).expect("read");
        let text = if name == file { edit(&text) } else { text };
        std::fs::write(tmp.path().join(&name), text).expect("write");
    }
    Coder::from_dir(tmp.path()).expect_err("the edited dictionaries are invalid")
}

#[test]
fn invalid_dictionaries_are_reported_with_file_and_entry() {
    type Edit = fn(&str) -> String;
    let cases: &[(&str, Edit, &str)] = &[
        (
            "agents.toml",
            |t| format!("{t}\n[[agent]]\ncode = \"MIL\"\nwords = [\"government\"]\n"),
            "government",
        ),
        (
            "patterns.toml",
            |t| format!("{t}\n[[event]]\ncode = \"999\"\nphrases = [\"x\"]\n"),
            "999",
        ),
        (
            "patterns.toml",
            |t| format!("{t}\n[[event]]\ncode = \"010\"\nphrases = [\"* x\"]\n"),
            "must start with a word",
        ),
        (
            "places.toml",
            |t| format!("{t}\n[[place]]\ncountry = \"XXX\"\nnames = [\"Atlantis\"]\n"),
            "XXX",
        ),
        (
            "places.toml",
            |t| format!("{t}\n[[place]]\ncountry = \"JPN\"\nnames = [\"Moscow\"]\n"),
            "claimed by both",
        ),
        (
            "cameo.toml",
            |t| t.replace("goldstein = -10.0", "goldstein = -11.0"),
            "goldstein",
        ),
        (
            "patterns.toml",
            |t| format!("{t}\nunknown_key = 1\n"),
            "patterns.toml is malformed",
        ),
        (
            "domestic.toml",
            |t| {
                format!("{t}\n[[actor]]\ncode = \"ZWEREB\"\nname = \"Test Movement\"\nnames = [\"Test Movement\"]\n")
            },
            "domestic.toml, entry Test Movement: code",
        ),
        (
            "domestic.toml",
            |t| {
                format!("{t}\n[[actor]]\ncode = \"NGAOPP\"\nname = \"Test Movement\"\nnames = [\"Boko Haram\"]\n")
            },
            "claimed by both",
        ),
        (
            "domestic.toml",
            |t| {
                format!("{t}\n[[actor]]\ncode = \"ZWEOPP\"\nname = \"Test Movement\"\nnames = [\"Test\"]\nseats = []\n")
            },
            "domestic.toml is malformed",
        ),
    ];
    for (file, edit, needle) in cases {
        let err = dictionary_error(file, *edit).to_string();
        assert!(err.contains(needle), "{file}: {err}");
    }
}

#[test]
fn an_intention_is_dated_forward_and_an_undated_event_by_its_article() {
    let c = coder();
    // Published on Wednesday 13 January 2016: "Monday" ahead is the 18th, behind the 11th.
    let will = c.code(&article(
        "t",
        "2016-01-13",
        "Japan will hold talks with China on Monday.",
    ));
    let held = c.code(&article(
        "t",
        "2016-01-13",
        "Japan held talks with China on Monday.",
    ));
    let undated = c.code(&article("t", "2016-01-13", "Japan held talks with China."));
    let date = |events: &[DiplomaticEvent]| {
        events.first().map(|e| {
            (
                e.date.event_date.map(|d| d.to_string()),
                e.date.date_precision,
            )
        })
    };
    let day = |d: &str| Some((Some(d.to_owned()), DatePrecision::Day));
    assert_eq!(date(&will), day("2016-01-18"), "{will:?}");
    assert_eq!(date(&held), day("2016-01-11"), "{held:?}");
    assert_eq!(
        date(&undated),
        Some((Some("2016-01-13".to_owned()), DatePrecision::Article))
    );
}

#[test]
fn the_patterns_cover_every_root_and_150_codes() {
    let (phrases, codes) = coder().pattern_stats();
    assert!(phrases > 500, "{phrases} phrases");
    assert!(codes >= 150, "{codes} codes");
}

/// The reference article of the issue, read at run time (it is not part of the repository);
/// `None` where the shared directory is absent.
fn reference_article() -> Option<Article> {
    let mut a = article("dw-2013-11-02", "2013-11-02", &reference::story()?);
    a.title = reference::title()?;
    Some(a)
}

#[test]
fn reference_article_codes_the_events_the_issue_names_and_nothing_else() {
    let Some(a) = reference_article() else {
        return;
    };
    let events = coder().code(&a);
    let has = |src: &str, tgt: &str, codes: &[&str]| {
        events.iter().any(|e| {
            e.source.country.as_deref() == Some(src)
                && e.target.as_ref().and_then(|t| t.country.as_deref()) == Some(tgt)
                && codes.contains(&e.cameo.code.as_str())
        })
    };
    let listing = triples(&events).join("\n");
    // intent to cooperate militarily, both directions
    assert!(
        has("JPN", "RUS", &["0312"]) && has("RUS", "JPN", &["0312"]),
        "{listing}"
    );
    // their defence and diplomatic talks
    assert!(
        has("JPN", "RUS", &["040", "046"]) && has("RUS", "JPN", &["040", "046"]),
        "{listing}"
    );
    // Russia's concern about Japan's part in the US missile-defence plans
    assert!(has("RUS", "JPN", &["012"]), "{listing}");
    // the leaders' meetings
    assert!(
        events.iter().any(|e| e.source.code == "JPNGOV"
            && e.target.as_ref().is_some_and(|t| t.code == "RUSGOV")
            && e.cameo.code == "040"),
        "{listing}"
    );
    // the April agreement to revive talks: month precision
    let april = events
        .iter()
        .find(|e| e.cameo.code == "036" && e.date.date_precision == DatePrecision::Month);
    let april = april.unwrap_or_else(|| panic!("no April agreement in\n{listing}"));
    assert_eq!(april.date.event_date, NaiveDate::from_ymd_opt(2013, 4, 1));
    // stepped-up energy cooperation
    assert!(
        has("JPN", "RUS", &["061"]) && has("RUS", "JPN", &["061"]),
        "{listing}"
    );
    // nothing from the trade figures or the credits; everything dated from the article
    for e in &events {
        assert!(
            !e.evidence.sentence.contains("$33 billion"),
            "trade figures coded: {e:?}"
        );
        assert!(
            !e.evidence.sentence.contains("Reuters"),
            "credits coded: {e:?}"
        );
        assert!(e
            .date
            .event_date
            .is_some_and(|d| d <= NaiveDate::from_ymd_opt(2013, 11, 2).expect("date")));
    }
}
