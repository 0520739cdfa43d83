"""The "what we heard" report as a PDF, in a chosen language, in the style of the
representation report (`engage.communities.pdf`): both take their fonts, colours and page
set-up from `engage.pdf`.

Pages: an overview (figures, comments by moderation status, comments per day and per
proposal as charts), then one page per proposal (and the general discussion when it has
comments), then one page per survey with a chart per question. Only aggregates: no
comment text, no names, nothing per person. `report_content()` builds every text first
(tests check it), `render_pdf()` lays it out.

Translated page content (titles, proposals) follows the language through
wagtail-modeltranslation; every text goes through `engage.pdf`'s `paragraph()` or
`visual()`, which join and order Arabic script (titles and proposals in any language).
"""

import io
from dataclasses import dataclass, field

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from engage.pdf import (
    BASELINE_COLOUR,
    PARTICIPANT_COLOUR,
    page_styles,
    paragraph,
    report_document,
    visual,
)

from .. import data, summary

REACTION_LABELS = {
    "support": lambda: _("Support"),
    "oppose": lambda: _("Oppose"),
    "unsure": lambda: _("Unsure"),
}


@dataclass
class Chart:
    title: str
    labels: list
    values: list
    vertical: bool = False


@dataclass
class Section:
    """One page of the PDF."""

    heading: str
    lines: list
    charts: list = field(default_factory=list)


@dataclass
class PdfContent:
    title: str
    sections: list
    footnote: str
    rtl: bool = False

    def texts(self):
        """Every string the PDF draws, for checks."""
        texts = [self.title, self.footnote]
        for section in self.sections:
            texts += [section.heading, *section.lines]
            for chart in section.charts:
                texts += [chart.title, *chart.labels, *(str(v) for v in chart.values)]
        return texts

    @property
    def page_count(self):
        return len(self.sections)


def _reactions_line(label, counts):
    return _("%(label)s: support %(support)s, oppose %(oppose)s, unsure %(unsure)s") % {
        "label": label,
        "support": counts.get("support", 0),
        "oppose": counts.get("oppose", 0),
        "unsure": counts.get("unsure", 0),
    }


def report_content(consultation):
    """The `PdfContent` of a consultation, in the active language."""
    figures = summary.overview(consultation)
    moderation = summary.moderation_figures(consultation)
    proposals = summary.proposal_figures(consultation)
    days = summary.comments_per_day(consultation)
    surveys = data.survey_results(consultation, include_texts=False)
    date = formats.date_format
    overview_lines = [
        _("Open from %(opens)s to %(closes)s.")
        % {
            "opens": date(timezone.localtime(consultation.opens_at), "DATE_FORMAT"),
            "closes": date(timezone.localtime(consultation.closes_at), "DATE_FORMAT"),
        },
        _("Participants: %(count)s (and %(offline)s heard offline)")
        % {"count": figures.participants, "offline": figures.offline_participants},
        _("People who commented: %(count)s") % {"count": figures.commenters},
        _("Comments: %(count)s, of which %(replies)s replies")
        % {"count": figures.comments, "replies": figures.replies},
        _reactions_line(_("Reactions"), figures.reactions),
        _("Survey responses: %(count)s") % {"count": figures.survey_responses},
        _("Comments by moderation status: %(statuses)s")
        % {
            "statuses": ", ".join(
                f"{label} {count}" for _value, label, count in moderation.statuses
            )
        },
        _("Reports from residents: %(count)s") % {"count": moderation.reports},
    ]
    overview_charts = [
        Chart(
            _("Comments per proposal"),
            [p.title for p in proposals],
            [p.comments for p in proposals],
        )
    ]
    if days:
        overview_charts.append(
            Chart(
                _("Comments received per day"),
                [day.isoformat() for day, _n in days],
                [n for _day, n in days],
                vertical=True,
            )
        )
    sections = [Section(_("Overview"), overview_lines, overview_charts)]
    for proposal in proposals:
        sections.append(
            Section(
                proposal.title,
                [
                    _(
                        "Comments: %(count)s, of which %(replies)s replies and %(withdrawn)s withdrawn"
                    )
                    % {
                        "count": proposal.comments,
                        "replies": proposal.replies,
                        "withdrawn": proposal.withdrawn,
                    },
                    _reactions_line(_("Reactions to the proposal"), proposal.reactions),
                    _reactions_line(_("Reactions to its comments"), proposal.comment_reactions),
                ],
                [
                    Chart(
                        _("Reactions to the proposal"),
                        [REACTION_LABELS[v]() for v in data.REACTION_VALUES],
                        [proposal.reactions.get(v, 0) for v in data.REACTION_VALUES],
                    )
                ],
            )
        )
    for survey in surveys:
        lines = [_("Responses: %(count)s") % {"count": survey.responses}]
        charts = []
        for question in survey.questions:
            if question.options:
                charts.append(
                    Chart(
                        question.text,
                        [t for t, _n in question.options],
                        [n for _t, n in question.options],
                    )
                )
            elif question.scale:
                charts.append(
                    Chart(
                        question.text,
                        [str(v) for v, _n in question.scale],
                        [n for _v, n in question.scale],
                    )
                )
                if question.mean is not None:
                    lines.append(
                        _("%(question)s: average %(mean)s (1 to 5)")
                        % {
                            "question": question.text,
                            "mean": formats.number_format(question.mean, 1),
                        }
                    )
            else:
                lines.append(
                    _("%(question)s: %(count)s written answers (in the spreadsheet export)")
                    % {"question": question.text, "count": question.answered}
                )
        sections.append(Section(survey.title, lines, charts))
    return PdfContent(
        title=_("What we heard: %(title)s") % {"title": consultation.title},
        sections=sections,
        footnote=_(
            "Counts of published comments and withdrawn ones; comments awaiting moderation, "
            "hidden or removed are counted only under moderation status. Generated %(when)s."
        )
        % {"when": formats.date_format(timezone.localtime(), "DATETIME_FORMAT")},
        rtl=translation.get_language_bidi(),
    )


