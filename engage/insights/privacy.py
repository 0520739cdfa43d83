"""What the text signals hold about a person (`engage.accounts.privacy.registry`).

A `TextAnalysis` row keeps the author of the text only to join their consented
declarations for the breakdown by community group. Its scores are never exported (the
texts themselves are, by the features that hold them; the download says how many were
analysed and why) and account deletion empties the link: the
row stays in the aggregates, no longer linked to anyone or to any community group.
"""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import registry

from . import aggregates_cache
from .models import TextAnalysis


def _explained(user):
    # Scores of single texts are never given out, not even to their writer (they would
    # be a per-person profile); the download says what is kept and why.
    return {
        "texts_analysed": TextAnalysis.objects.filter(author=user).count(),
        "about": str(
            _(
                "The language, sentiment and abuse signals of your texts are kept only to "
                "count them in aggregate statistics, never shown per text or per person. "
                "The link to your account is removed when you delete it."
            )
        ),
    }


def erase(user, keep_content):
    rows = TextAnalysis.objects.filter(author=user)
    scopes = set()
    for row in rows.values(*aggregates_cache.SCOPE_COLUMNS.values()):
        scopes.update(aggregates_cache.scopes_of(row))
    rows.update(author=None)
    aggregates_cache.invalidate_on_commit(scopes)


def register():
    registry.register_section(
        "insights",
        _("Text signals"),
        order=90,
        export=_explained,
        covers=(TextAnalysis,),
        erase=erase,
    )
