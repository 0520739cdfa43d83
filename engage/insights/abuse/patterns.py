"""Hostile constructions, written as regular expressions over a canonical sentence.

``detector.canonical`` turns a sentence into words where every identity-group mention is
``GRP`` (a slur naming one is ``GRP`` too) and, in a text that names a group, "they",
"them", "these people"… are ``GRPREF``. A rule matches a construction, never a word:
"Muslims live here" has a group and no construction; "I hate cauliflower" has a
construction and no group. Each rule has a kind:

* ``hate``: flagged unless negated ("I don't hate Muslims", "No woman deserves to die");
* ``positive``: a positive statement, flagged only when negated ("Women are not human");
* ``attribute``: "<group> are <word>", whose category the word decides (lexicon.py).
"""

import re
from dataclasses import dataclass

from . import groups, lexicon

G = r"(?P<g>GRP|GRPREF)"
GX = r"(?:GRP|GRPREF)"
DET = rf"(?:(?:{groups.DETERMINERS}) )*"
NO = r"(?P<no>(?:no|not all|not every|not a single|none of the|not one) )?"
NEG = (
    r"(?P<neg>(?:do not|does not|did not|will not|would not|could not|can not|should not|"
    r"must not|would never|will never|could never|never|not|no longer|hardly|refuse to) )?"
)
ADV = (
    r"(?:(?:just|really|truly|honestly|absolutely|seriously|genuinely|fucking|so|all|totally|"
    r"simply|personally|literally|actually|definitely|still|also|gladly|happily) )*"
)
NEG2 = NEG.replace("?P<neg>", "?P<neg2>")
SUBJECT_I = r"(?P<subj>i|we|i personally|we all|we really)"
MODAL_INTENT = (
    r"(?:will|would|shall|am going to|are going to|am about to|are about to|want to|would love to|"
    r"would like to|would happily|will happily|plan to|intend to|am coming to|are coming to|"
    r"can not wait to|should|must|need to|have to|ought to|going to|wish i could|hope to|am ready to|"
    r"are ready to|will personally|am gonna|are gonna|let us)"
)
MODAL_NORM = (
    r"(?:should|must|need to|needs to|ought to|deserve to|deserves to|have to|has to|need|needs)"
)
PLACES_OF_WORSHIP = (
    r"(?:mosque|mosques|synagogue|synagogues|church|churches|temple|temples|gurdwara|gurdwaras|"
    r"refugee centre|refugee centres|refugee center|asylum hotel|asylum hotels|gay bar|gay bars)"
)
PERSON_TARGET = (
    rf"(?P<t>GRP|GRPREF|{PLACES_OF_WORSHIP}|you|you all|all of you|every one of you|him|her|them|"
    r"your (?:family|kids|children|wife|husband|mum|mom|mother|dad|father|sister|brother|daughter|son))"
)
PERSON_SUBJECT = r"(?P<g>GRP|GRPREF|you|he|she)"
# What may stand between a group and its verb: "refugees in this town", "women I know",
# "gays who speak up". Nothing else: "women say the developers should…" is not about women.
AFTER_GROUP_PLAIN = (
    r"(?: (?:all|too|themselves|here|there|everywhere|included|today|nowadays|lives|in general|"
    r"generally|always|round here|around here|over here|these days))*"
    r"(?: (?:in|from|of|at|on|around|round|near|across|like) (?!GRP)\S+(?: (?!GRP)\S+){0,2}?"
    r"| (?:i|we|you) (?:have |had )?(?:met|know|knew|see|saw|meet))?"
)
AFTER_GROUP = (
    r"(?: (?:all|too|themselves|here|there|everywhere|included|today|nowadays|lives))*"
    r"(?: (?:in|from|of|at|on|around|round|near|across|like) (?!GRP)\S+(?: (?!GRP)\S+){0,2}?"
    r"| (?:i|we|you) (?:have |had )?(?:met|know|knew|see|saw|meet)"
    r"| (?:who|that) (?!are|is|were)\S+(?: \S+){0,2}?"
    # a first verb phrase: "immigrants are vermin and should be shot"
    r"| (?:(?!GRP|,)\S+ ){1,7}?and)?"
)


def _alt(words) -> str:
    if isinstance(words, str):
        return words
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


ATTRIBUTES = _alt(
    lexicon.DEROGATORY_ATTRIBUTES
    | lexicon.DEHUMANISING_TERMS
    | lexicon.POSITIVE_ATTRIBUTES
    | {"GRP"}
)
COPULA = (
    r"(?:are|is|were|was|will always be|will be|would be|seem to be|seem|seems|look like|"
    r"act like|are like|is like|remain|become|became|have become|are becoming|being|am|"
    r"has been|have been|had been|have always been|has always been)"
)
BOUNDARY = (
    r"(?:and|(?<!nothing )but|or|because|since|although|though|while|whereas|who|which|that|"
    r"if|when|unless|yet|however|,)"
)


