"""Voting on opinion maps (/<lang>/opinions/<map id>/, issue #14), its API and the
staff viewset.

The first opinion map (the demo's, else one made here) is open and takes statements; it has
a votable statement. The voting page is public (anonymous visitors see the statement
and a link to sign in); adding a statement needs a signed-in, verified account (all the
matrix's accounts are), anonymous visitors are sent back with an error message. Who may
vote and submit in every map state is tested as a table in
tests/opinions/test_rules_matrix.py.
"""

from tests.security.matrix import EVERYONE, SIGNED_IN, get, post

ROUTES = {
    "opinions:vote": get(EVERYONE),
    "opinions:submit_statement": post(
        SIGNED_IN, data={"text": "A statement from the permission matrix.", "language": "en"}
    ),
}
VIEWSETS = ("opinion_maps",)
API_PATH_VALUES = {"map_id": "opinion_map"}
PATH_VALUES = {"map_id": "opinion_map"}


def build(world):
    """Opinion map 1, open and taking statements, with one votable statement."""
    from engage.moderation.content import ContentStatus
    from engage.opinions.models import MapStatus, OpinionMap, Statement, StatementState

    opinion_map = OpinionMap.objects.order_by("pk").first() or OpinionMap.objects.create(
        title="Permission matrix map"
    )
    OpinionMap.objects.filter(pk=opinion_map.pk).update(
        status=MapStatus.OPEN, accepts_statements=True
    )
    statement = Statement.objects.votable().of_map(opinion_map).order_by(
        "pk"
    ).first() or Statement.objects.create(
        map=opinion_map,
        text="The voting matrix statement.",
        status=ContentStatus.PUBLISHED,
        state=StatementState.ACCEPTED,
    )
    world.ids.update(opinion_map=opinion_map.pk, opinion_statement=statement.pk)


def api_ops(world):
    statement = world.ids["opinion_statement"]
    return {
        "GET /api/v1/opinions/{map_id}/next": get(EVERYONE),
        "POST /api/v1/opinions/{map_id}/votes": post(
            SIGNED_IN, data={"statement": statement, "value": 1}
        ),
        "POST /api/v1/opinions/{map_id}/statements": post(
            SIGNED_IN, data={"text": "A statement from the API matrix.", "language": "en"}
        ),
    }
