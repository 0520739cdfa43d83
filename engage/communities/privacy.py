"""What the communities app holds about a person, for "download my data" and account
deletion (`engage.accounts.privacy.registry`), and its retention rules.

On deletion, declarations and consent records are deleted; the participation ledger
keeps its rows, which point at the emptied account, so representation reports keep their
counts (the person now counts as "not declared").
"""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import bases, registry
from engage.accounts.privacy.retention import deleted

from . import report_cache, services
from .models import (
    BaselineImport,
    Declaration,
    DeclarationConsent,
    OfflineImport,
    PanelSelection,
    Participation,
)


def _declarations(user):
    rows = Declaration.objects.filter(user=user).select_related("dimension", "category")
    return {
        "declarations": [
            {
                "question": row.dimension.name,
                "answer": row.category.name if row.category_id else str(_("Prefer not to say")),
                "declared_at": registry.plain(row.declared_at),
            }
            for row in rows.order_by("dimension__sort_order", "pk")
        ]
    }


def erase(user, keep_content):
    Declaration.objects.filter(user=user).delete()
    DeclarationConsent.objects.filter(user=user).delete()
    report_cache.invalidate_declarations_on_commit()


def _declarations_retention(cutoff):
    # The existing purge counts the period from the person's last participation.
    return services.purge_expired_declarations(now=cutoff, retention_days=0)


def _withdrawn_consents(cutoff):
    return deleted(DeclarationConsent.objects.filter(withdrawn_at__lt=cutoff))


def _ledger(cutoff):
    return deleted(Participation.objects.filter(last_at__lt=cutoff))


def _imports(cutoff):
    anonymised = 0
    for model in (BaselineImport, OfflineImport):
        anonymised += model.objects.filter(
            imported_at__lt=cutoff, imported_by__isnull=False
        ).update(imported_by=None)
    return anonymised


def _panels(cutoff):
    return deleted(PanelSelection.objects.filter(created_at__lt=cutoff))


def register():
    registry.register_section(
        "communities",
        _("About me and where you took part"),
        order=10,
        tables=[
            registry.Table(
                "declaration_consents", lambda user: DeclarationConsent.objects.filter(user=user)
            ),
            registry.Table("participation", lambda user: Participation.objects.filter(user=user)),
        ],
        export=_declarations,
        covers=(Declaration,),
        erase=erase,
    )
    rule = registry.register_retention
    rule(
        "declarations",
        _("“About me” declarations of people who have not taken part since"),
        Declaration,
        holds=_("special-category answers (ethnic group, religion…) of one account"),
        lawful_basis=bases.EXPLICIT_CONSENT,
        apply=_declarations_retention,
        setting="DECLARATION_RETENTION_DAYS",
    )
    rule(
        "declaration_consents",
        _("Withdrawn consent records (days after withdrawal)"),
        DeclarationConsent,
        holds=_("which account consented to which notice, when, and when it withdrew"),
        lawful_basis=bases.LEGAL_OBLIGATION,
        apply=_withdrawn_consents,
    )
    rule(
        "participation_ledger",
        _("Participation ledger (days after the last action)"),
        Participation,
        holds=_("which account took part where, when and how"),
        lawful_basis=bases.PUBLIC_TASK,
        apply=_ledger,
    )
    rule(
        "import_records",
        _("Who imported baselines and offline participation"),
        BaselineImport,
        holds=_("the staff account that imported a file"),
        lawful_basis=bases.LEGAL_OBLIGATION,
        apply=_imports,
        action="anonymise",
    )
    rule(
        "panel_selections",
        _("Panel draws for co-design sessions"),
        PanelSelection,
        holds=_("the accounts drawn, their selection probabilities, who ran the draw"),
        lawful_basis=bases.PUBLIC_TASK,
        apply=_panels,
    )
