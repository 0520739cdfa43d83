"""Fictional participants in a demo consultation, so the representation dashboard has
something to show: consented declarations, skewed on purpose by the `mix` in the data.
They cannot log in (no usable password) and are created once. Deterministic: the
draws use the data's fixed `random_seed`."""

import random

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.communities.importers import category_slug
from engage.communities.models import (
    Action,
    Category,
    Declaration,
    DeclarationConsent,
    Dimension,
    Participation,
    ScopeType,
)

from ..models import ConsultationPage


def seed_participants(node, context):
    park = ConsultationPage.objects.filter(slug=node["consultation"].str()).first()
    count = node["count"].int()
    email, display_name = node["email"], node["display_name"]
    if "{n}" not in email.str():
        raise email.error(_("the address must contain {n}, the participant's number"))
    domain = email.str().split("{n}", 1)[1]
    mix = read_mix(node["mix"])
    consent_rate = node["consent_rate"].fraction()
    undeclared_rate = node["prefer_not_to_say_rate"].fraction()
    seed = node["random_seed"].int()
    if park is None or User.objects.filter(email__endswith=domain).exists():
        return
    draw = random.Random(seed)  # noqa: S311 - demo data, not security
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(
                email=email.str().replace("{n}", str(n)),
                display_name=display_name.str().replace("{n}", str(n)),
                password=unusable,
            )
            for n in range(1, count + 1)
        ]
    )
    Participation.objects.bulk_create(
        Participation(
            user=user,
            scope_type=ScopeType.CONSULTATION,
            scope_id=str(park.pk),
            area=park.area,
            actions=Action.COMMENTED | Action.REACTED,
        )
        for user in users
    )
    consenting = [user for user in users if draw.random() < consent_rate]
    DeclarationConsent.objects.bulk_create(
        DeclarationConsent(
            user=user,
            privacy_notice_version=settings.DECLARATION_PRIVACY_NOTICE_VERSION,
            purpose_version=settings.DECLARATION_PURPOSE_VERSION,
        )
        for user in consenting
    )
    declarations = []
    for user in consenting:
        for dimension, groups, weights in mix:
            if draw.random() < undeclared_rate:
                category = None  # prefer not to say
            else:
                category = draw.choices(groups, weights)[0]
            declarations.append(Declaration(user=user, dimension=dimension, category=category))
    Declaration.objects.bulk_create(declarations)
    context.note(True, "demo participant", f"{len(users)} in {park.title}")


def read_mix(node):
    """[(Dimension, [Category], [weight])] from {dimension slug: {group name: weight}}."""
    mix = []
    for slug, weights in node.items():
        dimension = Dimension.objects.filter(slug=slug).first()
        if dimension is None:
            raise weights.error(_("no dimension “%(slug)s”") % {"slug": slug})
        groups, shares = [], []
        for name, weight in weights.items():
            category = Category.objects.filter(
                dimension=dimension, slug=category_slug(name)
            ).first()
            if category is None:
                raise weight.error(
                    _("no community group “%(group)s” in dimension “%(dimension)s”")
                    % {"group": name, "dimension": slug}
                )
            groups.append(category)
            shares.append(weight.fraction())
        mix.append((dimension, groups, shares))
    return mix
