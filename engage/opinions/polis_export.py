"""Exporting a map in Pol.is' open-data format, anonymised (`export_opinion_map`).

The four files of a Pol.is export: comments.csv, votes.csv, participants-votes.csv and
summary.csv. Participants and statements get fresh sequential ids (0, 1, 2, … in the
order of the vote matrix); no account, e-mail or imported id is written. Votes are the
latest ones (an export from Pol.is lists every vote event), so `agrees` and `disagrees`
count latest votes. `group-id` comes from the map's newest snapshot (blank without one).
"""

import csv
import datetime
from pathlib import Path

from .models import Participant, Statement, StatementState, Vote
from .services import vote_matrix

MODERATED = {
    StatementState.ACCEPTED: "1",
    StatementState.UNMODERATED: "0",
    StatementState.MODERATED_OUT: "-1",
}


def _stamp(moment):
    return int(moment.timestamp() * 1000), moment.astimezone(datetime.UTC).strftime(
        "%a %b %d %H:%M:%S UTC %Y"
    )


def _write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def export_map(opinion_map, directory):
    """Write the four files of `opinion_map` into `directory` (created if needed) and
    return their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    matrix = vote_matrix(opinion_map)
    statement_of = {
        s.public_id: s for s in Statement.objects.filter(map=opinion_map).select_related(None)
    }
    participants = {p.public_id: p for p in Participant.objects.filter(map=opinion_map)}
    new_participant = {pid: str(i) for i, pid in enumerate(matrix.participant_ids)}
    new_statement = {sid: str(i) for i, sid in enumerate(matrix.statement_ids)}
    participant_of_user = {
        p.user_id: new_participant[pid] for pid, p in participants.items() if p.user_id
    }
    votes = list(
        Vote.objects.filter(statement__map=opinion_map)
        .select_related("participant", "statement")
        .order_by("voted_at", "pk")
    )
    snapshot = opinion_map.snapshots.first()
    group_of = {}
    if snapshot is not None:
        for group in snapshot.result.get("groups", []):
            for member in group["members"]:
                group_of[member] = str(group["id"])

    counts = {sid: [0, 0] for sid in matrix.statement_ids}
    per_participant = {pid: {} for pid in matrix.participant_ids}
    vote_rows = []
    for vote in votes:
        pid, sid = vote.participant.public_id, vote.statement.public_id
        per_participant[pid][sid] = vote.value
        if vote.value == 1:
            counts[sid][0] += 1
        elif vote.value == -1:
            counts[sid][1] += 1
        vote_rows.append(
            [*_stamp(vote.voted_at), new_statement[sid], new_participant[pid], vote.value]
        )

    comment_rows = []
    authored = {}
    for sid in matrix.statement_ids:
        statement = statement_of[sid]
        author = participant_of_user.get(statement.author_id, "") if statement.author_id else ""
        if author:
            authored[author] = authored.get(author, 0) + 1
        comment_rows.append(
            [
                *_stamp(statement.created),
                new_statement[sid],
                author,
                counts[sid][0],
                counts[sid][1],
                MODERATED[statement.state],
                statement.text,
            ]
        )
    shown = [
        sid
        for sid in matrix.statement_ids
        if statement_of[sid].state != StatementState.MODERATED_OUT
    ]
    participant_rows = []
    for pid in matrix.participant_ids:
        cast = per_participant[pid]
        new_id = new_participant[pid]
        participant_rows.append(
            [
                new_id,
                group_of.get(pid, ""),
                authored.get(new_id, 0),
                len(cast),
                sum(1 for v in cast.values() if v == 1),
                sum(1 for v in cast.values() if v == -1),
                *[cast.get(sid, "") for sid in shown],
            ]
        )
    paths = {
        "comments": directory / "comments.csv",
        "votes": directory / "votes.csv",
        "participants-votes": directory / "participants-votes.csv",
        "summary": directory / "summary.csv",
    }
    _write(
        paths["comments"],
        [
            "timestamp",
            "datetime",
            "comment-id",
            "author-id",
            "agrees",
            "disagrees",
            "moderated",
            "comment-body",
        ],
        comment_rows,
    )
    _write(paths["votes"], ["timestamp", "datetime", "comment-id", "voter-id", "vote"], vote_rows)
    _write(
        paths["participants-votes"],
        [
            "participant",
            "group-id",
            "n-comments",
            "n-votes",
            "n-agree",
            "n-disagree",
            *[new_statement[sid] for sid in shown],
        ],
        participant_rows,
    )
    voters = sum(1 for cast in per_participant.values() if cast)
    topic = opinion_map.title or opinion_map.question
    summary = [
        ["topic", topic],
        ["url", ""],
        ["voters", voters],
        ["voters-in-conv", len(snapshot.result.get("in_conversation", [])) if snapshot else ""],
        ["commenters", len(authored)],
        ["comments", len(matrix.statement_ids)],
        ["groups", len(snapshot.result.get("groups", [])) if snapshot else ""],
        ["conversation-description", "" if opinion_map.question == topic else opinion_map.question],
    ]
    with open(paths["summary"], "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(summary)
    return paths
