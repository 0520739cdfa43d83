"""Importing a Pol.is open-data export folder (`import_polis DIR --into SCOPE`).

Everything is read and checked first; only a folder without a single problem is written,
in one transaction. Columns are found by header name and unknown ones ignored, so both
the older and the newer export formats load. A problem names the file and the line
(the header is line 1).
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.communities.csvfiles import CSVFileError, read_csv_table
from engage.moderation.sanitise import sanitise

from .models import OpinionMap, Participant, Statement, StatementState, Vote

COMMENTS, VOTES, PARTICIPANTS, SUMMARY = (
    "comments.csv",
    "votes.csv",
    "participants-votes.csv",
    "summary.csv",
)
REQUIRED = {COMMENTS: ("comment-id", "comment-body"), VOTES: ("comment-id", "voter-id", "vote")}
MODERATION = {
    "1": StatementState.ACCEPTED,
    "0": StatementState.UNMODERATED,
    "-1": StatementState.MODERATED_OUT,
}
VOTE_VALUES = {"1": 1, "0": 0, "-1": -1}
MAX_PROBLEMS = 20


@dataclass
class Problem:
    file: str
    line: int
    message: str

    def __str__(self):
        return f"{self.file}, line {self.line}: {self.message}"


class PolisImportError(Exception):
    """The folder has problems; nothing was imported."""

    def __init__(self, problems):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


class MapExists(Exception):
    """The scope already has a map and `replace` was not asked for."""


@dataclass
class PolisExport:
    """A checked export: statements (id → dict), the latest vote per (voter, comment),
    every voter id in first-seen order, and the summary's key/value pairs."""

    statements: dict = field(default_factory=dict)
    votes: dict = field(default_factory=dict)
    voters: dict = field(default_factory=dict)
    summary: dict = field(default_factory=dict)


def _table(path, problems):
    try:
        return read_csv_table(path)
    except CSVFileError as error:
        problems.append(Problem(path.name, error.line, str(error.message)))
    except OSError:
        problems.append(Problem(path.name, 1, str(_("The file cannot be read."))))
    return None


def _columns(table, name, required, problems):
    """Column positions by name, or None (and a problem) when a required one is missing."""
    header = table.header or []
    positions = {column: index for index, column in enumerate(header) if column}
    missing = [column for column in required if column not in positions]
    if missing:
        problems.append(
            Problem(
                name,
                table.header_line or 1,
                str(
                    _("The column(s) %(columns)s are missing. Use a Pol.is export file.")
                    % {"columns": ", ".join(missing)}
                ),
            )
        )
        return None
    return positions


def _timestamp(cell, name, line, problems):
    """Pol.is timestamps are milliseconds since 1970; blank is allowed (None)."""
    if not cell:
        return None
    try:
        return int(cell)
    except ValueError:
        problems.append(
            Problem(
                name,
                line,
                str(_("The timestamp “%(value)s” is not a whole number.") % {"value": cell}),
            )
        )
        return None


def read_polis_folder(directory):
    """The `PolisExport` of `directory`; raises PolisImportError listing its problems."""
    directory = Path(directory)
    problems = []
    for name in (COMMENTS, VOTES):
        if not (directory / name).is_file():
            problems.append(
                Problem(name, 1, str(_("The file is missing from %(dir)s.") % {"dir": directory}))
            )
    if problems:
        raise PolisImportError(problems)
    export = PolisExport()
    _read_comments(directory / COMMENTS, export, problems)
    if not problems:
        _read_votes(directory / VOTES, export, problems)
    if not problems and (directory / PARTICIPANTS).is_file():
        _read_participants(directory / PARTICIPANTS, export, problems)
    if not problems and (directory / SUMMARY).is_file():
        _read_summary(directory / SUMMARY, export, problems)
    if problems:
        raise PolisImportError(problems[:MAX_PROBLEMS])
    return export


def _read_comments(path, export, problems):
    table = _table(path, problems)
    columns = table and _columns(table, COMMENTS, REQUIRED[COMMENTS], problems)
    if not columns:
        return
    for line, cells in table.rows:
        comment_id = cells[columns["comment-id"]]
        if not comment_id:
            problems.append(Problem(COMMENTS, line, str(_("The comment-id is empty."))))
            continue
        if comment_id in export.statements:
            problems.append(
                Problem(
                    COMMENTS,
                    line,
                    str(_("The comment-id %(id)s appears twice.") % {"id": comment_id}),
                )
            )
            continue
        moderated = cells[columns["moderated"]] if "moderated" in columns else "1"
        if moderated not in MODERATION:
            problems.append(
                Problem(
                    COMMENTS,
                    line,
                    str(_("moderated must be 1, 0 or -1, not “%(value)s”.") % {"value": moderated}),
                )
            )
            continue
        is_seed = "is-seed" in columns and cells[columns["is-seed"]].lower() in ("1", "true")
        stamp = _timestamp(
            cells[columns["timestamp"]] if "timestamp" in columns else "", COMMENTS, line, problems
        )
        export.statements[comment_id] = {
            "text": cells[columns["comment-body"]],
            "state": MODERATION[moderated],
            "is_seed": is_seed,
            "timestamp": stamp,
        }
        if len(problems) >= MAX_PROBLEMS:
            return


