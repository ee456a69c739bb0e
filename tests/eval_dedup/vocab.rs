//! The words of the synthetic news: actors, places, outlets and sentence templates.
//!
//! Placeholders in templates: `{A}`/`{B}` countries, `{Ad}`/`{Bd}` their demonyms, `{P}`/`{Q}`
//! officials (title and name), `{Pn}`/`{Qn}` their surnames, `{C}` a city, `{O}` an
//! organisation, `{T}` the issue, `{N}` a number, `{D}` a weekday, `{M}` a month, `{S}` a
//! speech verb, `{X}` a quote. Templates are shared by every story of a topic, so two stories on
//! one topic with the same actors share many names and phrases: the hard negatives.

/// (country, demonym).
pub const COUNTRIES: &[(&str, &str)] = &[
    ("Japan", "Japanese"),
    ("Russia", "Russian"),
    ("China", "Chinese"),
    ("India", "Indian"),
    ("Brazil", "Brazilian"),
    ("Turkey", "Turkish"),
    ("Egypt", "Egyptian"),
    ("Kenya", "Kenyan"),
    ("Germany", "German"),
    ("France", "French"),
    ("Poland", "Polish"),
    ("Ukraine", "Ukrainian"),
    ("Iran", "Iranian"),
    ("Israel", "Israeli"),
    ("Mexico", "Mexican"),
    ("Argentina", "Argentine"),
    ("Nigeria", "Nigerian"),
    ("Ethiopia", "Ethiopian"),
    ("Vietnam", "Vietnamese"),
    ("Indonesia", "Indonesian"),
    ("South Korea", "South Korean"),
    ("Pakistan", "Pakistani"),
    ("Serbia", "Serbian"),
    ("Armenia", "Armenian"),
    ("Azerbaijan", "Azerbaijani"),
];

/// Cities where things happen.
pub const CITIES: &[&str] = &[
    "Geneva",
    "Vienna",
    "Doha",
    "Istanbul",
    "Nairobi",
    "Jakarta",
    "Brussels",
    "Oslo",
    "Cairo",
    "Warsaw",
    "Riyadh",
    "Singapore",
    "Tashkent",
    "Addis Ababa",
    "Baku",
    "Helsinki",
];

/// Official titles.
pub const TITLES: &[&str] = &[
    "Foreign Minister",
    "Defence Minister",
    "Prime Minister",
    "President",
    "Trade Minister",
    "national security adviser",
    "Deputy Foreign Minister",
    "envoy",
];

/// Given names.
pub const FIRST: &[&str] = &[
    "Anna", "Sergei", "Li", "Rahul", "Maria", "Kemal", "Amina", "David", "Yuki", "Olga", "Ahmed",
    "Carlos", "Ngozi", "Pierre", "Jan", "Leila", "Tomasz", "Hiro", "Fatima", "Viktor",
];

/// Family names.
pub const LAST: &[&str] = &[
    "Petrova", "Ivanov", "Wei", "Sharma", "Silva", "Demir", "Okafor", "Keller", "Tanaka", "Kovacs",
    "Haddad", "Ruiz", "Mensah", "Laurent", "Nowak", "Karimi", "Sato", "Aliyev", "Novak", "Osei",
];

/// Organisations.
pub const ORGS: &[&str] = &[
    "the United Nations",
    "the European Union",
    "the African Union",
    "NATO",
    "the International Atomic Energy Agency",
    "the World Bank",
    "ASEAN",
    "the OSCE",
];

/// Issues a story can be about.
pub const ISSUES: &[&str] = &[
    "the disputed border",
    "the gas pipeline",
    "the detained sailors",
    "the nuclear programme",
    "grain exports",
    "the refugee crisis",
    "fishing rights",
    "the dam project",
    "the airspace violations",
    "the trade tariffs",
];

/// News outlets: (name, domain).
pub const OUTLETS: &[(&str, &str)] = &[
    ("Daily Courier", "dailycourier.example"),
    ("World Wire", "worldwire.example"),
    ("The Globe Ledger", "globeledger.example"),
    ("Evening Post", "eveningpost.example"),
    ("Capital Herald", "capitalherald.example"),
    ("Metro Times", "metrotimes.example"),
    ("Atlas News", "atlasnews.example"),
    ("Harbour Gazette", "harbourgazette.example"),
];

