"""When hostile words are mentioned rather than used: counter-speech, quotes, reports.

"Saying immigrants are vermin is disgusting", "Stop calling women disgusting", "I can't
believe people still think gay people are sick", "It's a lie that refugees are
criminals", "He called me a p***": each contains a hostile construction that the writer
rejects or reports. A match preceded, in its sentence, by one of these frames is not a
signal. First-person endorsement is not a frame: "I think women are inferior" still is.
"""

import re

SAY_VERBS = (
    r"say|says|said|saying|claim|claims|claimed|claiming|think|thinks|thought|believe|"
    r"believes|believed|call|calls|called|calling|insist|insists|insisted|argue|argues|argued|"
    r"suggest|suggests|suggested|suggesting|tell|tells|told|telling|shout|shouts|shouted|"
    r"shouting|chant|chanted|chanting|write|writes|wrote|writing|post|posts|posted|posting|"
    r"tweet|tweeted|spread|spreads|spreading|repeat|repeats|repeating|imply|implies|implied|"
    r"pretend|pretends|pretending|assume|assumes|assuming|hear|heard|hearing|read|yell|yelled|"
    r"scream|screamed|act like|acting like|treat|treats|treated|treating|label|labels|labelled|"
    r"labelling|describe|describes|described|describing|portray|portrays|portrayed|portraying|"
    r"paint|painted|painting|preach|preaches|preaching|push|pushing|peddle|peddling"
)
REPORTED_SUBJECTS = (
    r"people|those|anyone|anybody|someone|somebody|he|she|they|you|racists|bigots|homophobes|"
    r"transphobes|misogynists|sexists|trolls|idiots|some|others|many|folks|politicians|the media|"
    r"nobody|no one|everyone|everybody|whoever|who|guy|man|woman|neighbour|neighbor|boss|"
    r"colleague|article|post|comment|leaflet|sign|graffiti|poster|newspaper|party|candidate|"
    r"councillor|mp|group|campaign|person|kids|men|gangs|protesters|crowd|thugs|fascists|nazis"
)
DENOUNCING = (
    r"disgusting|wrong|racist|sexist|hateful|bigoted|homophobic|transphobic|ableist|"
    r"islamophobic|antisemitic|xenophobic|unacceptable|not ok|not okay|not acceptable|"
    r"never ok|never okay|offensive|hurtful|vile|awful|horrible|appalling|shameful|ignorant|"
    r"false|untrue|nonsense|rubbish|a lie|a myth|ridiculous|absurd|dehumanising|dehumanizing|"
    r"dangerous|cruel|not true|bullshit|not fair|unfair|evil|sickening|abhorrent|hate speech|"
    r"harmful|toxic|inexcusable|indefensible|despicable|deplorable"
)

