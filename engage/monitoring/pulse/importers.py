"""Paper answers of a pulse wave, from CSV (`import_pulse_answers --wave ID FILE.csv`).

The file has a header row and one row per paper form. Columns (any order; all but one
answer column optional):

- `area`: the code of the ward the person lives in (one of the wave's wards), or blank;
- one column per standard indicator the wave asks, named by its code (`get_on_well`,
  `belonging`, `trust`, `feel_safe`, `influence`, `fair_treatment`), and one per extra
  question, named `q-<code>`: the answer's value code (`definitely_agree`,
  `tend_to_agree`, `tend_to_disagree`, `definitely_disagree`, `very_safe`,
  `fairly_safe`, `fairly_unsafe`, `very_unsafe`, `dont_know`) or its English wording
  ("Tend to agree"), or blank for not answered;
- `group:<dimension code>`: the community group the person ticked on the form
  (category code or name), "prefer not to say", or blank. Only for forms that carry
  the consent statement: these answers are counted in aggregates only.

The whole file is read first and every problem reported with its line; nothing is
imported unless the file has none, and then everything is written in one transaction.
"""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from engage.communities.csvfiles import CSVFileError, read_csv_table
from engage.communities.importers import PREFER_NOT_TO_SAY, ImportResult, category_slug
from engage.communities.models import Category, Dimension

from .models import Answer, Channel, PaperImport, Response, ResponseDeclaration
from .services import questions_of, respondent_areas

GROUP_PREFIX = "group:"


def _value_lookup(scale):
    """{accepted text (lower case): value code} for one scale."""
    lookup = {}
    for value, label in scale.choices:
        lookup[value] = value
        lookup[str(label).lower()] = value
    # English wording, whatever language the import runs in.
    with translation.override("en"):
        for value, label in scale.choices:
            lookup[str(label).lower()] = value
    return lookup


def _columns(wave, header, result):
    """(answer columns {column: lookup}, group columns {column: (dimension, names)})."""
    questions = {key: scale for key, _label, _text, scale in questions_of(wave)}
    answers, groups = {}, {}
    for column in header:
        if column == "area":
            continue
        if column in questions:
            answers[column] = _value_lookup(questions[column])
        elif column.startswith(GROUP_PREFIX):
            slug = column[len(GROUP_PREFIX) :]
            dimension = Dimension.objects.filter(slug=slug).first()
            if dimension is None:
                result.error(
                    1,
                    column,
                    _("There is no dimension with the code “%(code)s”. Check the spelling.")
                    % {"code": slug},
                )
                continue
            names = {}
            for category in Category.objects.filter(dimension=dimension):
                names[category.slug] = names[category.name.lower()] = category
            groups[column] = (dimension, names)
        else:
            result.error(
                1,
                column,
                _(
                    "“%(column)s” is not a question of this wave. Use area, the codes of the "
                    "wave's questions (%(codes)s) or group:<dimension code>."
                )
                % {"column": column, "codes": ", ".join(questions)},
            )
    if not answers and not result.errors:
        result.error(
            1, "", _("The file has no answer columns. Name them after the wave's question codes.")
        )
    return answers, groups


def _read_row(line, row, answers, groups, areas, result):
    """The parsed form of one row: (area, {question key: value}, [(dimension, category)])."""
    area = None
    code = row.get("area", "")
    if code:
        area = areas.get(code.upper())
        if area is None:
            result.error(
                line,
                "area",
                _("“%(code)s” is not one of this wave's areas (%(codes)s).")
                % {"code": code, "codes": ", ".join(sorted(areas))},
            )
    given = {}
    for column, lookup in answers.items():
        text = row.get(column, "")
        if not text:
            continue
        value = lookup.get(text.lower())
        if value is None:
            result.error(
                line,
                column,
                _("“%(answer)s” is not an answer on this question's scale.") % {"answer": text},
            )
        else:
            given[column] = value
    if not any(row.get(column, "") for column in answers):
        result.error(line, "", _("This row answers no question. Remove it or fill it in."))
    ticked = []
    for column, (dimension, names) in groups.items():
        text = row.get(column, "")
        if not text:
            continue
        if text.lower() in PREFER_NOT_TO_SAY:
            ticked.append((dimension, None))
            continue
        category = names.get(text.lower()) or names.get(category_slug(text))
        if category is None:
            result.error(
                line,
                column,
                _("“%(category)s” is not a group of %(dimension)s. Check the spelling.")
                % {"category": text, "dimension": dimension.slug},
            )
        else:
            ticked.append((dimension, category))
    return area, given, ticked


def import_pulse_answers(wave, source, *, file_name="", user=None):
    """Import paper answers into `wave` from `source` (a path or the bytes of a file). Returns
    an `ImportResult`: `errors` (nothing imported) or `created`."""
    result = ImportResult()
    try:
        table = read_csv_table(source)
    except CSVFileError as error:
        result.error(error.line, error.column, error.message)
        return result
    if table.header is None:
        result.error(1, "", _("The file is empty. Export the table as CSV with a header row."))
        return result
    answers, groups = _columns(wave, table.header, result)
    if not table.rows:
        result.error(table.header_line, "", _("The file has a header but no rows."))
    if result.errors:
        return result
    areas = {area.code.upper(): area for area in respondent_areas(wave)}
    forms = []
    for line, cells in table.rows:
        row = dict(zip(table.header, cells, strict=True))
        forms.append(_read_row(line, row, answers, groups, areas, result))
    if result.errors:
        return result
    extra = {f"q-{question.code}": question for question in wave.questions.all()}
    with transaction.atomic():
        batch = PaperImport.objects.create(
            wave=wave, file_name=file_name, imported_by=user, responses=len(forms)
        )
        responses = Response.objects.bulk_create(
            Response(wave=wave, channel=Channel.PAPER, paper_import=batch, area=area)
            for area, _given, _ticked in forms
        )
        rows, declarations = [], []
        for response, (_area, given, ticked) in zip(responses, forms, strict=True):
            for key, value in given.items():
                if key in extra:
                    rows.append(Answer(response=response, question=extra[key], value=value))
                else:
                    rows.append(Answer(response=response, indicator=key, value=value))
            declarations.extend(
                ResponseDeclaration(response=response, dimension=dimension, category=category)
                for dimension, category in ticked
            )
        Answer.objects.bulk_create(rows, batch_size=5000)
        ResponseDeclaration.objects.bulk_create(declarations, batch_size=5000)
    result.created = {
        "responses": len(responses),
        "answers": len(rows),
        "declarations": len(declarations),
    }
    return result
