"""Create the demo city, Northbridge: pages, community groups, a baseline and accounts.

Idempotent: run it again and nothing is duplicated; what exists is kept as it is (an
edited demo page is not overwritten). Every demo account has the password
`engage-demo` and a verified email address.
"""

import datetime
import random
import zoneinfo
from decimal import ROUND_HALF_UP, Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Page, Site

from consultations.codesign import demo as codesign_demo
from consultations.engagement import demo as engagement_demo
from consultations.following import demo as following_demo
from consultations.models import (
    CoDesignSession,
    ConsultationIndexPage,
    ConsultationPage,
    ModerationMode,
)
from engage.accounts.models import CommunityLeadership, User
from engage.accounts.rules import CITY_STAFF, MODERATORS
from engage.communities.importers import category_slug, normalise
from engage.communities.models import (
    Action,
    Area,
    BaselineShare,
    Category,
    Declaration,
    DeclarationConsent,
    Dimension,
    Participation,
    ScopeType,
)
from engage.policy.models import PartnerGrant, PartnerMembership, PartnerOrganisation
from forums import demo as forums_demo
from forums.models import ForumIndexPage, ForumPage
from home.models import HomePage, StandardPage

DEMO_PASSWORD = "engage-demo"  # noqa: S105 -- the documented demo password
AREA_CODE = "NB0001"
BASELINE_SOURCE = "Fictional demo data based on the ONS Census"
BASELINE_YEAR = 2021
# Northbridge is fictional; its population and shares are modelled on Bristol's
# (ONS Census 2021, E06000023), in percent as published.
POPULATION = 248_600
DIMENSIONS = [
    ("ethnic_group_5", "Ethnic group"),
    ("religion_10", "Religion"),
    ("age_band", "Age band"),
    ("sex", "Sex"),
]
CENSUS_SHARES = {
    "ethnic_group_5": [
        ("Asian, Asian British or Asian Welsh", "6.6"),
        ("Black, Black British, Black Welsh, Caribbean or African", "5.9"),
        ("Mixed or Multiple ethnic groups", "4.5"),
        ("White", "81.1"),
        ("Other ethnic group", "1.9"),
    ],
    "religion_10": [
        ("Christian", "32.2"),
        ("Buddhist", "0.6"),
        ("Hindu", "0.8"),
        ("Jewish", "0.3"),
        ("Muslim", "6.7"),
        ("Sikh", "0.5"),
        ("No religion", "51.4"),
        ("Not answered", "6.9"),
        ("Other religion", "0.6"),
    ],
    "age_band": [
        ("0-14", "16.6"),
        ("15-24", "16.3"),
        ("25-34", "18.7"),
        ("35-44", "14.6"),
        ("45-54", "11.3"),
        ("55-64", "9.6"),
        ("65-74", "7"),
        ("75+", "5.9"),
    ],
    "sex": [("Female", "50.4"), ("Male", "49.6")],
}

# Arabic and French names of the dimensions and community groups; age bands need none.
GROUP_NAME_TRANSLATIONS = {
    "Ethnic group": ("المجموعة العرقية", "Groupe ethnique"),
    "Religion": ("الدين", "Religion"),
    "Age band": ("الفئة العمرية", "Tranche d’âge"),
    "Sex": ("الجنس", "Sexe"),
    "Asian, Asian British or Asian Welsh": (
        "آسيوي أو بريطاني آسيوي أو ويلزي آسيوي",
        "Asiatique, Britannique asiatique ou Gallois asiatique",
    ),
    "Black, Black British, Black Welsh, Caribbean or African": (
        "أسود أو بريطاني أسود أو ويلزي أسود أو كاريبي أو أفريقي",
        "Noir, Britannique noir, Gallois noir, Caribéen ou Africain",
    ),
    "Mixed or Multiple ethnic groups": ("مختلط أو متعدد الأعراق", "Métis ou origines multiples"),
    "White": ("أبيض", "Blanc"),
    "Other ethnic group": ("مجموعة عرقية أخرى", "Autre groupe ethnique"),
    "Christian": ("مسيحي", "Chrétien"),
    "Buddhist": ("بوذي", "Bouddhiste"),
    "Hindu": ("هندوسي", "Hindou"),
    "Jewish": ("يهودي", "Juif"),
    "Muslim": ("مسلم", "Musulman"),
    "Sikh": ("سيخي", "Sikh"),
    "No religion": ("بلا دين", "Sans religion"),
    "Not answered": ("لم يُجب", "Sans réponse"),
    "Other religion": ("دين آخر", "Autre religion"),
    "Female": ("أنثى", "Femme"),
    "Male": ("ذكر", "Homme"),
}


