"""The lawful bases Engage relies on (UK GDPR Art. 6, and Art. 9 for special-category
data), shared by the retention rules and the privacy page."""

from django.utils.translation import gettext_lazy as _

CONTRACT = _("Running the account the person asked for (UK GDPR Art. 6(1)(b), contract)")
PUBLIC_TASK = _(
    "Consulting residents as part of the council's public functions (UK GDPR Art. 6(1)(e), "
    "public task)"
)
LEGITIMATE_INTERESTS = _(
    "Keeping the service safe and secure (UK GDPR Art. 6(1)(f), legitimate interests)"
)
LEGAL_OBLIGATION = _(
    "Showing that the rules were followed (UK GDPR Art. 6(1)(c), legal obligation, and Art. 5(2), "
    "accountability)"
)
EXPLICIT_CONSENT = _(
    "Explicit consent, which can be withdrawn at any time (UK GDPR Art. 6(1)(a) and, for "
    "this special-category data, Art. 9(2)(a))"
)
CONSENT = _("Consent, which can be withdrawn at any time (UK GDPR Art. 6(1)(a))")

#: For the privacy page: (what, basis), in the order shown.
PURPOSES = [
    (_("Your account, sign-in and emails you asked for"), CONTRACT),
    (_("Comments, forum posts, reactions, survey answers and co-design work"), PUBLIC_TASK),
    (_("Moderation, abuse prevention and security logs"), LEGITIMATE_INTERESTS),
    (_("Records of exports, deletions and moderation decisions"), LEGAL_OBLIGATION),
    (
        _(
            "What you tell us about yourself in “About me” (for example ethnic group or "
            "religion): special-category data"
        ),
        EXPLICIT_CONSENT,
    ),
    (_("Notification emails about consultations you follow"), CONSENT),
]