/// Speech verbs.
pub const SAID: &[&str] = &[
    "said",
    "told reporters",
    "said in a statement",
    "stated",
    "added",
];

/// Weekdays.
pub const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Months.
pub const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Quote openings, middles and endings, combined at random.
pub const QUOTE: [&[&str]; 3] = [
    &[
        "We remain committed to",
        "Nobody should doubt",
        "Our position on",
        "There can be no compromise on",
        "We are ready to discuss",
        "It is too early to judge",
        "The world is watching",
        "History will judge",
    ],
    &[
        "a fair settlement of",
        "the seriousness of",
        "practical steps on",
        "the legitimate interests behind",
        "an honest dialogue about",
        "the hard questions around",
        "the humanitarian side of",
        "a lasting arrangement on",
    ],
    &[
        "this long dispute",
        "these difficult issues",
        "what our citizens expect",
        "the coming months",
        "the whole region",
        "every step we take",
        "our shared future",
        "the agreements already signed",
    ],
];

/// Topics: each a name and its own sentence templates.
pub const TOPICS: &[(&str, &[&str])] = &[
    ("talks", &[
        "{Ad} {P} met {Bd} counterpart {Qn} in {C} on {D} for talks on {T}.",
        "The two sides {S} the meeting lasted {N} hours and ended without a joint statement.",
        "{Pn} {S} the talks were frank and that a new round would be held in {M}.",
        "Officials from {A} and {B} had prepared the meeting for {N} weeks, diplomats in {C} said.",
        "It was the first visit by a senior {Ad} official to {B} in {N} years.",
        "{Qn} {S} {B} wanted concrete proposals on {T} before the next round.",
        "A working group of {N} experts will meet in {C} to draft a roadmap, the ministry said.",
        "The talks on {T} were mediated by {O}, which hosted the delegations in {C}.",
        "Neither side gave details of the proposals exchanged on {D}.",
        "{Pn} {S} that {A} would not accept preconditions for the dialogue.",
    ]),
    ("sanctions", &[
        "{A} imposed new sanctions on {N} {Bd} companies on {D} over {T}.",
        "The measures freeze assets and ban exports worth about {N} million dollars a year.",
        "{Bd} {Q} {S} the sanctions were illegal and promised a response.",
        "{Pn} {S} the restrictions would stay in place until {B} changed course on {T}.",
        "Analysts in {C} said the sanctions would hit {Bd} banks hardest.",
        "{B} summoned the {Ad} ambassador on {D} to protest against the measures.",
        "It is the {N}th package of sanctions {A} has adopted since {M}.",
        "{O} called on both countries to avoid steps that could escalate the dispute over {T}.",
        "{Qn} {S} {B} would reduce its dependence on {Ad} suppliers.",
        "The list includes {N} individuals accused of involvement in {T}.",
    ]),
    ("military", &[
        "{A} began military exercises near {T} on {D} involving {N} troops.",
        "{Bd} {Q} {S} the drills were a provocation and put forces on alert.",
        "The exercises will last {N} days and include live fire, the {Ad} defence ministry said.",
        "{N} warships and {N} aircraft are taking part, according to the ministry.",
        "{Pn} {S} the manoeuvres were defensive and planned since {M}.",
        "{O} urged restraint and asked both armies to keep channels of communication open.",
        "Satellite images seen by analysts in {C} showed armoured units moving towards {T}.",
        "{B} said it had tracked {N} {Ad} aircraft near its airspace on {D}.",
        "{Qn} {S} {B} reserved the right to respond to any incursion.",
        "The last large drills near {T} were held in {M} and lasted {N} days.",
    ]),
    ("aid", &[
        "{A} pledged {N} million dollars in aid to {B} on {D} after the floods.",
        "{Pn} announced the package during a visit to {C} with officials from {O}.",
        "The money will fund shelters, clean water and food for about {N} families.",
        "{Bd} {Q} {S} the aid was welcome but far from enough.",
        "{O} estimates that {N} thousand people need help in the affected areas.",
        "The first shipment of {N} tonnes of supplies left {C} on {D}.",
        "{Qn} {S} {B} would distribute the aid through local authorities.",
        "Critics in {A} questioned the cost of the package while {T} remained unresolved.",
        "{Pn} {S} further help depended on progress on {T}.",
        "Aid workers in {C} said roads to {N} villages were still cut.",
    ]),
    ("protest", &[
        "{A} lodged a formal protest with {B} on {D} over {T}.",
        "The {Ad} foreign ministry summoned the {Bd} ambassador and handed over a note.",
        "{Pn} {S} the actions of {B} violated agreements signed in {M}.",
        "{Bd} {Q} rejected the protest and {S} {B} acted within its rights.",
        "It was the {N}th protest {A} has lodged over {T} this year.",
        "{O} said it was following the dispute over {T} closely.",
        "Hundreds of people demonstrated outside the {Bd} embassy in {C} on {D}.",
        "{Qn} {S} the note contained no new facts.",
        "{A} threatened to recall its ambassador if the situation around {T} did not change.",
        "Diplomats in {C} said a compromise on {T} was unlikely before {M}.",
    ]),
    ("agreement", &[
        "{A} and {B} signed an agreement on {T} in {C} on {D}.",
        "{Pn} and {Qn} signed the deal after {N} rounds of negotiations.",
        "The agreement runs for {N} years and can be extended, officials said.",
        "{Pn} {S} the deal opened a new chapter in relations between the two countries.",
        "{Qn} {S} {B} would ratify the agreement by {M}.",
        "Under the deal {A} will invest {N} million dollars in joint projects.",
        "{O} welcomed the agreement and offered to monitor its implementation.",
        "Opposition lawmakers in {B} criticised the terms on {T}.",
        "A joint commission will meet every {N} months to review progress, the text says.",
        "The signing ceremony in {C} was attended by {N} delegations.",
    ]),
];

