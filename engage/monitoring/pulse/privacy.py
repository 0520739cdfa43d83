"""What pulse surveys hold about a person, for "download my data" and account deletion.

A signed-in person's responses point at their account (to answer once, and to join
their consented declarations in aggregates). On deletion they are anonymised (kept,
pointing at nobody) when the person keeps their contributions, else deleted. Link
batches issued and paper imports run by staff are records of that work: they stay,
pointing at the emptied account.
"""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import registry

from .models import Answer, LinkBatch, PaperImport, Response


def erase(user, keep_content):
    responses = Response.objects.filter(user=user)
    if keep_content:
        responses.update(user=None)
    else:
        responses.delete()


def register():
    registry.register_section(
        "pulse",
        _("Community pulse surveys"),
        order=60,
        tables=[
            registry.Table("pulse_responses", lambda user: Response.objects.filter(user=user)),
            registry.Table(
                "pulse_answers", lambda user: Answer.objects.filter(response__user=user)
            ),
            registry.Table(
                "pulse_link_batches_issued", lambda user: LinkBatch.objects.filter(created_by=user)
            ),
            registry.Table(
                "pulse_paper_imports", lambda user: PaperImport.objects.filter(imported_by=user)
            ),
        ],
        erase=erase,
    )
