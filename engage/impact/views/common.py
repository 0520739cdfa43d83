"""Shared helpers of the impact pages."""

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404

from ..models import ImpactAssessment


def require(user, rule, obj=None):
    if not rules.test_rule(rule, user, obj):
        raise PermissionDenied


def get_assessment(pk):
    return get_object_or_404(ImpactAssessment.objects.select_related("policy_area"), pk=pk)


def messages_of(error):
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error)]


def groups_of(assessment):
    return [
        (row.category_id, row.category.name) for row in assessment.rows.select_related("category")
    ]