def translated_names(name):
    """`name_en`, `name_ar` and `name_fr` for a dimension or community group."""
    arabic, french = GROUP_NAME_TRANSLATIONS.get(name, (name, name))
    return {"name_en": name, "name_ar": arabic, "name_fr": french}


# The make-up of the fictional participants in the Riverside Park consultation.
DEMO_PARTICIPANTS = 260
DEMO_PARTICIPANT_MIX = {
    "ethnic_group_5": {
        "Asian, Asian British or Asian Welsh": 0.015,
        "Black, Black British, Black Welsh, Caribbean or African": 0.05,
        "Mixed or Multiple ethnic groups": 0.05,
        "White": 0.87,
        "Other ethnic group": 0.015,
    },
    "religion_10": {
        "Christian": 0.34,
        "Buddhist": 0.005,
        "Hindu": 0.005,
        "Jewish": 0.005,
        "Muslim": 0.03,
        "Sikh": 0.005,
        "No religion": 0.55,
        "Not answered": 0.05,
        "Other religion": 0.01,
    },
    "age_band": {
        "0-14": 0.0,
        "15-24": 0.1,
        "25-34": 0.27,
        "35-44": 0.27,
        "45-54": 0.16,
        "55-64": 0.12,
        "65-74": 0.06,
        "75+": 0.02,
    },
    "sex": {"Female": 0.58, "Male": 0.42},
}


def translated(field, en, ar, fr):
    """Keyword arguments for one translated field in English, Arabic and French."""
    return {field: en, f"{field}_en": en, f"{field}_ar": ar, f"{field}_fr": fr}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


# --- Demo content, in English, Arabic and French -------------------------------------

HOME = {
    **translated("title", "Northbridge", "نورثبريدج", "Northbridge"),
    **translated(
        "intro",
        "<p>Have your say on the decisions that shape Northbridge. Read what the city "
        "proposes, tell us what you think, and see what your neighbours said, in the "
        "language you are most comfortable with.</p>",
        "<p>شارِك برأيك في القرارات التي ترسم مستقبل نورثبريدج. اطّلع على ما تقترحه "
        "البلدية، وأخبرنا بما تفكّر فيه، وتعرّف على آراء جيرانك، باللغة التي تفضّلها.</p>",
        "<p>Donnez votre avis sur les décisions qui façonnent Northbridge. Découvrez ce "
        "que la ville propose, dites-nous ce que vous en pensez et voyez ce qu’en disent "
        "vos voisins, dans la langue qui vous convient le mieux.</p>",
    ),
}

