"""Helpers shared by the agreements views."""

import rules
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..models import InformationSharingAgreement


def require(user, rule, obj=None):
    if not rules.test_rule(rule, user, obj):
        raise PermissionDenied


def get_agreement(pk):
    return get_object_or_404(
        InformationSharingAgreement.objects.select_related("owner").prefetch_related(
            "parties__organisation", "signatories__user", "signatories__organisation"
        ),
        pk=pk,
    )


def messages_of(error):
    return getattr(error, "messages", None) or [str(error)]
