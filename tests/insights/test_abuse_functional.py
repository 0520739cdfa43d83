"""The English abuse detector against functional tests in the spirit of HateCheck
(Röttger et al. 2021), written for Engage: each kind of hostility is flagged with its
category, and what only looks like it (counter-speech, quotes, negation, neutral or
positive mentions, abuse of things or of non-protected groups) is not."""

import pytest

from engage.insights.abuse import ABUSE_CATEGORIES, detect_abuse

FLAGGED = {
    "derogation": [
        "I hate Muslims.",
        "I absolutely despise lesbians.",
        "We can't stand immigrants in this town.",
        "Women are disgusting.",
        "All disabled people are worthless.",
        "Jews are greedy and sneaky.",
        "Why is it that all Black people are so violent?",
        "I think trans people are perverts.",
        "Refugees make me sick.",
        "Disabled lives do not matter.",
        "Gay people can't be trusted.",
        "No woman can be trusted to lead.",
        "I would never hire a Muslim.",
        "I have met many refugees and I hate every single one of them.",
        "Of course they are stupid. They are just women after all.",
        "Trans women aren't real women.",
        "Black people are less intelligent.",
        "muslims=terrorists",
    ],
    "dehumanisation": [
        "Immigrants are vermin.",
        "Muslims are a cancer on this country.",
        "Refugees are like rats.",
        "Black people are no better than animals.",
        "Gay men belong in a zoo.",
        "These migrants are nothing but animals.",
        "Roma breed like rabbits.",
        "Immigrants are not human.",
        "Muslims? Vermin, the lot of them.",
        "Aren't immigrants just vermin?",
    ],
    "threat": [
        "I am going to shoot the next immigrant I see.",
        "I will kill every Muslim in this town.",
        "All refugees should be shot.",
        "The gays in this town should be hanged.",
        "Trans people deserve to die.",
        "We should get rid of Jews once and for all.",
        "Death to all immigrants!",
        "Someone should hang these gay people.",
        "Kill all trans people.",
        "The only good immigrant is a dead one.",
        "I hope all the refugees drown.",
        "I'm going to burn down the mosque.",
        "I'm going to kill you.",
        "Go kill yourself.",
        "die muslims",
    ],
    "slur": [
        "You are just a faggot to me.",
        "Shut up you dirty paki.",
        "Get out of here, you tranny.",
        "That retard on the bus again.",
    ],
    "profanity": [
        "Fuck you, you stupid cunt.",
        "Go fuck yourself.",
        "You're a fucking moron and a cunt.",
        "These women should shut the fuck up once and for all.",
    ],
    "other": [
        "Refugees should all be deported.",
        "Send the immigrants back where they came from.",
        "Muslims don't belong in this country.",
        "Gay people should not be allowed near children.",
        "Ban all Muslims from our town.",
        "Refugees not welcome here!",
    ],
}

SPELLING_VARIATIONS = [
    "I haet immigrants.",  # swapped letters
    "Women are a cancr.",  # a missing letter
    "Deathto all Muslims.",  # a missing space
    "I want to k i l l all gay people.",  # spaced letters
    "W0men are sc*m.",  # leetspeak and a mask
    "Musl1ms are terr0rists.",
    "I h8 immigrants.",
    "Refugees are disssgusting.",
]

