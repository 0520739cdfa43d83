"""A small opinion map whose voters form clear groups, for the live-map, task and
representation tests (helper H4's tests; not a test module itself)."""

from engage.opinions.models import OpinionMap, Participant, Statement, StatementState, Vote


def grouped_map(*, groups=2, per_group=8, statements=6, users=None, voter_prefix="", **map_fields):
    """A map with `statements` accepted statements and `groups` × `per_group` voters.

    Group g agrees with statements where (j + g) is even and disagrees with the others;
    everyone passes on the last statement (an "area of uncertainty"). `users`, when
    given, are attached to the participants in order; `voter_prefix` gives participants
    imported ids (`<prefix><n>`). Returns (map, statements, people).
    """
    opinion_map = OpinionMap.objects.create(title=map_fields.pop("title", "Parks"), **map_fields)
    rows = [
        Statement(map=opinion_map, text=f"Statement {j}", state=StatementState.ACCEPTED)
        for j in range(statements)
    ]
    Statement.objects.bulk_create(rows)
    rows = list(Statement.objects.filter(map=opinion_map).order_by("pk"))
    people = []
    users = list(users or [])
    votes = []
    for g in range(groups):
        for i in range(per_group):
            index = g * per_group + i
            user = users[index] if index < len(users) else None
            external = f"{voter_prefix}{index}" if voter_prefix else ""
            person = Participant.objects.create(map=opinion_map, user=user, external_id=external)
            people.append(person)
            for j, statement in enumerate(rows):
                if j == len(rows) - 1:
                    value = 0
                else:
                    value = 1 if (j + g) % 2 == 0 else -1
                    # A little noise so groups are not single points.
                    if (i + j) % 7 == 0:
                        value = 0
                votes.append(Vote(participant=person, statement=statement, value=value))
    Vote.objects.bulk_create(votes)
    return opinion_map, rows, people
