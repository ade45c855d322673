"""A campaign's results: answers per unit and channel, the response rate of each channel, and
per question the count of each option (or point) with a server-made SVG bar chart (the
reports' chart helper), and the answers as a table for CSV/XLSX."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.reports.common.charts import Series, bar_chart
from motcua.reports.common.tables import Table

from ..models import Survey, SurveyAnswer, SurveyResponse
from .constants import CHOICE_KINDS, SCALE_POINTS, QuestionKind, SurveyChannel
from .services import finished_dossiers


@dataclass
class ChannelRate:
    channel: str
    label: str
    answers: int
    reached: int | None  # invitations sent, dossiers with a result; None at the counter

    @property
    def rate(self) -> float | None:
        return round(100 * self.answers / self.reached, 1) if self.reached else None


@dataclass
class QuestionResult:
    question: object
    labels: list[str]
    counts: list[int]
    answered: int
    average: float | None = None
    texts: list[str] = field(default_factory=list)
    chart: str = ""

    @property
    def rows(self) -> list[tuple[str, int]]:
        return list(zip(self.labels, self.counts, strict=True))


@dataclass
class Results:
    survey: Survey
    unit: object | None
    total: int
    by_unit: list[tuple[object, dict[str, int], int]]
    rates: list[ChannelRate]
    questions: list[QuestionResult]


def _responses(survey: Survey, unit=None):
    qs = SurveyResponse.objects.filter(survey=survey)
    return qs.filter(unit=unit) if unit is not None else qs


def build(survey: Survey, unit=None, *, now=None) -> Results:
    now = now or timezone.now()
    responses = _responses(survey, unit)
    units = list(survey.units.all())
    counts = Counter()
    for row in responses.values("unit", "channel").annotate(n=Count("id")):
        counts[(row["unit"], row["channel"])] += row["n"]
    by_unit = [
        (
            u,
            {c: counts[(u.pk, c)] for c in SurveyChannel.values},
            sum(counts[(u.pk, c)] for c in SurveyChannel.values),
        )
        for u in units
        if unit is None or u.pk == unit.pk
    ]
    per_channel = Counter({c: sum(v[c] for _u, v, _t in by_unit) for c in SurveyChannel.values})
    invitations = survey.invitations.all()
    finished = finished_dossiers(survey, now)
    if unit is not None:
        invitations = invitations.filter(dossier__receiving_unit__path__startswith=unit.path)
        finished = finished.filter(receiving_unit__path__startswith=unit.path)
    reached = {
        SurveyChannel.RESULT: finished.filter(applicant__isnull=False).count(),
        SurveyChannel.SMS: invitations.count(),
        SurveyChannel.COUNTER: None,
    }
    rates = [
        ChannelRate(c, SurveyChannel(c).label, per_channel[c], reached[c])
        for c in SurveyChannel.values
        if c in survey.channels
    ]
    return Results(
        survey=survey,
        unit=unit,
        total=sum(per_channel.values()),
        by_unit=by_unit,
        rates=rates,
        questions=_questions(survey, responses),
    )


def _questions(survey: Survey, responses) -> list[QuestionResult]:
    answers: dict[int, list[SurveyAnswer]] = {}
    for answer in SurveyAnswer.objects.filter(response__in=responses).order_by("response_id"):
        answers.setdefault(answer.question_id, []).append(answer)
    results = []
    for q in survey.questions.all():
        given = answers.get(q.pk, [])
        if q.kind in CHOICE_KINDS:
            labels = list(q.options)
            tally = Counter(i for a in given for i in a.choices)
            counts = [tally[i] for i in range(len(labels))]
        elif q.kind == QuestionKind.SCALE:
            labels = [str(p) for p in SCALE_POINTS]
            tally = Counter(a.points for a in given)
            counts = [tally[p] for p in SCALE_POINTS]
        else:
            results.append(QuestionResult(q, [], [], len(given), texts=[a.text for a in given]))
            continue
        result = QuestionResult(q, labels, counts, len(given))
        if q.kind == QuestionKind.SCALE and given:
            result.average = round(sum(a.points for a in given) / len(given), 2)
        result.chart = bar_chart(
            q.text,
            _("Số người chọn mỗi phương án, trên %(n)d người trả lời.") % {"n": len(given)},
            labels,
            [Series(_("Số người chọn"), counts)],
        )
        results.append(result)
    return results


def answers_table(survey: Survey, unit=None) -> Table:
    """One row per answer sheet, one column per question (options by label, points, text)."""
    questions = list(survey.questions.all())
    responses = (
        _responses(survey, unit)
        .select_related("unit", "dossier")
        .prefetch_related("answers")
        .order_by("answered_at", "id")
    )
    rows = []
    for r in responses:
        given = {a.question_id: a for a in r.answers.all()}
        row = [
            timezone.localtime(r.answered_at).strftime("%d/%m/%Y %H:%M"),
            r.unit.display_name,
            r.get_channel_display(),
            r.dossier.code if r.dossier else "",
        ]
        for q in questions:
            a = given.get(q.pk)
            if a is None:
                row.append("")
            elif q.kind in CHOICE_KINDS:
                row.append("; ".join(q.options[i] for i in a.choices if i < len(q.options)))
            elif q.kind == QuestionKind.SCALE:
                row.append(a.points)
            else:
                row.append(a.text)
        rows.append(row)
    header = [_("Thời điểm"), _("Đơn vị"), _("Kênh"), _("Mã hồ sơ")] + [
        f"{i}. {q.text}" for i, q in enumerate(questions, start=1)
    ]
    scope = unit.display_name if unit is not None else survey.agency.display_name
    return Table(
        title=_("Kết quả khảo sát: %(title)s") % {"title": survey.title},
        header=header,
        rows=rows,
        notes=[
            _("Phạm vi: %(scope)s; từ %(start)s đến %(end)s.")
            % {
                "scope": scope,
                "start": survey.starts_on.strftime("%d/%m/%Y"),
                "end": survey.ends_on.strftime("%d/%m/%Y"),
            },
            _("Ý kiến khảo sát tính riêng, không thuộc chỉ số hài lòng của từng hồ sơ."),
        ],
    )
