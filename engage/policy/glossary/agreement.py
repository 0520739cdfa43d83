"""When a term is agreed: the share of partner organisations that must endorse it.

`settings.GLOSSARY_AGREEMENT_SHARE` (default "2/3") is a fraction ("2/3"), a decimal
("0.75") or a number; it must be more than 0 and at most 1. The share is of all active
partner organisations, so an organisation that abstains or has not answered counts
against agreement exactly as an objection does; objections are recorded with their
comment for everybody in the review to read.
"""

import math
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from engage.policy.models import PartnerOrganisation

DEFAULT_SHARE = "2/3"


def agreement_share():
    raw = getattr(settings, "GLOSSARY_AGREEMENT_SHARE", DEFAULT_SHARE)
    try:
        share = Fraction(str(raw).strip())
    except (ValueError, ZeroDivisionError) as error:
        raise ImproperlyConfigured(
            "GLOSSARY_AGREEMENT_SHARE must be a fraction such as 2/3 or 0.75."
        ) from error
    if not 0 < share <= 1:
        raise ImproperlyConfigured("GLOSSARY_AGREEMENT_SHARE must be more than 0 and at most 1.")
    return share


@dataclass(frozen=True)
class Tally:
    """The decisions on a term's current revision."""

    endorse: int
    object: int
    abstain: int
    organisations: int
    needed: int

    @property
    def waiting(self):
        return max(self.organisations - self.endorse - self.object - self.abstain, 0)

    @property
    def reached(self):
        return self.organisations > 0 and self.endorse >= self.needed


def needed_for(organisations, share=None):
    """How many endorsements `organisations` partner organisations need."""
    share = agreement_share() if share is None else share
    return max(math.ceil(share * organisations), 1) if organisations else 0


def tally(term):
    """Count the decisions of active organisations on the term's current revision."""
    from .models import Decision

    active = PartnerOrganisation.objects.filter(is_active=True)
    decisions = term.endorsements.filter(revision=term.revision, organisation__in=active)
    counts = dict.fromkeys(Decision.values, 0)
    for decision in decisions.values_list("decision", flat=True):
        counts[decision] += 1
    organisations = active.count()
    return Tally(
        endorse=counts[Decision.ENDORSE],
        object=counts[Decision.OBJECT],
        abstain=counts[Decision.ABSTAIN],
        organisations=organisations,
        needed=needed_for(organisations),
    )