/// Sentences any story may use: background, reaction, context.
pub const GENERIC: &[&str] = &[
    "Relations between {A} and {B} have been strained since {M}.",
    "{X}, {Pn} {S}.",
    "\"{X},\" {Qn} {S} on {D}.",
    "The dispute over {T} has simmered for {N} years.",
    "Both governments face pressure at home over {T}.",
    "{O} has repeatedly called for dialogue between the two countries.",
    "Markets in {C} reacted calmly to the news on {D}.",
    "Trade between {A} and {B} reached {N} billion dollars last year.",
    "{Pn} is due to travel to {C} in {M}.",
    "The {Ad} parliament will debate the issue of {T} in {M}.",
    "Observers in {C} said the next {N} weeks would be decisive.",
    "{Ad} media described the outcome as a setback for {B}.",
    "A spokesperson for {O} declined to comment on {D}.",
    "{Bd} officials did not respond to a request for comment.",
    "The issue of {T} was also raised at a summit in {C} in {M}.",
    "Some {N} people have been affected by {T}, according to {O}.",
];

/// Boilerplate a republishing outlet may leave around a wire story.
pub const BOILERPLATE: &[&str] = &[
    "Sign up for our daily briefing to get the most important world news in your inbox.",
    "This story has been published from a wire agency feed without modifications to the text.",
    "Copyright {N} {O}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Follow our live coverage for the latest updates on this developing story.",
    "Reporting by {Pn} in {C}; editing by {Qn}.",
    "Read more: our full coverage of world affairs and diplomacy.",
];

/// Word swaps of a light rewording.
pub const SYNONYMS: &[(&str, &str)] = &[
    ("said", "stated"),
    ("talks", "negotiations"),
    ("new", "fresh"),
    ("agreement", "accord"),
    ("officials", "authorities"),
    ("would", "will"),
    ("meeting", "session"),
    ("people", "residents"),
    ("dispute", "row"),
    ("countries", "nations"),
    ("help", "assistance"),
    ("began", "started"),
    ("the", "this"),
];
