"""Writes for data sharing: every export is recorded before its file leaves."""

import logging

from .models import ExportRecord, PartnerMembership

audit_log = logging.getLogger("engage.audit")


def record_export(user, kind, scope, export_format, **parameters):
    """Record that `user` exported `kind` (e.g. "representation_report") of `scope`.

    Partners are recorded with their organisation, so a city can answer "what did this
    agency take, and when". Returns the `ExportRecord`.
    """
    membership = (
        PartnerMembership.objects.filter(user=user, organisation__is_active=True)
        .select_related("organisation")
        .first()
    )
    record = ExportRecord.objects.create(
        user=user,
        organisation=membership.organisation if membership else None,
        kind=kind,
        scope=str(scope),
        export_format=export_format,
        parameters={key: str(value) for key, value in parameters.items() if value is not None},
    )
    audit_log.info(
        "export %s: user=%s scope=%s format=%s", record.pk, user.pk, record.scope, export_format
    )
    return record
