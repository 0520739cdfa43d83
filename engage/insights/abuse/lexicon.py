"""Word lists of the English abuse detector.

Written for Engage (AGPL-3.0-or-later, like the project); none copied from another list.
Slurs are the most common English slurs against the groups in ``groups.py``; profanity
is the common strong swearing of British and American English. Each list holds only
words whose hostile use is unambiguous in the constructions of ``patterns.py``.
"""

# Very negative attributes: "<group> are ___" is derogation.
# fmt: off
DEROGATORY_ATTRIBUTES = {
    "rapist", "thief", "terrorist", "paedophile", "pedophile", "predator", "groomer",
    "liar", "coward", "barbarian", "scrounger", "freeloader", "sponger", "invader", "loser",
    "idiot", "moron", "pervert", "fanatic", "extremist", "failure", "emotional",
    "irrational", "hysterical", "unstable", "waste", "abominable", "scroungers", "thieving",
    "disgusting", "repulsive", "revolting", "repugnant", "vile", "gross", "filthy", "dirty",
    "nasty", "foul", "despicable", "detestable", "loathsome", "inferior", "worthless",
    "useless", "pathetic", "stupid", "dumb", "thick", "idiots", "morons", "imbeciles",
    "retarded", "evil", "wicked", "sick", "sickening", "perverts", "perverted", "deviants",
    "deviant", "degenerate", "degenerates", "abominations", "abomination", "abnormal",
    "unnatural", "criminals", "criminal", "thieves", "rapists", "terrorists", "paedophiles",
    "pedophiles", "predators", "groomers", "liars", "cowards", "barbarians", "barbaric",
    "primitive", "uncivilised", "uncivilized", "backward", "lazy", "freeloaders",
    "spongers", "dangerous", "violent", "menace", "burden", "drain", "curse", "blight",
    "disgrace", "ugly", "hideous", "crazy", "insane", "brainwashed", "unclean", "smelly",
    "stinking", "greedy", "sneaky", "untrustworthy", "dishonest", "treacherous", "invaders",
    "idiotic", "moronic", "losers", "freaks", "freak", "delusional", "mentally", "hateful",
    "awful", "horrible", "terrible", "shit", "shite", "crap", "appalling", "contemptible",
    "weak", "incompetent", "ignorant", "savage", "fanatics", "extremists", "problem",
    "threat", "danger", "worst", "dregs", "failures",
}
# fmt: on

# Comparisons with animals, vermin, disease or dirt: dehumanisation.
# fmt: off
DEHUMANISING_TERMS = {
    "vermin", "rats", "rat", "cockroaches", "roaches", "cockroach", "parasites", "parasite",
    "parasitic", "insects", "pests", "pest", "animals", "animal", "beasts", "beast", "apes",
    "ape", "monkeys", "monkey", "pigs", "pig", "swine", "dogs", "dog", "snakes", "maggots",
    "lice", "leeches", "leech", "locusts", "swarm", "plague", "disease", "diseased",
    "cancer", "virus", "infestation", "filth", "scum", "trash", "garbage", "rubbish",
    "subhuman", "sub-human", "subhumans", "savages", "creatures", "mongrels", "pox",
    "tumour", "tumor", "germs", "bacteria", "excrement", "objects", "property", "cattle",
    "livestock", "bugs", "worms", "weeds", "poison", "sewage",
}
# fmt: on

# "<group> are not ___", "<group> can't be ___": a negated positive statement is derogation.
# fmt: off
POSITIVE_ATTRIBUTES = {
    "human", "humans", "people", "persons", "equals", "welcome", "worthy", "trustworthy",
    "trusted", "intelligent", "smart", "clever", "capable", "competent", "real", "normal",
    "natural", "valid", "legitimate", "citizens", "useful", "decent", "honest", "civilised",
    "civilized", "good", "worth", "deserving", "fit", "wanted", "sane", "lovable",
}
# fmt: on

# "I ___ <group>": strong negative emotion.
HATE_VERBS = (
    "hate|hated|hates|despise|detest|loathe|abhor|resent|can not stand|cannot stand|"
    "could not stand|can not bear|can not tolerate|will not tolerate|am sick of|am sick and "
    "tired of|am tired of|am fed up with|am disgusted by|am repulsed by|have no respect for|"
    "have nothing but contempt for|am done with|can not stomach|wish death upon|want rid of|"
    "want to get rid of"
)
# "I would never ___ <group>": implicit derogation (refusing a person for their group).
REFUSAL_VERBS = "hire|employ|rent to|serve|trust|respect|sit next to|vote for|accept"