NOT_FLAGGED = {
    "neutral or positive mention": [
        "Muslims live on my street.",
        "I love my gay neighbours.",
        "Women are great leaders.",
        "We are a group of disabled residents.",
        "I live with two refugees.",
        "Immigrants are welcome here.",
        "Trans people deserve to feel safe.",
        "Black lives matter.",
        "The Polish shop on the corner is fantastic.",
    ],
    "counter-speech and quotes": [
        "Saying immigrants are vermin is disgusting.",
        "I can't believe people still say women are inferior.",
        'Statements like "Muslims are scum" are deeply hurtful.',
        "You have to stop calling trans people disgusting.",
        "People who say refugees are criminals are ignorant.",
        "It's a lie that refugees are criminals.",
        "The idea that immigrants are rats is racist nonsense.",
        "Calling Jews parasites is antisemitic.",
        "Homophobes say gay people are an infestation. They are wrong.",
        "Someone spray-painted 'kill all Muslims' on the mosque wall.",
        "He called my son a paki at school and I reported it.",
        "I'm sick of hearing that disabled people are a burden.",
        "Immigrants are vermin. That is what the far right says, and it is disgusting.",
        "Women are inferior. That's sexist nonsense.",
        "I used to think immigrants were criminals, but I was wrong.",
    ],
    "negation": [
        "I don't hate Muslims.",
        "Gay people are not disgusting.",
        "No refugee deserves to die.",
        "Not all immigrants are criminals.",
        "Nobody should hurt gay people.",
        "Muslims should not be attacked for their faith.",
        "I would never say that women are stupid.",
        "Disabled people are not a burden.",
    ],
    "reports and concern": [
        "Immigrants are being treated like animals in detention.",
        "Refugees will be killed if we send them back to a war zone.",
        "Trans people are being killed at shocking rates.",
        "Women are not safe walking home through the park at night.",
        "Why are women paid less than men?",
        "I hate that immigrants are treated badly.",
        "Anyone who hates Muslims is a bigot.",
        "The refugees at the hotel are living in disgusting conditions.",
        "Landlords who refuse refugees are disgusting.",
        "Women drivers are no worse than men, the data shows it.",
        "Muslims are sick of being blamed for everything.",
    ],
    "abuse of things, individuals and non-protected groups": [
        "I really can't stand cauliflower.",
        "You make me sick.",
        "Artists are parasites to our society.",
        "Politicians are scum.",
        "The council are a bunch of useless idiots.",
        "Seagulls are vermin.",
        "The developers should be shot for what they did to the park.",
        "I'm going to kill it at the interview tomorrow.",
        "This tax will kill local shops.",
    ],
    "profanity not aimed at anyone": [
        "I wish someone could get me the fuck out of here.",
        "Fuck, I missed the bus again.",
        "Holy shit, the new pool is amazing!",
    ],
    "homonyms and reclaimed words": [
        "I had a queer feeling we were being watched.",
        "We're queer and proud.",
        "I'm a proud dyke and a councillor.",
        "Can I get a fag outside the station?",
        "We are a bunch of queers and we love this city.",
        "I'm the freshest n*gga in the room.",
    ],
}


@pytest.mark.parametrize("category,text", [(c, t) for c, texts in FLAGGED.items() for t in texts])
def test_hostile_constructions_are_flagged_with_their_category(category, text):
    flagged, categories = detect_abuse(text, "en")
    assert flagged is True
    assert category in categories


@pytest.mark.parametrize("text", SPELLING_VARIATIONS)
def test_spelling_variations_are_still_flagged(text):
    assert detect_abuse(text, "en")[0] is True


@pytest.mark.parametrize("kind,text", [(k, t) for k, texts in NOT_FLAGGED.items() for t in texts])
def test_what_only_looks_hostile_is_not_flagged(kind, text):
    assert detect_abuse(text, "en") == (False, ())


def test_categories_come_from_the_fixed_vocabulary_in_its_order():
    flagged, categories = detect_abuse("Fuck all black people, they are vermin.", "en")
    assert flagged is True
    assert set(categories) <= set(ABUSE_CATEGORIES)
    assert list(categories) == [c for c in ABUSE_CATEGORIES if c in categories]
    assert {"derogation", "dehumanisation", "profanity"} <= set(categories)


def test_a_next_sentence_that_agrees_keeps_the_flag():
    assert detect_abuse("Muslims are terrorists. That's the truth.", "en")[0] is True


def test_quoting_abuse_does_not_hide_abuse_outside_the_quote():
    text = 'They say "immigrants are welcome". No: immigrants are vermin.'
    assert detect_abuse(text, "en") == (True, ("dehumanisation",))


@pytest.mark.parametrize("language", ["fr", "de", "ar", "so", None])
def test_languages_without_a_detector_are_unsupported(language):
    assert detect_abuse("Immigrants are vermin.", language) == (None, ())