ABOUT = {
    **translated("title", "About Engage", "عن منصة إنغيج", "À propos d’Engage"),
    **translated(
        "intro",
        "Engage is where the City of Northbridge asks residents what they think before it decides.",
        "إنغيج هي المنصة التي تسأل فيها بلدية نورثبريدج السكانَ عن آرائهم قبل أن تتخذ قراراتها.",
        "Engage est l’espace où la Ville de Northbridge demande l’avis des habitants avant de décider.",
    ),
    **translated(
        "body",
        [
            heading("How to take part"),
            paragraph(
                "<p>Anyone who lives, works or studies in Northbridge can take part. Create "
                "a free account with your email address, confirm it with the link we send "
                "you, and you can comment on any open consultation.</p>"
            ),
            paragraph(
                "<ul><li>Read the proposal and the questions the city is asking.</li>"
                "<li>Share your views, in your own words and your own language.</li>"
                "<li>Come to a co-design session to help shape a proposal from the start.</li></ul>"
            ),
            heading("What happens next", "h3"),
            paragraph(
                "<p>When a consultation closes, city staff read every contribution and "
                "publish a summary of what was heard and what will change as a result.</p>"
            ),
            heading("Your privacy"),
            paragraph(
                "<p>Others only ever see the display name you choose. Telling us about "
                "yourself, such as your age band or religion, is always optional, and we "
                "only publish those figures as totals for groups large enough that nobody "
                "can be identified.</p>"
            ),
        ],
        [
            heading("كيف تشارك"),
            paragraph(
                "<p>يمكن لكل من يسكن في نورثبريدج أو يعمل أو يدرس فيها أن يشارك. أنشئ "
                "حسابًا مجانيًا ببريدك الإلكتروني، وأكّده عبر الرابط الذي نرسله إليك، "
                "وبعدها يمكنك التعليق على أي مشاورة مفتوحة.</p>"
            ),
            paragraph(
                "<ul><li>اقرأ المقترح والأسئلة التي تطرحها البلدية.</li>"
                "<li>عبّر عن رأيك بكلماتك وبلغتك.</li>"
                "<li>احضر جلسة تصميم مشترك لتساعد في صياغة المقترح من بدايته.</li></ul>"
            ),
            heading("ماذا يحدث بعد ذلك", "h3"),
            paragraph(
                "<p>عندما تُغلق المشاورة، يقرأ موظفو البلدية كل مساهمة، وينشرون ملخصًا "
                "لما سمعوه وما سيتغيّر نتيجةً لذلك.</p>"
            ),
            heading("خصوصيتك"),
            paragraph(
                "<p>لا يرى الآخرون سوى الاسم الذي تختاره للظهور. مشاركة معلومات عنك، "
                "مثل فئتك العمرية أو ديانتك، اختيارية دائمًا، ولا ننشر هذه الأرقام إلا "
                "كمجاميع لمجموعات كبيرة بما يكفي كي لا يمكن التعرّف على أي شخص.</p>"
            ),
        ],
        [
            heading("Comment participer"),
            paragraph(
                "<p>Toute personne qui vit, travaille ou étudie à Northbridge peut "
                "participer. Créez un compte gratuit avec votre adresse e-mail, confirmez-la "
                "grâce au lien que nous vous envoyons, et vous pourrez commenter toute "
                "consultation ouverte.</p>"
            ),
            paragraph(
                "<ul><li>Lisez la proposition et les questions posées par la ville.</li>"
                "<li>Donnez votre avis, avec vos mots et dans votre langue.</li>"
                "<li>Participez à un atelier de co-conception pour façonner une proposition "
                "dès le départ.</li></ul>"
            ),
            heading("Et ensuite ?", "h3"),
            paragraph(
                "<p>À la clôture d’une consultation, les services de la ville lisent chaque "
                "contribution et publient une synthèse de ce qui a été dit et de ce qui "
                "changera en conséquence.</p>"
            ),
            heading("Votre vie privée"),
            paragraph(
                "<p>Les autres ne voient que le nom d’affichage que vous choisissez. Nous "
                "parler de vous, par exemple de votre tranche d’âge ou de votre religion, "
                "reste toujours facultatif, et ces chiffres ne sont publiés que sous forme "
                "de totaux pour des groupes assez grands pour que personne ne puisse être "
                "identifié.</p>"
            ),
        ],
    ),
}

CONSULTATION_INDEX = {
    **translated("title", "Consultations", "المشاورات", "Consultations"),
    **translated(
        "intro",
        "What the city is asking residents about now, what is coming up, and what was heard in the past.",
        "ما تسأل البلدية السكانَ عنه الآن، وما هو قادم، وما قيل في المشاورات السابقة.",
        "Ce sur quoi la ville consulte les habitants en ce moment, ce qui arrive bientôt, et ce qui a été dit par le passé.",
    ),
}