# Violence done to someone: direct threats and calls for violence.
VIOLENT_VERBS = (
    "kill|murder|shoot|stab|hang|lynch|slaughter|exterminate|eradicate|eliminate|wipe out|"
    "gas|burn|behead|butcher|massacre|execute|bomb|nuke|beat up|hurt|harm|attack|rape|"
    "torture|strangle|drown|choke|punch|assault|string up|run over|blow up|stone|mutilate|"
    "maim|castrate|sterilise|sterilize|round up|get rid of|wipe|smash|slit the throats of|burn down|"
    "cut the throats of|crush|annihilate|genocide|decapitate|set fire to|firebomb|torch"
)
VIOLENT_PASSIVES = (
    "killed|murdered|shot|stabbed|hanged|hung|lynched|slaughtered|exterminated|eradicated|"
    "eliminated|wiped out|gassed|burned|burnt|beheaded|butchered|massacred|executed|bombed|"
    "nuked|beaten|beaten up|hurt|harmed|attacked|raped|tortured|strangled|drowned|stoned|"
    "left to die|left to rot|left to starve|left to drown|allowed to die|let die|"
    "put down|put to death|shot dead|sterilised|sterilized|castrated|wiped off the map|"
    "wiped off the face of the earth|rounded up|put in camps|sent to the gas chambers|"
    "gotten rid of|got rid of|annihilated|culled|purged|set on fire|burned alive|"
    "burnt alive|thrown off buildings|thrown off roofs|whipped|flogged|decapitated"
)
DYING_VERBS = (
    "die|burn|rot|hang|perish|suffer|burn in hell|rot in hell|drop dead|be dead|go die|drown|starve"
)

# Exclusion: calls to remove a group from a place or from rights.
EXCLUSION_PASSIVES = (
    "deported|banned|expelled|kicked out|thrown out|kept out|sent back|shipped back|locked up|"
    "segregated|removed|barred|excluded|interned|banished|sent home|driven out|chased out"
)
EXCLUSION_VERBS = (
    "deport|ban|expel|kick out|throw out|keep out|send back|ship back|lock up|segregate|"
    "remove|bar|exclude|intern|banish|drive out|chase out"
)

# Slurs. UNAMBIGUOUS: hostile wherever they are used (not mentioned or reclaimed).
# fmt: off
UNAMBIGUOUS_SLURS = {
    "nigger", "niggers", "nigga", "niggas", "niggaz", "nigguh", "jigaboo", "jiggaboo",
    "sambo", "darkie", "darkies", "darky", "golliwog", "golliwogs", "wog", "wogs", "pakis",
    "chink", "chinks", "chinky", "gook", "gooks", "zipperhead", "spic", "spics", "spick",
    "wetback", "wetbacks", "beaner", "beaners", "kike", "kikes", "hymie", "heeb", "heebs",
    "raghead", "ragheads", "towelhead", "towelheads", "kaffir", "kaffirs", "kafir", "gyppo",
    "gyppos", "gypo", "pikey", "pikeys", "redskins", "injun", "injuns", "abo", "abos",
    "dago", "dagos", "wop", "wops", "polack", "polacks", "poofter",
    "poofters", "lezzer", "lezzers", "tranny", "trannies", "trannys", "shemale", "shemales",
    "troon", "troons", "retards", "spastics", "spazzes", "spacker", "mongoloid",
    "mongoloids", "muzzie", "muzzies", "muzrat", "muzrats", "paki", "sandnigger",
}
# fmt: on
# AMBIGUOUS: also ordinary words ("fag" a cigarette, "retard" a verb, "queer" reclaimed,
# "dyke" an embankment, "faggots" a meatball dish or bundles of sticks);
# hostile only when aimed at people ("you fag", "dirty queers", "fags are disgusting").
# fmt: off
AMBIGUOUS_SLURS = {
    "fag", "fags", "faggy", "homo", "homos", "poof", "poofs", "queer", "queers", "coon",
    "coons", "retard", "spastic", "spaz", "spazz", "mong", "mongs", "cripple", "cripples",
    "yid", "yids", "jap", "japs", "bender", "benders", "fairy", "fairies", "gypsy",
    "gypsies", "negro", "negroes", "oriental", "orientals", "halfbreed", "half-breed",
    "dyke", "dykes", "faggot", "faggots",
}
# fmt: on
SLURS = UNAMBIGUOUS_SLURS | AMBIGUOUS_SLURS

# Strong profanity. Only flagged when aimed at a person or at a group (patterns.py).
# fmt: off
PROFANITY = {
    "fuck", "fucks", "fucked", "fucking", "fuckin", "fucker", "fuckers", "motherfucker",
    "motherfuckers", "motherfucking", "fuckwit", "fuckwits", "fuckface", "fuckhead", "shit",
    "shits", "shitty", "shite", "shithead", "shitheads", "bullshit", "dipshit", "cunt",
    "cunts", "twat", "twats", "prick", "pricks", "dick", "dicks", "dickhead", "dickheads",
    "asshole", "assholes", "arsehole", "arseholes", "bastard", "bastards", "wanker",
    "wankers", "tosser", "tossers", "bitch", "bitches", "bellend", "bellends", "douchebag",
    "douche", "slut", "sluts", "whore", "whores", "piss", "pissed", "cock", "cocks",
    "cocksucker", "cocksuckers", "knobhead", "bollocks", "stfu", "gtfo", "wtf", "fck", "fk",
    "fuk", "effing", "frigging", "arse", "ass", "jackass", "scumbag", "scumbags",
}
# fmt: on
# Profane insults that name a person ("you absolute ___").
PROFANE_INSULTS = (
    "cunt|cunts|twat|twats|prick|pricks|dick|dickhead|dickheads|asshole|assholes|arsehole|"
    "arseholes|bastard|bastards|wanker|wankers|tosser|bitch|bitches|motherfucker|shithead|"
    "dipshit|douchebag|douche|fuckwit|fuckface|fuckhead|fucker|fuckers|slut|whore|bellend|"
    "knobhead|cocksucker|piece of shit|sack of shit|son of a bitch|jackass|scumbag"
)