@dataclass(frozen=True)
class Rule:
    name: str
    categories: tuple[str, ...]
    kind: str  # "hate", "positive" or "attribute"
    regex: re.Pattern


def _rule(name, categories, kind, pattern) -> Rule:
    if isinstance(categories, str):
        categories = (categories,)
    return Rule(name, tuple(categories), kind, re.compile(rf"(?<!\S){pattern}(?!\S)"))


RULES = [
    # "<group> are <attribute>" and its comparisons: "are like rats", "are no better than".
    _rule(
        "group-attribute",
        (),
        "attribute",
        rf"{NO}{DET}{G}(?P<fill0>{AFTER_GROUP_PLAIN}) {COPULA}"
        rf"(?P<fill>(?: (?!{BOUNDARY}(?!\S))\S+){{0,4}}?) (?P<attr>{ATTRIBUTES})",
    ),
    # Headline style without a verb: "Refugees not welcome", "Immigrants never human".
    _rule(
        "group-not-attribute",
        (),
        "attribute",
        rf"^{DET}{G} (?P<neg>not|never) (?:\S+ )?(?P<attr>{_alt(lexicon.POSITIVE_ATTRIBUTES)})"
        r"(?: here| in| anywhere)?",
    ),
    # A rhetorical question: "Aren't immigrants just vermin?"
    _rule(
        "rhetorical-question",
        (),
        "attribute",
        rf"^(?:are not|is not|are|is) {DET}{G}(?: (?:all|just|really|simply|basically|actually|"
        rf"truly|nothing but|a bunch of|such|so))* (?P<attr>{ATTRIBUTES})",
    ),
    _rule(
        "why-are-group",
        (),
        "attribute",
        rf"(?:why|how come) (?:are|is|do) {DET}{G}(?P<fill>(?: (?!GRP)\S+){{0,3}}?) (?P<attr>{ATTRIBUTES})",
    ),
    # "I hate <group>", "we despise these people".
    _rule(
        "hate-group",
        "derogation",
        "hate",
        rf"(?P<pre>\S+ )?{NEG}{ADV}(?:{lexicon.HATE_VERBS}) (?!that |how |when |what |it )"
        rf"{DET}{G}",
    ),
    _rule(
        "group-disgust-me",
        "derogation",
        "hate",
        rf"{NO}{DET}{G}(?: who| that)? {NEG}{ADV}(?:disgust|disgusts|sicken|sickens|repulse|repulses|revolt|"
        r"nauseate|make me sick|makes me sick|make me want to (?:puke|vomit|throw up)|make me puke|"
        r"make me vomit|stink|smell|reek|ruin everything|ruin this country|are ruining|"
        r"destroy everything|are destroying|infest|pollute|contaminate|ruin|ruins|destroy|destroys|"
        r"wreck|wrecks|are wrecking|infests|pollutes) ?(?:me|us|everyone|everything|our|this|every|"
        r"the|these|all|any)?",
    ),
    _rule(
        "refuse-group",
        "derogation",
        "hate",
        rf"(?:i|we) (?:would|will|could) (?:never|not) (?:ever )?(?:{lexicon.REFUSAL_VERBS}) "
        rf"(?:a |an |any )?{DET}{G}",
    ),
    _rule(
        "group-cannot-be-trusted",
        "derogation",
        "hate",
        rf"{DET}{G} (?:can|could|should|must|will) (?:not|never) be (?:trusted|believed)",
    ),
    _rule("never-trust-group", "derogation", "hate", rf"never trust (?:a |an |any )?{DET}{G}"),
    _rule(
        "group-breeds-like",
        "dehumanisation",
        "hate",
        rf"{DET}{G} {NEG}(?:breed|multiply|spread|swarm|live) like (?:rats|rabbits|cockroaches|"
        r"vermin|flies|animals|a disease|a plague|insects|pigs|dogs|locusts)",
    ),
    _rule(
        "group-belongs-in",
        "dehumanisation",
        "hate",
        rf"{NO}{DET}{G} {NEG}(?:belong|belongs|should be|should live|should stay|should be kept) "
        r"in (?:a |the )?(?:zoo|zoos|cage|cages|barn|sewer|sewers|jungle|cave|caves|farm|"
        r"trash|bin|dustbin|gutter|kennel|kennels|pen|pens)",
    ),
    _rule(
        "group-belongs-in-kitchen",
        "derogation",
        "hate",
        rf"{NO}{DET}{G} {NEG}(?:belong|belongs|should stay|should be kept) in (?:the )?kitchen",
    ),
    # Insults addressed to a group: "you filthy gypsies", "we don't want your kind here".
    _rule(
        "insult-addressed-to-group",
        "derogation",
        "hate",
        rf"you (?:fucking |bloody |damn )?(?:{_alt(lexicon.DEROGATORY_ATTRIBUTES)}) (?:\S+ )?{G}",
    ),
    _rule(
        "unwanted-here",
        "other",
        "hate",
        rf"(?:we|nobody|no one) (?:do not|does not|don't) want {DET}(?:{G}|your kind|their kind|"
        r"people like you|you people|your lot) (?:here|in|around)",
    ),
    # "Disgusting, all of them", "Vermin, the lot of them".
    _rule(
        "attribute-then-group",
        (),
        "attribute",
        rf"^(?:\S+ )?(?P<attr>{ATTRIBUTES}) ,? (?:the lot of |the whole lot of |all of |every one of |"
        rf"every last one of |each of |all |every )?{G}$",
    ),
    # Negated positive statements: "<group> lives do not matter", "worth nothing".
    _rule(
        "group-lives-do-not-matter",
        "derogation",
        "positive",
        rf"{NO}{DET}{G} (?:lives )?{NEG}(?:matter|count|deserve (?:rights|respect|to live|"
        r"to exist|anything|to be here|dignity|a voice|a vote|to vote|equal rights|human rights|"
        r"to be treated|better|love|kindness|equality)|can be trusted|should be trusted|"
        r"should have rights|have rights|are equal to (?:us|me|men|everyone|anyone|the rest))",
    ),
    _rule(
        "group-worth-nothing",
        "derogation",
        "hate",
        rf"{DET}{G} (?:lives )?(?:are|is) (?:worth|worth less than) (?:nothing|less|shit|dirt|"
        r"crap|fuck all|zero|nothing at all|dirt)",
    ),
    _rule(
        "group-have-no-place",
        "other",
        "hate",
        rf"{DET}{G} (?:have|has) no (?:place|right|rights|business|value|worth|future|soul|"
        r"souls|brains|morals) ?(?:in|here|to|among)?",
    ),
    # Threats: "I will kill …", "<group> should be shot", "death to <group>".
    _rule(
        "direct-threat",
        "threat",
        "hate",
        rf"{SUBJECT_I}(?P<fill>(?: \S+){{0,3}}?) {MODAL_INTENT} {NEG2}{ADV}(?P<fill2>(?:\S+ ){{0,3}}?)"
        rf"(?:{lexicon.VIOLENT_VERBS}) {DET}{PERSON_TARGET}",
    ),
    _rule(
        "beat-to-a-pulp",
        "threat",
        "hate",
        rf"(?:i|we)(?: \S+){{0,3}}? {MODAL_INTENT} (?:\S+ ){{0,2}}?beat (?:the shit out of |the hell out of )?"
        rf"{DET}{PERSON_TARGET} (?:to a pulp|to death|senseless|black and blue|up|half to death)",
    ),
    _rule(
        "call-to-violence",
        "threat",
        "hate",
        rf"(?:someone|somebody|people|everyone|you|they|the government|the police|society|"
        rf"anyone) {NEG}{MODAL_NORM} {NEG2}{ADV}(?:{lexicon.VIOLENT_VERBS}) "
        rf"{DET}(?:{G}|{PLACES_OF_WORSHIP})",
    ),
    _rule(
        "imperative-violence",
        "threat",
        "hate",
        rf"(?:^|, )(?:just |please |go |let us |now )?(?:{lexicon.VIOLENT_VERBS}|burn down) "
        rf"{DET}(?:{G}|{PLACES_OF_WORSHIP})",
    ),
    _rule(
        "die-group",
        "threat",
        "hate",
        rf"^(?:just |all )?(?:die|rot|burn|drop dead|go die|rot in hell|burn in hell)(?: ,)? {DET}{G}$",
    ),
    _rule(
        "kill-all-group",
        "threat",
        "hate",
        rf"(?:{lexicon.VIOLENT_VERBS}) (?:all|every|every single|each|every last) {DET}{G}",
    ),
    _rule(
        "group-should-be-killed",
        "threat",
        "hate",
        rf"{NO}{DET}{PERSON_SUBJECT}(?P<fill>{AFTER_GROUP}) {MODAL_NORM} {NEG}{ADV}"
        rf"(?:be |get |all be |be all )*(?:{lexicon.VIOLENT_PASSIVES})",
    ),
    _rule(
        "group-should-die",
        "threat",
        "hate",
        rf"{NO}{DET}{PERSON_SUBJECT}(?P<fill>{AFTER_GROUP}) (?:{MODAL_NORM}|can) "
        rf"{NEG}{ADV}(?:go )?(?:{lexicon.DYING_VERBS})",
    ),
    _rule(
        "group-deserve-death",
        "threat",
        "hate",
        rf"{NO}{DET}{PERSON_SUBJECT}(?P<fill>{AFTER_GROUP}) {NEG}(?:deserve|deserves) (?:death|"
        r"a bullet|bullets|the rope|the gallows|the gas chamber|the death penalty|to be shot|"
        r"to be killed|to be hanged|to be gassed|to be exterminated|a beating|a good beating|"
        r"a kicking|a slap|to be beaten|to be raped|to be hit|to be hurt|to suffer|to burn|to drown|"
        r"to rot|to starve|to perish|to hang)",
    ),
    _rule("death-to-group", "threat", "hate", rf"death to {DET}{G}"),
    _rule("only-good-group", "threat", "hate", rf"only good {G} (?:is|are) (?:a )?dead"),
    _rule(
        "want-group-dead",
        "threat",
        "hate",
        rf"(?:^|(?:i|we)(?P<fill>(?: \S+){{0,2}}?) ){NEG}(?:want|wish|hope|would love|would like|"
        rf"love to see|want to see|like to see|hope to see|watch|see|enjoy watching|love watching) "
        rf"{DET}{PERSON_TARGET} (?:to )?(?:were |would |to be |all |be )*"
        r"(?:dead|gone|killed|die|exterminated|wiped out|extinct|burned|gassed|hanged|shot|burn|"
        r"hang|suffer|get killed|get shot|drown|drowned|rot|perish|starve|get raped|get hurt|dies|"
        r"gets killed|drowns|burns|rots|gets shot|suffers)",
    ),
    _rule("kill-yourself", "threat", "hate", r"(?:go )?kill yourself|go die|hope you die"),
    # Exclusion from a place or from rights.
    _rule(
        "group-should-be-deported",
        "other",
        "hate",
        rf"{NO}{DET}{G}(?P<fill>{AFTER_GROUP}) {MODAL_NORM} {NEG}{ADV}(?:be |get |all be |be all )*"
        rf"(?:{lexicon.EXCLUSION_PASSIVES})",
    ),
    _rule(
        "deport-group",
        "other",
        "hate",
        rf"(?:(?:^|, )(?:just |please |now )?|(?:we|you|they|someone|the government) {NEG}"
        rf"(?:should|must|need to|have to|ought to) {NEG2}{ADV})(?:{lexicon.EXCLUSION_VERBS}) {DET}{G}",
    ),
    _rule(
        "send-group-back",
        "other",
        "hate",
        rf"(?:send|ship|kick|throw|deport|drive|chase|boot|get) {DET}{G} (?:all )?(?:back|out|home|away)",
    ),
    _rule("no-more-group", "other", "hate", rf"(?:^|, )no more {G}(?: ,| here| in|$)"),
    _rule(
        "group-go-back",
        "other",
        "hate",
        rf"{DET}{G} (?:should|must|need to|needs to|ought to|have to|has to|can) {NEG}(?:all )?"
        r"(?:go back|go home|get out|leave|fuck off|piss off|clear off|bugger off|go back to "
        r"where they came from)",
    ),
    _rule(
        "group-do-not-belong",
        "other",
        "hate",
        rf"{NO}{DET}{G} (?:do not|does not|never|will never) belong(?: here| in| among| anywhere)",
    ),
    _rule(
        "group-not-allowed",
        "other",
        "hate",
        rf"{DET}{G} (?:should|must) (?:not|never) be allowed(?: to| in| into| near| here)|"
        rf"(?:^|, )no {GX} allowed|(?:^|, ){GX} out$",
    ),
    # Swearing at a group or at a person.
    _rule(
        "swear-at-group",
        ("derogation", "profanity"),
        "hate",
        rf"(?:fuck|fuck off|screw|fuck all) {DET}{G}|{DET}{GX} (?:can|should|must|need to|ought to) "
        r"(?:all )?(?:go )?(?:fuck (?:off|themselves)|shut the fuck up|piss off|suck my|die in a fire)|"
        rf"(?:fucking|fuckin|effing|shitty|motherfucking) {GX}",
    ),
    _rule(
        "swear-at-person",
        "profanity",
        "hate",
        r"fuck (?:you|off you|yourself|yourselves|you all)|go fuck (?:yourself|yourselves)|"
        r"shut the fuck up|stfu|^(?:fuck|piss|bugger|sod) off(?: you\S*| mate| then| now| already)?(?: |$)|"
        rf"you (?:are |were )?(?:a |an |such a |such an |the |one )?(?:(?!,)\S+ ){{0,4}}?"
        rf"(?:{lexicon.PROFANE_INSULTS})",
    ),
]