RIVERSIDE_PARK = {
    **translated(
        "title",
        "Redesigning Riverside Park",
        "إعادة تصميم حديقة ريفرسايد",
        "Réaménager le parc Riverside",
    ),
    **translated(
        "summary",
        "We plan to renew Riverside Park: new play areas, more seating and shade, and a "
        "safer path along the river. Tell us what you use the park for and what would make "
        "it better for you.",
        "نعتزم تجديد حديقة ريفرسايد: مناطق لعب جديدة، ومقاعد وظلال أكثر، وممر أكثر أمانًا "
        "على ضفة النهر. أخبرنا كيف تستخدم الحديقة وما الذي يجعلها أفضل بالنسبة إليك.",
        "Nous prévoyons de rénover le parc Riverside : de nouvelles aires de jeux, plus de "
        "bancs et d’ombre, et un chemin plus sûr le long de la rivière. Dites-nous à quoi "
        "le parc vous sert et ce qui le rendrait meilleur pour vous.",
    ),
    **translated(
        "body",
        [
            heading("What we propose"),
            paragraph(
                "<p>The play area by the boathouse will be replaced with equipment for "
                "younger and older children, including pieces that wheelchair users can "
                "enjoy. We will add benches every hundred metres along the river path, "
                "plant trees for shade and improve the lighting.</p>"
            ),
            heading("What we would like to know"),
            paragraph(
                "<ul><li>When and how do you use the park today?</li>"
                "<li>What stops you from using it more?</li>"
                "<li>Which of the proposed changes matter most to you?</li></ul>"
            ),
        ],
        [
            heading("ما نقترحه"),
            paragraph(
                "<p>ستُستبدل منطقة اللعب القريبة من مرسى القوارب بألعاب تناسب الأطفال "
                "الصغار والأكبر سنًا، منها ألعاب يستطيع مستخدمو الكراسي المتحركة "
                "الاستمتاع بها. وسنضيف مقاعد كل مئة متر على طول ممر النهر، ونزرع أشجارًا "
                "للظل، ونحسّن الإنارة.</p>"
            ),
            heading("ما نودّ معرفته"),
            paragraph(
                "<ul><li>متى وكيف تستخدم الحديقة اليوم؟</li>"
                "<li>ما الذي يمنعك من استخدامها أكثر؟</li>"
                "<li>أيّ التغييرات المقترحة تهمّك أكثر؟</li></ul>"
            ),
        ],
        [
            heading("Ce que nous proposons"),
            paragraph(
                "<p>L’aire de jeux près du hangar à bateaux sera remplacée par des jeux pour "
                "les petits comme pour les plus grands, dont certains accessibles aux "
                "personnes en fauteuil roulant. Nous installerons un banc tous les cent "
                "mètres le long du chemin de la rivière, planterons des arbres pour l’ombre "
                "et améliorerons l’éclairage.</p>"
            ),
            heading("Ce que nous aimerions savoir"),
            paragraph(
                "<ul><li>Quand et comment utilisez-vous le parc aujourd’hui ?</li>"
                "<li>Qu’est-ce qui vous empêche d’y aller plus souvent ?</li>"
                "<li>Parmi les changements proposés, lesquels comptent le plus pour vous ?</li></ul>"
            ),
        ],
    ),
}

SAFER_STREETS = {
    **translated(
        "title",
        "Safer streets around schools",
        "شوارع أكثر أمانًا حول المدارس",
        "Des rues plus sûres autour des écoles",
    ),
    **translated(
        "summary",
        "Should the streets outside Northbridge’s primary schools close to through traffic "
        "at the start and end of the school day? We want to hear from families, "
        "neighbours, businesses and everyone who drives, cycles or walks there.",
        "هل ينبغي إغلاق الشوارع المحيطة بالمدارس الابتدائية في نورثبريدج أمام حركة "
        "العبور في بداية اليوم الدراسي ونهايته؟ نريد أن نسمع من العائلات والجيران "
        "وأصحاب المتاجر وكل من يقود سيارته أو دراجته أو يمشي هناك.",
        "Faut-il fermer à la circulation de transit les rues devant les écoles primaires "
        "de Northbridge à l’entrée et à la sortie des classes ? Nous voulons entendre les "
        "familles, les riverains, les commerçants et tous ceux qui y passent en voiture, "
        "à vélo ou à pied.",
    ),
    **translated(
        "body",
        [
            heading("Why we are asking"),
            paragraph(
                "<p>Parents and teachers have told us that traffic outside the school gates "
                "is dangerous and the air is poor at drop-off time. Other cities have made "
                "these streets safer by closing them to cars for about forty minutes, "
                "twice a day.</p>"
            ),
            heading("What would change"),
            paragraph(
                "<p>Residents, blue-badge holders, deliveries and emergency vehicles could "
                "still drive in. Everyone else would be asked to park a short walk away.</p>"
            ),
        ],
        [
            heading("لماذا نسأل"),
            paragraph(
                "<p>أخبرنا أولياء الأمور والمعلمون أن حركة السير أمام بوابات المدارس خطرة "
                "وأن الهواء يصبح ملوّثًا وقت توصيل الأطفال. وقد جعلت مدن أخرى هذه الشوارع "
                "أكثر أمانًا بإغلاقها أمام السيارات نحو أربعين دقيقة مرتين في اليوم.</p>"
            ),
            heading("ما الذي سيتغيّر"),
            paragraph(
                "<p>سيظل بإمكان السكان وحاملي بطاقات ذوي الإعاقة وسيارات التوصيل والطوارئ "
                "الدخول بسياراتهم. أما غيرهم فسيُطلب منهم الوقوف على مسافة قصيرة سيرًا على "
                "الأقدام.</p>"
            ),
        ],
        [
            heading("Pourquoi nous vous consultons"),
            paragraph(
                "<p>Des parents et des enseignants nous ont signalé que la circulation devant "
                "les écoles est dangereuse et que l’air y est pollué au moment de déposer "
                "les enfants. D’autres villes ont sécurisé ces rues en les fermant aux "
                "voitures une quarantaine de minutes, deux fois par jour.</p>"
            ),
            heading("Ce qui changerait"),
            paragraph(
                "<p>Les riverains, les titulaires d’une carte de stationnement pour personnes "
                "handicapées, les livraisons et les véhicules de secours pourraient toujours "
                "entrer. Les autres seraient invités à se garer à quelques minutes à pied.</p>"
            ),
        ],
    ),
}

