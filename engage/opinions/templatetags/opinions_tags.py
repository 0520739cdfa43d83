"""Template tags of opinion maps for feature pages (consultations, forums):

    {% load opinions_tags %}
    {% opinion_map_for "consultation" page.pk %}     or     {% opinion_map_for "forum:7" %}

renders `opinions/includes/map_link.html`: a link to the map of that scope, when there
is one the reader may see (`opinions.view_map`); nothing otherwise.
"""

import rules
from django import template
from django.urls import reverse

from ..models import OpinionMap, Statement
from ..rules import VIEW_MAP

register = template.Library()


def scope_text(scope, key=None):
    """`consultation:12` from ("consultation", 12) or from "consultation:12"."""
    return f"{scope}:{key}" if key not in (None, "") else str(scope or "")


@register.inclusion_tag("opinions/includes/map_link.html", takes_context=True)
def opinion_map_for(context, scope, key=None):
    """The link to the opinion map of `scope` (see the module docstring)."""
    text = scope_text(scope, key)
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    opinion_map = OpinionMap.objects.filter(scope=text).first() if text else None
    if opinion_map is None or not rules.test_rule(VIEW_MAP, user, opinion_map):
        return {"opinion_map": None}
    return {
        "opinion_map": opinion_map,
        "vote_url": reverse("opinions:vote", kwargs={"map_id": opinion_map.pk}),
        "statement_count": Statement.objects.votable().of_map(opinion_map).count(),
    }
