"""Demo data for the consultation index filters and the outcome page (called by
`seed_demo`; safe to re-run): three policy areas filed on the demo consultations, and a
published outcome on the closed Central Library consultation."""

from django.utils import timezone

POLICY_AREAS = [
    # slug, English, Arabic, French, the demo consultation filed under it
    (
        "parks",
        "Parks and open spaces",
        "الحدائق والمساحات المفتوحة",
        "Parcs et espaces verts",
        "riverside-park",
    ),
    (
        "community-safety",
        "Community safety",
        "سلامة المجتمع",
        "Sécurité publique",
        "safer-streets-around-schools",
    ),
    (
        "libraries-culture",
        "Libraries and culture",
        "المكتبات والثقافة",
        "Bibliothèques et culture",
        "central-library-opening-hours",
    ),
]

LIBRARY_OUTCOME = {
    "en": (
        "<h2>What we heard</h2><p>Most people asked for later opening on weekday evenings, "
        "and many parents asked for Saturday afternoons for children's activities.</p>"
        "<h2>What we will do</h2><ul><li>From next month the Central Library opens until "
        "8pm on Tuesdays and Thursdays.</li><li>Saturday opening extends to 5pm, with a "
        "children's story time at 2pm.</li><li>We will review the new hours in six months "
        "and publish the visitor numbers.</li></ul>"
    ),
    "ar": (
        "<h2>ما سمعناه</h2><p>طلب معظم المشاركين فتح المكتبة حتى وقت متأخر في أمسيات أيام "
        "الأسبوع، وطلب كثير من الأهالي فترة بعد الظهر يوم السبت لأنشطة الأطفال.</p>"
        "<h2>ما سنفعله</h2><ul><li>اعتبارًا من الشهر القادم تفتح المكتبة المركزية حتى الساعة 8 "
        "مساءً يومي الثلاثاء والخميس.</li><li>يمتد دوام السبت حتى الساعة 5 مساءً مع وقت "
        "للقصص للأطفال في الساعة 2.</li></ul>"
    ),
    "fr": (
        "<h2>Ce que nous avons entendu</h2><p>La plupart des participants ont demandé une "
        "ouverture plus tardive en semaine, et de nombreux parents le samedi après-midi pour "
        "les activités des enfants.</p><h2>Ce que nous allons faire</h2><ul><li>Dès le mois "
        "prochain, la bibliothèque centrale ouvre jusqu'à 20 h le mardi et le jeudi.</li>"
        "<li>Le samedi, elle ouvre jusqu'à 17 h, avec l'heure du conte à 14 h.</li></ul>"
    ),
}


def seed(note=None):
    """Create what is missing; change nothing that is already set."""
    from consultations.models import ConsultationPage
    from engage.policy.models import PolicyArea

    for slug, english, arabic, french, consultation_slug in POLICY_AREAS:
        policy_area, created = PolicyArea.objects.get_or_create(
            slug=slug,
            defaults={"name": english, "name_en": english, "name_ar": arabic, "name_fr": french},
        )
        if created and note:
            note(True, "policy area", english)
        page = ConsultationPage.objects.filter(slug=consultation_slug).first()
        if page is not None and page.policy_area_id is None:
            page.policy_area = policy_area
            page.save_revision().publish()

    library = ConsultationPage.objects.filter(slug="central-library-opening-hours").first()
    now = timezone.now()
    if library is not None and library.outcome_published_at is None and library.closes_at <= now:
        library.outcome = LIBRARY_OUTCOME["en"]
        for language, text in LIBRARY_OUTCOME.items():
            setattr(library, f"outcome_{language}", text)
        library.outcome_published_at = now
        library.save_revision().publish()
        if note:
            note(True, "outcome", library.title)