LIBRARY_HOURS = {
    **translated(
        "title",
        "Central Library opening hours",
        "مواعيد عمل المكتبة المركزية",
        "Horaires d’ouverture de la bibliothèque centrale",
    ),
    **translated(
        "summary",
        "We asked when the Central Library should open: later in the evenings, on Sunday "
        "afternoons, or earlier in the morning. Thank you to everyone who took part; a "
        "summary of what we heard will be published here.",
        "سألناكم عن المواعيد التي ينبغي أن تفتح فيها المكتبة المركزية: حتى وقت متأخر من "
        "المساء، أو بعد ظهر يوم الأحد، أو في الصباح الباكر. شكرًا لكل من شارك؛ وسننشر "
        "هنا ملخصًا لما سمعناه.",
        "Nous vous avons demandé quand la bibliothèque centrale devrait ouvrir : plus tard "
        "le soir, le dimanche après-midi ou plus tôt le matin. Merci à toutes celles et "
        "ceux qui ont participé ; une synthèse de ce que nous avons entendu sera publiée ici.",
    ),
    **translated(
        "body",
        [
            heading("What we asked"),
            paragraph(
                "<p>The library’s budget pays for the same number of opening hours as "
                "today. We asked which hours would serve students, working people, older "
                "residents and families best.</p>"
            ),
        ],
        [
            heading("ما سألنا عنه"),
            paragraph(
                "<p>تكفي ميزانية المكتبة لعدد ساعات العمل نفسه كما هو اليوم. وسألنا عن "
                "الساعات التي تخدم الطلاب والعاملين وكبار السن والعائلات على أفضل وجه.</p>"
            ),
        ],
        [
            heading("Ce que nous avons demandé"),
            paragraph(
                "<p>Le budget de la bibliothèque permet le même nombre d’heures d’ouverture "
                "qu’aujourd’hui. Nous avons demandé quels horaires conviendraient le mieux "
                "aux étudiants, aux actifs, aux personnes âgées et aux familles.</p>"
            ),
        ],
    ),
}

FORUM_INDEX = {
    **translated("title", "Forums", "المنتديات", "Forums"),
    **translated(
        "intro",
        "<p>Moderated spaces to check what you have heard, share what you know and talk it through with your neighbours.</p>",
        "<p>مساحات خاضعة للإشراف للتحقق مما سمعته، ومشاركة ما تعرفه، ومناقشته مع جيرانك.</p>",
        "<p>Des espaces modérés pour vérifier ce que vous avez entendu, partager ce que vous savez et en discuter avec vos voisins.</p>",
    ),
}

MYTHS_AND_FACTS = {
    **translated(
        "title",
        "Myths and facts about Northbridge",
        "خرافات وحقائق عن نورثبريدج",
        "Idées reçues et faits sur Northbridge",
    ),
    **translated(
        "search_description",
        "Heard something about Northbridge and not sure it is true? Ask here, and we will look at the facts together.",
        "سمعت شيئًا عن نورثبريدج ولست متأكدًا من صحته؟ اسأل هنا وسنتحقق من الحقائق معًا.",
        "Vous avez entendu quelque chose sur Northbridge sans savoir si c’est vrai ? Posez la question ici, et nous vérifierons les faits ensemble.",
    ),
    **translated(
        "intro",
        "<p>Rumours spread fast, about housing, funding, crime or who gets what. Raise a "
        "claim you have heard, and moderators and city staff will bring the facts, with "
        "their sources, so everyone can judge for themselves.</p>",
        "<p>تنتشر الشائعات بسرعة، عن السكن أو التمويل أو الجريمة أو عمّن يحصل على ماذا. "
        "اطرح ادعاءً سمعته، وسيقدّم المشرفون وموظفو البلدية الحقائق مع مصادرها، ليحكم "
        "كل واحد بنفسه.</p>",
        "<p>Les rumeurs circulent vite, sur le logement, les financements, la délinquance "
        "ou sur qui reçoit quoi. Soumettez une affirmation que vous avez entendue : les "
        "modérateurs et les services de la ville apporteront les faits, sources à l’appui, "
        "pour que chacun puisse se faire sa propre idée.</p>",
    ),
    **translated(
        "posting_guidelines",
        "<ul><li>Be respectful: criticise ideas, not people or communities.</li>"
        "<li>Give your sources when you state a fact.</li>"
        "<li>No personal details, about yourself or anyone else.</li>"
        "<li>Moderators remove hateful, threatening or abusive posts and explain why.</li></ul>",
        "<ul><li>كن محترمًا: انتقد الأفكار، لا الأشخاص ولا المجتمعات.</li>"
        "<li>اذكر مصادرك عندما تعرض حقيقة.</li>"
        "<li>لا تنشر بيانات شخصية، عنك أو عن غيرك.</li>"
        "<li>يحذف المشرفون المنشورات التي تحضّ على الكراهية أو تهدّد أو تسيء، ويوضحون السبب.</li></ul>",
        "<ul><li>Restez respectueux : critiquez les idées, pas les personnes ni les communautés.</li>"
        "<li>Citez vos sources lorsque vous avancez un fait.</li>"
        "<li>Aucune donnée personnelle, ni sur vous ni sur quiconque.</li>"
        "<li>Les modérateurs retirent les messages haineux, menaçants ou injurieux, et expliquent pourquoi.</li></ul>",
    ),
}

