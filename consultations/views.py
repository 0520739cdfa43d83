"""Public pages for co-design sessions (consultation pages themselves are Wagtail pages)."""

import rules
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from .models import CoDesignSession


def session_detail(request, pk):
    """One co-design session: when, where, in which languages, and how accessible.

    Sessions of unpublished consultations answer 404, as if they did not exist.
    """
    session = get_object_or_404(CoDesignSession.objects.select_related("consultation"), pk=pk)
    if not rules.test_rule("consultations.view_session", request.user, session):
        raise Http404
    return TemplateResponse(request, "consultations/codesign_session.html", {"session": session})
