"""Writes for data sharing: every export is recorded before its file leaves."""

import logging

from django.core.exceptions import ValidationError

from engage.communities.scopes import Scope

from ..models import ExportRecord, PartnerGrant, PartnerMembership

audit_log = logging.getLogger("engage.audit")


def agreement_for_export(user, scope):
    """The agreement in force whose grant lets `user` (a partner member) export
    `scope`, preferring an exact grant over a city-wide one; None for anyone else."""
    try:
        wanted = scope if isinstance(scope, Scope) else Scope.parse(str(scope))
    except ValidationError:
        return None
    grants = PartnerGrant.objects.usable_by(user).select_related("agreement").order_by("pk")
    matching = [grant for grant in grants if grant.covers(wanted)]
    matching.sort(
        key=lambda grant: (grant.access != PartnerGrant.Access.EXPORT, grant.scope == "city")
    )
    return matching[0].agreement if matching else None


def record_export(user, kind, scope, export_format, agreement=None, **parameters):
    """Record that `user` exported `kind` (e.g. "representation_report") of `scope`.

    Partners are recorded with their organisation and the agreement that let them
    export (`agreement`, else the one whose grant covers the scope), so a city can
    answer "what did this agency take, when, and under which agreement". Returns the
    `ExportRecord`.
    """
    membership = (
        PartnerMembership.objects.filter(user=user, organisation__is_active=True)
        .select_related("organisation")
        .first()
    )
    if agreement is None and membership is not None:
        agreement = agreement_for_export(user, scope)
    organisation = membership.organisation if membership else None
    if agreement is not None:
        party = agreement.parties.filter(organisation__memberships__user=user).first()
        organisation = party.organisation if party else organisation
    record = ExportRecord.objects.create(
        user=user,
        organisation=organisation,
        agreement=agreement,
        kind=kind,
        scope=str(scope),
        export_format=export_format,
        parameters={key: str(value) for key, value in parameters.items() if value is not None},
    )
    audit_log.info(
        "export %s: user=%s scope=%s format=%s agreement=%s",
        record.pk,
        user.pk,
        record.scope,
        export_format,
        record.agreement_id,
    )
    return record
