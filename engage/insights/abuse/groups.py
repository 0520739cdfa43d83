"""Identity-group terms: groups defined by a protected characteristic.

Written for Engage (AGPL-3.0-or-later, like the project). Religion or belief, ethnicity
and nationality, migration status, sex and gender identity, sexual orientation,
disability and age. A mention of one of these is never a signal by itself: only a
hostile construction around it is (``patterns.py``).
"""

# Plural and singular nouns that name a group on their own.
# fmt: off
GROUP_NOUNS = {
    "muslims", "muslim", "moslems", "moslem", "jews", "jew", "christians", "christian",
    "catholics", "catholic", "protestants", "hindus", "hindu", "sikhs", "sikh", "buddhists",
    "buddhist", "atheists", "atheist", "mormons", "blacks", "whites", "africans", "african",
    "asians", "asian", "arabs", "arab", "pakistanis", "pakistani", "bangladeshis",
    "indians", "mexicans", "mexican", "latinos", "latino", "latinas", "hispanics",
    "hispanic", "roma", "romani", "gypsies", "gypsy", "poles", "romanians", "romanian",
    "somalis", "somali", "turks", "kurds", "syrians", "afghans", "nigerians", "eritreans",
    "jamaicans", "albanians", "chinese", "palestinians", "israelis", "foreigners",
    "foreigner", "minorities", "non-whites", "immigrants", "immigrant", "migrants",
    "migrant", "refugees", "refugee", "asylum-seekers", "illegals", "newcomers", "women",
    "woman", "females", "men", "transgenders", "transsexuals", "transwomen", "transmen",
    "enbies", "gays", "lesbians", "lesbian", "bisexuals", "homosexuals", "homosexual",
    "autistics", "cripples", "paraplegics", "pensioners", "elderly", "travellers",
    "travelers",
}
# fmt: on

# Adjectives that name a group in front of a person noun ("gay men", "disabled people"),
# or after "the" ("the disabled").
# fmt: off
GROUP_ADJECTIVES = {
    "muslim", "jewish", "christian", "catholic", "hindu", "sikh", "buddhist", "black",
    "white", "brown", "african", "asian", "arab", "arabic", "pakistani", "indian",
    "chinese", "mexican", "latino", "hispanic", "roma", "romani", "gypsy", "polish",
    "romanian", "somali", "turkish", "kurdish", "syrian", "afghan", "nigerian", "eritrean",
    "jamaican", "albanian", "irish", "foreign", "immigrant", "migrant", "refugee", "gay",
    "lesbian", "bisexual", "bi", "queer", "homosexual", "lgbt", "lgbtq", "lgbtq+",
    "lgbtqia", "trans", "transgender", "transsexual", "non-binary", "nonbinary", "intersex",
    "disabled", "autistic", "blind", "deaf", "handicapped", "paralysed", "wheelchair",
    "elderly", "female",
}
# fmt: on

# fmt: off
PERSON_NOUNS = {
    "drivers", "teachers", "doctors", "nurses", "councillors", "politicians", "leaders",
    "players", "footballers", "gangs", "shopkeepers", "landlords", "builders", "bosses",
    "members", "voters", "people", "persons", "person", "men", "man", "women", "woman",
    "folk", "folks", "kids", "children", "families", "family", "guys", "guy", "girls",
    "boys", "community", "communities", "population", "neighbours", "neighbors",
    "immigrants", "migrants", "refugees", "users", "individuals", "couples", "citizens",
    "workers", "students", "youths", "teenagers", "lads", "ladies", "parents", "mothers",
    "fathers", "lives",
}
# fmt: on

# Multi-word names that the two sets above do not build.
# fmt: off
GROUP_PHRASES = {
    ("people", "of", "colour"), ("people", "of", "color"), ("people", "with",
    "disabilities"), ("people", "with", "a", "disability"), ("asylum", "seekers"),
    ("asylum", "seeker"), ("ethnic", "minorities"), ("the", "disabled"), ("the", "blind"),
    ("the", "deaf"), ("the", "elderly"), ("the", "mentally", "ill"), ("mentally", "ill",
    "people"), ("people", "with", "down", "syndrome"), ("wheelchair", "users"), ("old",
    "people"), ("older", "people"), ("the", "lgbt", "community"), ("the", "gay",
    "community"), ("the", "trans", "community"),
}
# fmt: on

# "they", "them"… stand for a group only when the text names one.
# fmt: off
GROUP_PRONOUNS = {
    "they", "them", "theyre",
}
# fmt: on
# fmt: off
GROUP_PRONOUN_PHRASES = {
    ("these", "people"), ("those", "people"), ("such", "people"), ("their", "kind"),
    ("that", "lot"), ("this", "lot"), ("these", "types"), ("those", "types"),
}
# fmt: on

# Quantifiers and determiners that may stand before a group ("all the", "these fucking").
DETERMINERS = (
    "all|the|these|those|most|many|some|every|each|any|such|so many|too many|all of the|"
    "all these|all those|every single|every last|every single one of|each one of|all of|"
    "every one of|every last one of|one of|fucking|bloody|damn|dirty|filthy|stupid|"
    "disgusting|typical|you|your|our|their|a|an|that|this|next|first|other|last|more|another|"
    "any more|of the|of these|of those|one"
)