FRAMES = re.compile(
    "|".join(
        [
            # someone else says, thinks or calls it: "people who say", "racists claim"
            rf"(?:^|\s)(?:{REPORTED_SUBJECTS})(?: \S+){{0,3}}? (?:{SAY_VERBS})(?: that| them| us| me)?",
            # named as speech: "saying …", "statements like …", "the idea that …"
            r"(?:^|\s)(?:saying|calling|claiming|to say|to call|to claim|to suggest|suggesting|"
            r"implying|to imply|to think|thinking|the idea|the notion|the claim|the myth|the lie|"
            r"the belief|the stereotype|the view|the assumption|the narrative|the trope|"
            r"the rhetoric|the argument|the slogan|the message|statements?|comments?|remarks?|"
            r"words|posts?|tweets?|claims?|phrases?|slogans?|jokes?|chants?|signs?|placards?|"
            r"stereotypes?|tropes?|rhetoric|language|insults?|slurs?|things|stuff|lies|myths|"
            r"graffiti|leaflets?|messages?|propaganda|rants?)"
            r"(?: like| such as| that| saying| claiming| calling| about| of| how)?(?: \S+){0,2}$",
            # telling someone to stop, or refusing: "stop calling", "I would never say"
            r"(?:^|\s)(?:stop|quit|do not|never|no more|enough of|can not|could never|refuse to|"
            r"will not|would not|would never|will never|did not|does not|should not|must not|"
            r"it is not ok to|it is not okay to|it is wrong to|it is unacceptable to|nobody should|"
            r"no one should|how dare you|how can you|how could you|why would you|why do you)"
            rf"(?: \S+){{0,2}}? (?:{SAY_VERBS})",
            # called false or hateful before it is stated: "it is a lie that …"
            rf"(?:^|\s)(?:it is|that is|this is|it was|it would be) (?:\S+ )?(?:{DENOUNCING})"
            r"(?: to (?:say|think|claim|suggest|believe|call|pretend|imply))?(?: that)?$",
            r"(?:^|\s)(?:there is no (?:truth|evidence|proof)|who says|whoever says|since when|"
            r"why do (?:people|some|they|you) (?:\S+ )?(?:think|say|believe|keep saying)|"
            r"how can (?:anyone|people|you|someone|they) (?:\S+ )?(?:think|say|believe|claim)|"
            r"i am (?:sick|tired) of (?:hearing|reading|people)|"
            r"the (?:word|term|slur|words|terms|slurs)|n-word|(?:as|like) if)",
            # a third person's words: "my gran says", "the leaflet claimed", "he said"
            r"(?:^|\s)\S+ (?:says|claims|thinks|believes|reckons|insists|argues|keeps saying|"
            r"tells me|tells us|told me|told us|wrote|posted|tweeted|shouted|yelled)(?: that)?(?: \S+){0,2}$",
            r"(?:^|\s)(?!i |we )\S+ said(?: that)?(?: \S+){0,2}$",
            # the group is the object in a relative clause: "landlords who refuse refugees are…"
            r"(?:^|\s)(?:who|which) \S+$",
            # a belief given up: "I used to think…", "I once believed…"
            rf"(?:^|\s)(?:i|we) (?:used to|once|never) (?:{SAY_VERBS})",
            # a condition, not a call: "… if we send them back"
            r"(?:^|\s)(?:if|unless|whether) (?:we|they|you|i|the \S+|\S+)(?: \S+)?$",
        ]
    )
)
# After the match: "… is a disgusting thing to say", "… is what racists want you to believe".
AFTER = re.compile(
    rf"^(?: \S+){{0,3}}? (?:is|are|was|were) (?:a |an |such a |so |just |really |completely |"
    rf"utterly |deeply |very )*(?:(?!not |never |no |hardly )\S+ )?"
    rf"(?:thing to say|things to say|{DENOUNCING})(?!\S)|"
    rf"^(?: \S+){{0,3}}? (?:is|was) what (?:\S+ ){{0,2}}(?:say|said|says|believe|think|claim|want)"
)

# Later in the same sentence, a clause that rejects it: "Immigrants are a drain on the NHS,
# according to the tabloids, which is a lie". Only plain intensifiers may stand between
# the verb and the rejection, so "…, which is not a lie" stays hostile.
LATER_REJECTION = re.compile(
    rf"(?:^|\s)[,;:-] (?:which|that|this|and that|but that|and this|but this|all of which) "
    rf"(?:is|was|are|were) (?:(?:a|an|such a|just|simply|utterly|completely|total|complete|"
    rf"pure|obviously|clearly|so) )*(?:{DENOUNCING})(?!\S)"
)


# A next sentence that rejects the previous one: "That is a lie.", "That's what racists say."
REJECTS_PREVIOUS = re.compile(
    rf"^(?:that|this|which|such talk|such language)(?: kind of talk| sort of thing)? "
    rf"(?:is|was|would be) (?:\S+ ){{0,2}}?(?:what (?:\S+ ){{0,3}}?(?:say|said|says|believe|"
    rf"believes|think|thinks|claim|claims|want|wants)|{DENOUNCING})(?!\S)"
)


def rejects_previous(next_sentence: str) -> bool:
    """Whether ``next_sentence`` (normalised words) rejects the sentence before it."""
    return bool(REJECTS_PREVIOUS.search(next_sentence))


def is_mention(before: str, after: str) -> bool:
    """Whether a hostile match, with ``before`` and ``after`` it in its sentence, is mentioned."""
    after = " " + after.strip()
    return bool(
        FRAMES.search(before.strip()) or AFTER.search(after) or LATER_REJECTION.search(after)
    )
