"""All scores of a round, and in XLSX its ranking, for the chair and the secretariat."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from goodpractice.operations.spreadsheets import neutralise

from .models import Score
from .results import round_results

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _moment(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def score_table(round_):
    """The header and one row per score, drafts included and marked as such.

    A draft's value and comment stay the juror's own until submitted: its row shows
    only that the criterion is being scored."""
    header = [
        _("Reference"),
        _("Nomination"),
        _("Nominated organisation"),
        _("Member"),
        _("Role"),
        _("Criterion"),
        _("Weight"),
        _("Lowest score"),
        _("Highest score"),
        _("Score"),
        _("Comment"),
        _("Status"),
        _("Submitted"),
        _("Last changed"),
    ]
    scores = Score.objects.filter(nomination__round=round_).select_related(
        "nomination__nominee", "jury_member__user", "criterion"
    )
    rows = []
    for score in scores.order_by(
        "nomination__sequence", "jury_member__pk", "criterion__sort_order"
    ):
        member = score.jury_member
        rows.append(
            [
                score.nomination.reference,
                score.nomination.title,
                str(score.nomination.nominee),
                member.user.get_full_name() or member.user.get_username(),
                member.get_role_display(),
                score.criterion.name,
                float(score.criterion.weight),
                score.criterion.scale_min,
                score.criterion.scale_max,
                score.value if score.submitted_at else "",
                score.comment if score.submitted_at else "",
                _("Submitted") if score.submitted_at else _("Draft"),
                _moment(score.submitted_at),
                _moment(score.updated_at),
            ]
        )
    return header, rows


def ranking_table(round_):
    """The ranking as the chair sees it, for a sheet beside the scores."""
    header = [
        _("Rank by weighted mean"),
        _("Reference"),
        _("Nomination"),
        _("Weighted mean"),
        _("Jury"),
        _("Client panel"),
        _("Rank by normalised mean"),
        _("Normalised mean (z)"),
        _("Missing scores"),
        _("Flags"),
    ]
    rows = []
    for row in round_results(round_).rows:
        result = row.result
        flags = [
            label
            for flagged, label in (
                (result.tied, _("Tie by weighted mean")),
                (result.normalised_tied, _("Tie by normalised mean")),
                (result.high_disagreement, _("High disagreement")),
            )
            if flagged
        ]
        rows.append(
            [
                result.rank,
                row.nomination.reference,
                row.nomination.title,
                _rounded(row.weighted_mean),
                _rounded(row.jury_mean),
                _rounded(row.panel_mean),
                result.normalised_rank,
                _rounded(result.normalised_mean),
                ", ".join(str(member) for member in row.missing),
                ", ".join(flags),
            ]
        )
    return header, rows


def _rounded(value):
    return None if value is None else round(value, 3)


def as_csv(round_):
    header, rows = score_table(round_)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([neutralise(value) for value in row] for row in rows)
    # The byte order mark lets spreadsheet programs recognise UTF-8 (ä, ö, å).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(round_):
    header, rows = score_table(round_)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Scores")[:31])
    sheet.append(header)
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    header, rows = ranking_table(round_)
    sheet = workbook.create_sheet(title=_("Ranking")[:31])
    sheet.append(header)
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filename(round_, extension):
    return f"scores-{round_.year}.{extension}"