PARK_SESSION = {
    **translated(
        "title",
        "Riverside Park co-design workshop",
        "ورشة التصميم المشترك لحديقة ريفرسايد",
        "Atelier de co-conception du parc Riverside",
    ),
    **translated(
        "purpose",
        "Community leaders, park users and city designers work together on the layout of "
        "the new play area and the river path, before the final plans are drawn up.",
        "يعمل قادة المجتمع ومرتادو الحديقة ومصمّمو البلدية معًا على تخطيط منطقة اللعب "
        "الجديدة وممر النهر، قبل إعداد المخططات النهائية.",
        "Des représentants des communautés, des usagers du parc et les urbanistes de la "
        "ville travaillent ensemble sur l’aménagement de la nouvelle aire de jeux et du "
        "chemin de la rivière, avant que les plans définitifs ne soient établis.",
    ),
    **translated(
        "place",
        "Northbridge Community Centre, 12 Mill Lane",
        "مركز نورثبريدج المجتمعي، 12 ميل لين",
        "Centre communautaire de Northbridge, 12 Mill Lane",
    ),
    **translated(
        "accessibility",
        "Step-free entrance and accessible toilets. Hearing loop in the main hall. Arabic "
        "and French interpreters. Free childcare on request.",
        "مدخل بلا درجات ودورات مياه مهيّأة لذوي الإعاقة. حلقة سمعية في القاعة الرئيسية. "
        "مترجمون إلى العربية والفرنسية. رعاية مجانية للأطفال عند الطلب.",
        "Entrée de plain-pied et toilettes accessibles. Boucle magnétique dans la grande "
        "salle. Interprètes en arabe et en français. Garde d’enfants gratuite sur demande.",
    ),
}

ACCOUNTS = [
    # email, display name, groups, is_staff/is_superuser
    ("resident@example.org", "Sam", [], False),
    ("leader@example.org", "Amina", [], False),
    ("moderator@example.org", "Moderation team", [MODERATORS], False),
    ("staff@example.org", "City of Northbridge", [CITY_STAFF], True),
    ("partner@example.org", "Community Safety Partnership", [], False),
]
# The community groups the demo leader speaks for: (dimension, category name).
LEADER_GROUPS = [("religion_10", "Muslim"), ("age_band", "15-24")]


