"""The live opinion map (/<lang>/opinions/<map id>/map/ and its fragment, issue #14).

The first opinion map (the demo's, else one made here) is open, so everyone may see it
(a draft would be staff's only: tests/opinions/test_live.py). Who sees the composition
by community group on it (staff and partners with a grant, with TOTP) is content,
checked in tests/opinions/test_live.py. The voting part uses the same map.
"""

from tests.security.matrix import PUBLIC

ROUTES = {
    "opinions:map": PUBLIC,
    "opinions:map_fragment": PUBLIC,
}
PATH_VALUES = {"map_id": "opinion_map"}


def build(world):
    """The first opinion map, open, with one computed snapshot."""
    from engage.opinions.models import MapStatus, OpinionMap, Participant, Statement, Vote
    from engage.opinions.tasks import store_snapshot

    opinion_map = OpinionMap.objects.order_by("pk").first()
    if opinion_map is None:
        opinion_map = OpinionMap.objects.create(
            title="Permission matrix map", status=MapStatus.OPEN
        )
        statement = Statement.objects.create(
            map=opinion_map, text="The matrix statement.", state="accepted"
        )
        voter = Participant.objects.create(map=opinion_map, external_id="matrix-voter")
        Vote.objects.create(participant=voter, statement=statement, value=1)
    OpinionMap.objects.filter(pk=opinion_map.pk).update(status=MapStatus.OPEN)
    if not opinion_map.snapshots.exists():
        store_snapshot(opinion_map)
    world.ids["opinion_map"] = opinion_map.pk