def _chart(chart, font, width, rtl=False):
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    count = max(1, len(chart.labels))
    if chart.vertical:
        drawing = Drawing(width, 170)
        bars = VerticalBarChart()
        bars.x, bars.y, bars.width, bars.height = 30, 30, width - 40, 110
        bars.data = [chart.values or [0]]
        names = chart.labels or [""]
        step = max(1, len(names) // 8)
        bars.categoryAxis.categoryNames = [
            visual(name, rtl) if index % step == 0 else "" for index, name in enumerate(names)
        ]
        bars.categoryAxis.labels.angle = 30
        bars.categoryAxis.labels.boxAnchor = "ne"
    else:
        bar_area = max(30, 20 * count)
        drawing = Drawing(width, bar_area + 40)
        bars = HorizontalBarChart()
        bars.x, bars.y, bars.width, bars.height = 160, 10, width - 180, bar_area
        # reportlab draws the first category at the bottom; reverse to read top-down.
        bars.data = [list(reversed(chart.values)) or [0]]
        bars.categoryAxis.categoryNames = [
            visual(label if len(label) <= 40 else label[:39] + "…", rtl)
            for label in reversed(chart.labels)
        ] or [""]
        bars.categoryAxis.labels.boxAnchor = "e"
    bars.categoryAxis.labels.fontName = font
    bars.categoryAxis.labels.fontSize = 7
    bars.valueAxis.valueMin = 0
    top = max(chart.values or [0])
    bars.valueAxis.valueMax = max(1, top)
    bars.valueAxis.valueStep = max(1, (top + 4) // 5)
    bars.valueAxis.labels.fontName = font
    bars.valueAxis.labels.fontSize = 7
    bars.bars[0].fillColor = colors.HexColor(PARTICIPANT_COLOUR)
    bars.bars.strokeColor = colors.HexColor(BASELINE_COLOUR)
    drawing.add(bars)
    drawing.add(
        String(
            width if rtl else 0,
            drawing.height - 10,
            visual(chart.title[:90], rtl),
            fontName=font,
            fontSize=9,
            textAnchor="end" if rtl else "start",
        )
    )
    return drawing


def render_pdf(content, language=None):
    """The PDF bytes of a `PdfContent`: one page per section."""
    from reportlab.platypus import PageBreak, Spacer

    styles = page_styles(content.rtl, body=(9.5, 13), heading=(14, 18))
    regular, body, small = styles.regular, styles.body, styles.small
    heading, title = styles.heading, styles.title
    buffer = io.BytesIO()
    doc = report_document(buffer, content.title, language)
    story = [paragraph(content.title, title), Spacer(1, 6)]
    for index, section in enumerate(content.sections):
        if index:
            story.append(PageBreak())
        story.append(paragraph(section.heading, heading))
        story += [paragraph(line, body) for line in section.lines]
        for chart in section.charts:
            story += [Spacer(1, 8), _chart(chart, regular, doc.width, content.rtl)]
        if index == 0:
            story += [Spacer(1, 8), paragraph(content.footnote, small)]
    doc.build(story)
    return buffer.getvalue()


def report_pdf(consultation, language=None):
    """PDF bytes of the consultation's report in `language` (default: the active one)."""
    language = language or translation.get_language()
    with translation.override(language):
        # Reload so translated fields (title, proposals) read in `language`.
        consultation = type(consultation).objects.get(pk=consultation.pk)
        return render_pdf(report_content(consultation), language)
