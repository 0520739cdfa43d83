"""The live opinion map (/<lang>/opinions/<map id>/map/ and its fragment, issue #14).

Map 1 is open, so everyone may see it (a draft would be staff's only: tests/opinions/
test_live.py). Who sees the composition by community group on it (staff and partners
with a grant, with TOTP) is content, checked in tests/opinions/test_live.py.
"""

from tests.security.matrix import PUBLIC

ROUTES = {
    "opinions:map": PUBLIC,
    "opinions:map_fragment": PUBLIC,
}


def build(world):
    """Opinion map 1 (open), with one computed snapshot, unless it exists already (the
    voting part may have made it)."""
    from engage.opinions.models import MapStatus, OpinionMap, Participant, Statement, Vote
    from engage.opinions.tasks import store_snapshot

    opinion_map = OpinionMap.objects.filter(pk=1).first()
    if opinion_map is None:
        # Created through the sequence, then renumbered, so later maps do not collide.
        made = OpinionMap.objects.create(title="Permission matrix map", status=MapStatus.OPEN)
        OpinionMap.objects.filter(pk=made.pk).update(pk=1)
        opinion_map = OpinionMap.objects.get(pk=1)
        statement = Statement.objects.create(
            map=opinion_map, text="The matrix statement.", state="accepted"
        )
        voter = Participant.objects.create(map=opinion_map, external_id="matrix-voter")
        Vote.objects.create(participant=voter, statement=statement, value=1)
    if not opinion_map.snapshots.exists():
        store_snapshot(opinion_map)
