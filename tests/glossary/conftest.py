"""Glossary fixtures: partner organisations with members, and terms made through the
services (as the admin, imports and the demo make them).

The cached term lists live in Redis, outside the test's transaction, and their version
is bumped after commit (which a rolled-back test never reaches): every test starts and
ends with a fresh version, so no list leaks between tests or into other suites."""

import pytest

from engage.policy.glossary import services, terms_cache
from engage.policy.glossary.models import TermStatus
from tests.factories.accounts import city_staff, with_totp
from tests.factories.policy import PartnerMembershipFactory, PartnerOrganisationFactory


@pytest.fixture(autouse=True)
def _fresh_glossary_cache():
    terms_cache.bump()
    yield
    terms_cache.bump()


@pytest.fixture
def staff(db):
    return with_totp(city_staff())


@pytest.fixture
def partners(db):
    """Three active partner organisations, each with one member (TOTP set up)."""
    result = []
    for name in ("Northbridge Police", "Northbridge Schools", "Refugee Action Northbridge"):
        organisation = PartnerOrganisationFactory(name=name)
        member = with_totp(PartnerMembershipFactory(organisation=organisation).user)
        result.append((organisation, member))
    return result


def wording(label, definition="A definition.", **extra):
    return {"label": label, "definition": definition, **extra}


def make_term(key, translations, *, status=TermStatus.AGREED, discouraged=(), **extra):
    """A term with `translations` ({lang: wording}); AGREED and RETIRED terms are made
    as a city restoring its own glossary makes them (agreed in their own language)."""
    data = {
        "key": key,
        "source_language": extra.pop("source_language", "en"),
        "translations": {
            code: {
                "agreed_in": code if status in (TermStatus.AGREED, TermStatus.RETIRED) else "",
                **item,
            }
            for code, item in translations.items()
        },
        "discouraged": list(discouraged),
        "sources": extra.pop("sources", []),
    }
    return services.create_term(data, status=status, keep_agreement=True)