class Command(BaseCommand):
    help = "Create the Northbridge demo city (idempotent: re-running duplicates nothing)."

    def handle(self, *args, **options):
        self.created = []
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            groups = self.seed_community_groups()
            area = self.seed_area(groups)
            home = self.seed_home_page()
            self.seed_pages(home, groups, area)
            self.seed_accounts(groups)
            forums_demo.seed(self.note)
            self.seed_participation(groups, area)
            engagement_demo.seed()
            codesign_demo.seed()
            following_demo.seed(self.note)
        self.print_summary()

    # --- who took part (so the representation dashboard has something to show) --------

    def seed_participation(self, groups, area):
        """Fictional participants in the Riverside Park consultation, with consented
        declarations, skewed on purpose: older and Asian residents are under-represented.
        They cannot log in (no usable password) and are created once."""
        park = ConsultationPage.objects.filter(slug="riverside-park").first()
        domain = "@participants.northbridge.example.org"
        if park is None or User.objects.filter(email__endswith=domain).exists():
            return
        draw = random.Random(2026)  # noqa: S311 - demo data, not security
        unusable = make_password(None)
        users = User.objects.bulk_create(
            [
                User(
                    email=f"participant{n}{domain}",
                    display_name=f"Participant {n}",
                    password=unusable,
                )
                for n in range(1, DEMO_PARTICIPANTS + 1)
            ]
        )
        Participation.objects.bulk_create(
            Participation(
                user=user,
                scope_type=ScopeType.CONSULTATION,
                scope_id=str(park.pk),
                area=area,
                actions=Action.COMMENTED | Action.REACTED,
            )
            for user in users
        )
        consenting = [user for user in users if draw.random() < 0.85]
        DeclarationConsent.objects.bulk_create(
            DeclarationConsent(
                user=user,
                privacy_notice_version=settings.DECLARATION_PRIVACY_NOTICE_VERSION,
                purpose_version=settings.DECLARATION_PURPOSE_VERSION,
            )
            for user in consenting
        )
        dimensions = {dimension.slug: dimension for dimension in Dimension.objects.all()}
        declarations = []
        for user in consenting:
            for slug, weights in DEMO_PARTICIPANT_MIX.items():
                if draw.random() < 0.05:
                    category = None  # prefer not to say
                else:
                    names, shares = zip(*weights.items(), strict=True)
                    category = groups[slug, draw.choices(names, shares)[0]]
                declarations.append(
                    Declaration(user=user, dimension=dimensions[slug], category=category)
                )
        Declaration.objects.bulk_create(declarations)
        self.note(True, "demo participant", f"{len(users)} in {park.title}")

    # --- community groups and baseline ---------------------------------------------

    def seed_community_groups(self):
        """Dimensions and categories, keyed by (dimension slug, category name)."""
        categories = {}
        for order, (slug, name) in enumerate(DIMENSIONS, start=1):
            dimension, created = Dimension.objects.get_or_create(
                slug=slug, defaults={**translated_names(name), "sort_order": order}
            )
            self.note(created, "dimension", dimension)
            for position, (category_name, _share) in enumerate(CENSUS_SHARES[slug], start=1):
                category, created = Category.objects.get_or_create(
                    dimension=dimension,
                    slug=category_slug(category_name),
                    defaults={**translated_names(category_name), "sort_order": position},
                )
                self.note(created, "community group", category)
                categories[slug, category_name] = category
        return categories

    def seed_area(self, categories):
        area, created = Area.objects.get_or_create(code=AREA_CODE, defaults={"name": "Northbridge"})
        self.note(created, "area", area)
        for slug, rows in CENSUS_SHARES.items():
            shares = normalise({name: Decimal(pct) for name, pct in rows})
            for category_name, share in shares.items():
                _share, created = BaselineShare.objects.get_or_create(
                    area=area,
                    category=categories[slug, category_name],
                    defaults={
                        "share": share,
                        "count": int((share * POPULATION).to_integral_value(ROUND_HALF_UP)),
                        "source": BASELINE_SOURCE,
                        "year": BASELINE_YEAR,
                    },
                )
                self.note(created, "baseline share", f"{area}: {category_name}")
        return area

    # --- pages ---------------------------------------------------------------------

    def seed_home_page(self):
        """The HomePage at the root of the default Site, replacing Wagtail's welcome page."""
        root = Page.get_first_root_node()
        home = HomePage.objects.first()
        if home is None:
            # Wagtail's first migration leaves a plain "Welcome" page with the slug
            # "home". Remove it (with the site pointing at it) if nobody built on it.
            for welcome in root.get_children().filter(
                content_type__app_label="wagtailcore", content_type__model="page"
            ):
                if welcome.get_children_count() == 0:
                    welcome.delete()
            home = HomePage(slug="home", **HOME)
            root.add_child(instance=home)
            home.save_revision().publish()
            self.note(True, "page", home.title)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Northbridge",
            )
            self.note(True, "site", "Northbridge")
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save(update_fields=["root_page"])
        return home

    def seed_pages(self, home, groups, area):
        self.child_page(home, StandardPage, "about", ABOUT, show_in_menus=True)
        index = self.child_page(
            home, ConsultationIndexPage, "consultations", CONSULTATION_INDEX, show_in_menus=True
        )
        now = timezone.now().replace(minute=0, second=0, microsecond=0)

        def ages(*names):
            return [groups["age_band", name] for name in names]

        park = self.child_page(
            index,
            ConsultationPage,
            "riverside-park",
            RIVERSIDE_PARK,
            opens_at=now - datetime.timedelta(days=7),
            closes_at=now + datetime.timedelta(days=42),
            area=area,
            moderation_mode=ModerationMode.POST,
            affected_groups=ages("0-14", "65-74", "75+"),
            wider_audience=ages("25-34", "35-44"),
        )
        self.child_page(
            index,
            ConsultationPage,
            "safer-streets-around-schools",
            SAFER_STREETS,
            opens_at=now - datetime.timedelta(days=3),
            closes_at=now + datetime.timedelta(days=28),
            area=area,
            moderation_mode=ModerationMode.PRE,
            affected_groups=ages("0-14", "25-34", "35-44"),
            wider_audience=ages("15-24", "65-74", "75+"),
        )
        self.child_page(
            index,
            ConsultationPage,
            "central-library-opening-hours",
            LIBRARY_HOURS,
            opens_at=now - datetime.timedelta(days=120),
            closes_at=now - datetime.timedelta(days=60),
            area=area,
            moderation_mode=ModerationMode.POST,
            affected_groups=ages("15-24", "75+"),
            wider_audience=ages("0-14", "25-34", "35-44"),
        )
        forums = self.child_page(home, ForumIndexPage, "forums", FORUM_INDEX, show_in_menus=True)
        self.child_page(forums, ForumPage, "myths-and-facts", MYTHS_AND_FACTS)
        self.seed_session(park)

    def child_page(self, parent, model, slug, content, **fields):
        """The `model` page with `slug` below `parent`; created and published if missing."""
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing
        page = model(slug=slug, **content, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.note(True, "page", page.title)
        return page

    def seed_session(self, consultation):
        if CoDesignSession.objects.filter(
            consultation=consultation, title_en=PARK_SESSION["title_en"]
        ).exists():
            return
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        day = timezone.localdate() + datetime.timedelta(days=14)
        starts_at = datetime.datetime.combine(day, datetime.time(18, 0), tzinfo=zone)
        session = CoDesignSession.objects.create(
            consultation=consultation,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            time_zone=settings.TIME_ZONE,
            online_url="https://meet.example.org/northbridge-riverside-park",
            capacity=30,
            languages="en, ar, fr",
            **PARK_SESSION,
        )
        self.note(True, "co-design session", session)

    # --- accounts --------------------------------------------------------------------

    def seed_accounts(self, categories):
        users = {}
        for email, display_name, group_names, is_admin in ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User(
                    email=email,
                    display_name=display_name,
                    is_staff=is_admin,
                    is_superuser=is_admin,
                )
                user.set_password(DEMO_PASSWORD)
                user.save()
                self.note(True, "account", email)
            for name in group_names:
                user.groups.add(Group.objects.get_or_create(name=name)[0])
            address, created = EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if not (address.verified and address.primary):
                address.verified = address.primary = True
                address.save(update_fields=["verified", "primary"])
            users[email] = user

        leader, staff = users["leader@example.org"], users["staff@example.org"]
        for key in LEADER_GROUPS:
            CommunityLeadership.objects.get_or_create(
                user=leader, community_group=categories[key], defaults={"granted_by": staff}
            )

        partner, created = PartnerOrganisation.objects.get_or_create(
            slug="northbridge-community-safety-partnership",
            defaults={
                "name": "Northbridge Community Safety Partnership",
                "description": "The police, the fire service, schools and the city "
                "working together on community safety.",
            },
        )
        self.note(created, "partner organisation", partner)
        PartnerGrant.objects.get_or_create(
            organisation=partner, scope="city", access=PartnerGrant.Access.VIEW_REPORTS
        )
        PartnerMembership.objects.get_or_create(
            organisation=partner, user=users["partner@example.org"]
        )

    # --- output ----------------------------------------------------------------------

    def note(self, created, kind, label):
        if created:
            self.created.append((kind, str(label)))

    def print_summary(self):
        counts = {}
        for kind, _label in self.created:
            counts[kind] = counts.get(kind, 0) + 1
        if counts:
            made = ", ".join(f"{kind} ×{count}" for kind, count in counts.items())
            self.stdout.write(self.style.SUCCESS(f"Northbridge demo city: created {made}."))
        else:
            self.stdout.write("Northbridge demo city: already in place, nothing to create.")
        self.stdout.write(
            f"  {ConsultationPage.objects.live().count()} consultations, "
            f"{ForumPage.objects.live().count()} forums, "
            f"{Category.objects.count()} community groups, "
            f"{User.objects.count()} accounts."
        )
        self.stdout.write(
            "  Log in as resident@, leader@, moderator@, staff@ or partner@example.org "
            f"with the password {DEMO_PASSWORD}."
        )
