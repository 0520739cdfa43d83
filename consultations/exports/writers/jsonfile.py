"""JSON: the consultation, its proposals, every exported comment (the CSV's fields) and
the survey results, as one document streamed in pieces:

    {"consultation": {...}, "proposals": [...], "comments": [...], "surveys": [...]}
"""

import json

from django.utils import timezone

from .. import data

ROWS_PER_CHUNK = 500


def _default(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _dumps(value):
    return json.dumps(value, default=_default, ensure_ascii=False)


def survey_document(results):
    return [
        {
            "title": survey.title,
            "responses": survey.responses,
            "questions": [
                {
                    "text": question.text,
                    "kind": question.kind,
                    "answered": question.answered,
                    "options": [{"text": t, "count": n} for t, n in question.options],
                    "scale": [{"value": v, "count": n} for v, n in question.scale],
                    "mean": question.mean,
                    "texts": question.texts,
                }
                for question in survey.questions
            ],
        }
        for survey in results
    ]


def json_chunks(consultation, progress=None, language=None, survey_texts=False):
    """Yield the JSON document in chunks; written survey answers only with `survey_texts`."""
    head = {
        "id": consultation.pk,
        "title": consultation.title,
        "scope": f"consultation:{consultation.pk}",
        "opens_at": consultation.opens_at,
        "closes_at": consultation.closes_at,
        "exported_at": timezone.now(),
        "language": language,
        "columns": data.COLUMNS,
    }
    proposals = [
        {"id": pk, "title": title} for pk, title in data.proposal_titles(consultation).items() if pk
    ]
    yield '{"consultation": ' + _dumps(head) + ', "proposals": ' + _dumps(proposals)
    yield ', "comments": ['
    batch, done = [], 0
    for row in data.comment_rows(consultation):
        batch.append(_dumps(row))
        if len(batch) >= ROWS_PER_CHUNK:
            yield ("," if done else "") + ",".join(batch)
            done += len(batch)
            batch = []
            if progress:
                progress(done)
    if batch:
        yield ("," if done else "") + ",".join(batch)
        done += len(batch)
    if progress:
        progress(done)
    yield (
        '], "surveys": '
        + _dumps(survey_document(data.survey_results(consultation, include_texts=survey_texts)))
        + "}"
    )