def _read_votes(path, export, problems):
    table = _table(path, problems)
    columns = table and _columns(table, VOTES, REQUIRED[VOTES], problems)
    if not columns:
        return
    for order, (line, cells) in enumerate(table.rows):
        comment_id, voter_id = cells[columns["comment-id"]], cells[columns["voter-id"]]
        value = cells[columns["vote"]]
        if comment_id not in export.statements:
            problems.append(
                Problem(
                    VOTES,
                    line,
                    str(_("The comment-id “%(id)s” is not in comments.csv.") % {"id": comment_id}),
                )
            )
        elif not voter_id:
            problems.append(Problem(VOTES, line, str(_("The voter-id is empty."))))
        elif value not in VOTE_VALUES:
            problems.append(
                Problem(
                    VOTES,
                    line,
                    str(
                        _("A vote must be 1 (agree), -1 (disagree) or 0 (pass), not “%(value)s”.")
                        % {"value": value}
                    ),
                )
            )
        else:
            stamp = _timestamp(
                cells[columns["timestamp"]] if "timestamp" in columns else "", VOTES, line, problems
            )
            export.voters.setdefault(voter_id, None)
            # Latest by timestamp; a later row of the file wins a tie (blank sorts first).
            key = (voter_id, comment_id)
            rank = (stamp if stamp is not None else -1, order)
            if key not in export.votes or rank >= export.votes[key][0]:
                export.votes[key] = (rank, VOTE_VALUES[value], stamp)
        if len(problems) >= MAX_PROBLEMS:
            return


def _read_participants(path, export, problems):
    """Voters listed in participants-votes.csv join the map even without a vote row."""
    table = _table(path, problems)
    columns = table and _columns(table, PARTICIPANTS, ("participant",), problems)
    if not columns:
        return
    for line, cells in table.rows:
        voter_id = cells[columns["participant"]]
        if not voter_id:
            problems.append(Problem(PARTICIPANTS, line, str(_("The participant is empty."))))
            continue
        export.voters.setdefault(voter_id, None)


def _read_summary(path, export, problems):
    try:
        table = read_csv_table(path, lower=False)
    except CSVFileError as error:
        problems.append(Problem(SUMMARY, error.line, str(error.message)))
        return
    for cells in [table.header or [], *(cells for _line, cells in table.rows)]:
        if len(cells) >= 2 and cells[0]:
            export.summary[cells[0].strip().lower()] = cells[1]


def _when(stamp, default):
    if stamp is None:
        return default
    return datetime.datetime.fromtimestamp(stamp / 1000, tz=datetime.UTC)


def _id_order(value):
    return (0, int(value), "") if value.isdigit() else (1, 0, value)


def import_polis(directory, target, *, replace=False):
    """Import the export in `directory` into `target` (a `MapTarget`) and return the new
    map. Raises PolisImportError (nothing written) or MapExists."""
    export = read_polis_folder(directory)
    now = timezone.now()
    with transaction.atomic():
        opinion_map = target.existing()
        if opinion_map is not None:
            if not replace:
                raise MapExists(target)
            # Replacing keeps the map (its id, scope and title); its content goes.
            opinion_map.snapshots.all().delete()
            opinion_map.participants.all().delete()
            opinion_map.statements.all().delete()
        elif target.map_id is not None:
            raise LookupError(target)  # a standalone map that does not exist (any more)
        else:
            opinion_map = OpinionMap.objects.create(
                scope=target.scope,
                title=(target.title or export.summary.get("topic", ""))[:255],
                question=export.summary.get("topic", ""),
            )
        statements = Statement.objects.bulk_create(
            Statement(
                map=opinion_map,
                external_id=comment_id,
                text=row["text"],
                # Shown (and quoted in the moderation queue) as residents' statements are.
                body_html=sanitise(row["text"]),
                is_seed=row["is_seed"],
                state=row["state"],
                created=_when(row["timestamp"], now),
            )
            for comment_id, row in sorted(export.statements.items(), key=lambda i: _id_order(i[0]))
        )
        participants = Participant.objects.bulk_create(
            Participant(map=opinion_map, external_id=voter_id, created=now)
            for voter_id in sorted(export.voters, key=_id_order)
        )
        statement_by_id = {s.external_id: s for s in statements}
        participant_by_id = {p.external_id: p for p in participants}
        Vote.objects.bulk_create(
            (
                Vote(
                    participant=participant_by_id[voter_id],
                    statement=statement_by_id[comment_id],
                    value=value,
                    voted_at=_when(stamp, now),
                )
                for (voter_id, comment_id), (_rank, value, stamp) in export.votes.items()
            ),
            batch_size=5000,
        )
    return opinion_map


def read_polis_groups(path):
    """{group id (int): [participant ids]} from the `group-id` column of a Pol.is
    participants-votes.csv, groups in id order; a blank group is outside every group.
    Raises PolisImportError naming the file and line."""
    path = Path(path)
    problems = []
    if not path.is_file():
        raise PolisImportError([Problem(path.name, 1, str(_("The file is missing.")))])
    table = _table(path, problems)
    columns = table and _columns(table, path.name, ("participant", "group-id"), problems)
    groups = {}
    if columns:
        for line, cells in table.rows:
            participant, group = cells[columns["participant"]], cells[columns["group-id"]]
            if not group:
                continue
            if not group.lstrip("-").isdigit() or not participant:
                problems.append(
                    Problem(
                        path.name,
                        line,
                        str(
                            _("The group-id “%(value)s” is not a whole number.") % {"value": group}
                        ),
                    )
                )
                continue
            groups.setdefault(int(group), []).append(participant)
    if problems:
        raise PolisImportError(problems[:MAX_PROBLEMS])
    return dict(sorted(groups.items()))
