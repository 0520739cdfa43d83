"""The demo city's information-sharing agreements (engage/policy/demo/agreements.yaml),
loaded by `manage.py seed_demo` right after `engage.demo.northbridge` (which makes the
partner organisations and their grants): each agreement is made, signed by its
signatories and brought into force, and the organisations' grants that belong to no
agreement are put under it; then an information request waits for staff. Idempotent:
an agreement whose reference exists is left as it is (its orphan grants are still
attached), and a request is made once.
"""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.communities.models import Dimension
from engage.demo.data import DemoContext, read

from ..models import (
    AgreementParty,
    AgreementSignatory,
    InformationRequest,
    InformationSharingAgreement,
    PartnerGrant,
    PartnerOrganisation,
)
from ..services import agreements as services
from ..services import requests as request_services

DATA_DIR = Path(__file__).resolve().parent
DATA_FILE = "agreements.yaml"


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    for node in data.get("agreements", []).list():
        seed_agreement(node, context)
    for node in data.get("information_requests", []).list():
        seed_request(node, context)


def seed(note=None):
    context = DemoContext()
    if note is not None:
        context.note = note
    load_demo(DATA_DIR, context)


def _user(node):
    user = User.objects.filter(email=node.str()).first()
    if user is None:
        raise node.error(_("no account “%(email)s”") % {"email": node.value})
    return user


def _organisation(node):
    organisation = PartnerOrganisation.objects.filter(slug=node.str()).first()
    if organisation is None:
        raise node.error(_("no partner organisation “%(slug)s”") % {"slug": node.value})
    return organisation


@transaction.atomic
def seed_agreement(node, context):
    organisations = [_organisation(item) for item in node["organisations"].list()]
    reference = node["reference"].str()
    agreement = InformationSharingAgreement.objects.filter(reference=reference).first()
    if agreement is None:
        agreement = _create(node, reference, organisations)
        context.note(True, "information-sharing agreement", agreement)
    PartnerGrant.objects.filter(organisation__in=organisations, agreement__isnull=True).update(
        agreement=agreement
    )


def _create(node, reference, organisations):
    today = timezone.localdate()

    def days(key, sign=1):
        return today + datetime.timedelta(days=sign * node[key].int())

    agreement = InformationSharingAgreement(
        reference=reference,
        title=node["title"].str(),
        purpose=node["purpose"].str(),
        lawful_basis=node["lawful_basis"].str(),
        lawful_basis_detail=node.get("lawful_basis_detail", "").str(),
        special_category=node.get("special_category", False).bool(),
        article_9_condition=node.get("article_9_condition", "").str(),
        schedule_1_condition=node.get("schedule_1_condition", "").str(),
        dpia_reference=node.get("dpia_reference", "").str(),
        data_categories="\n".join(node["data_categories"].strings()),
        retention=node["retention"].str(),
        security_measures=node["security_measures"].str(),
        start_date=days("start_days_ago", -1),
        review_date=days("review_in_days"),
        expiry_date=days("expiry_in_days"),
    )
    agreement.full_clean(exclude=["owner"])
    agreement.save()
    for order, organisation in enumerate(organisations):
        AgreementParty.objects.create(
            agreement=agreement, organisation=organisation, sort_order=order
        )
    signers = []
    for order, item in enumerate(node["signatories"].list()):
        user = _user(item["email"])
        organisation = (
            None if item.get("city", False).bool() else _organisation(item["organisation"])
        )
        AgreementSignatory.objects.create(
            agreement=agreement,
            organisation=organisation,
            user=user,
            role=item.get("role", "").str(),
            sort_order=order,
        )
        signers.append(user)
        if organisation is None and agreement.owner_id is None:
            agreement.owner = user
            agreement.save(update_fields=["owner"])
    services.submit_for_signature(agreement, agreement.owner)
    for user in signers:
        services.sign(agreement, user)
    return agreement


@transaction.atomic
def seed_request(node, context):
    agreement = InformationSharingAgreement.objects.filter(
        reference=node["agreement"].str()
    ).first()
    if agreement is None:
        raise node["agreement"].error(_("no agreement with this reference"))
    organisation = _organisation(node["organisation"])
    if InformationRequest.objects.filter(agreement=agreement, organisation=organisation).exists():
        return
    slugs = node["dimensions"].strings()
    dimensions = list(Dimension.objects.filter(slug__in=slugs))
    if len(dimensions) != len(slugs):
        raise node["dimensions"].error(_("a dimension code is not in the demo city"))
    made = request_services.submit_request(
        _user(node["requested_by"]),
        organisation,
        agreement,
        node["scope"].str(),
        dimensions,
        node["purpose"].str(),
    )
    context.note(True, "information request", made)
