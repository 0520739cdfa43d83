"""What the glossary holds about a person, for "download my data": the decisions they
gave for their partner organisation, the revisions they made and the audit entries
naming them. They are professional records: on account deletion they stay, pointing at
the emptied account."""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import registry

from .models import AuditEntry, Endorsement, TermRevision


def register():
    registry.register_section(
        "glossary",
        _("Glossary decisions and edits you made"),
        order=62,
        tables=[
            registry.Table(
                "glossary_decisions", lambda user: Endorsement.objects.filter(member=user)
            ),
            registry.Table(
                "glossary_revisions", lambda user: TermRevision.objects.filter(created_by=user)
            ),
            registry.Table(
                "glossary_audit_entries", lambda user: AuditEntry.objects.filter(user=user)
            ),
        ],
    )
