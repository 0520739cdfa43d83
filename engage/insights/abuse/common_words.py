"""Common English words, taken as spelled (never "corrected" towards the abuse lexicon).

Written for Engage (AGPL-3.0-or-later). Together with VADER's lexicon and our own lists
it is the vocabulary the typo correction in ``normalise.py`` leaves alone.
"""

COMMON_WORDS = frozenset(
    """
a about above across act action actually add after again against age ago agree ahead air
all allow almost alone along already also although always am among an and another answer
any anyone anything anyway are area around as ask at away back bad bank be became because
become been before began begin behind being believe below best better between big bill
bit black board body book both box boy bring brother build building bus business but buy
by call came can car care carry case cause centre center certain chair chance change
child children church city class clear close cold come common community company con could
council country course court cover create cross cup cut dad dark data date day dead deal
dear death decide deep did die different do does dog done door down draw dream drive drop
during each early east easy eat economy edge education effect eight either else end
enough even evening event ever every everyone everything example eye face fact fair fall
family far fast father fear feel few field fight figure fill final find fine fire first
fish five floor fly follow food foot for force form forward four free friend from front
full fund future game garden gave general get girl give given go goes going gone good got
government great green ground group grow guy had hair half hall hand happen happy hard has
have he head health hear heart heat held help her here herself high him himself his
history hit hold home hope hospital hot hotel hour house how however huge i idea if
important in include increase indeed inside instead interest into is issue it its itself
job join just keep kept kid kind king know known land language large last late later
laugh law lay lead learn least leave left leg less let letter level library lie life light
like line list listen little live local long look lose lot loud love low made main make man
many map mark market matter may maybe me mean meet meeting member men might mind minute
miss money month more morning most mother move much mum music must my myself name nation
near need never new news next nice night nine no none nor north not note nothing now number
of off offer office often oh ok okay old on once one only open or order other our out over
own page paper parent park part party pass past pay people per perhaps person pick piece
place plan plant play please point police policy poor possible power present price
problem program project provide public pull put question quite race rain raise rather
reach read ready real really reason receive record red remember report rest result return
right river road rock role room rule run safe said same saw say school sea season seat
second see seem seen sell send sense serve service set seven several shall she ship shop
short should show side sign simple since sing sister sit site six size small so social
some someone something sometimes son soon sort sound south space speak special spend sport
staff stage stand start state station stay step still stop store story street strong
student study such summer sun support sure surface table take talk tax teacher team tell
ten term test than thank that the their them then there these they thing think third this
those though thought three through time to today together told too took top total toward
towards town tree true try turn twice two type under understand until up upon us use used
usual very view visit voice vote wait walk wall want war warm was watch water way we wear
week well went were west what when where whether which while white who whole whom whose
why wide wife will win window winter wish with within without woman women wonder word
work worker world would write wrong yard year yes yet you young your yourself
rate rates hat ate ill omen omens rash sum tans rap raps therapist therapists grape grapes
scrape skill skills till kiln hater dice dime diet tied tide hated mate hate later site
pest pets step steps stop pots tops spot spots beat beats beaten bent burnt bust dine
dined diner rant rants wrap wraps trap traps rate rated skim slim spam span scan swam
""".split()
)
