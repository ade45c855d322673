"""Numbers read the Vietnamese way (1.234 and 65,73) in the server-made charts, the pages' tables
and the PDF; spreadsheets keep them numeric with a display format; CSV keeps the machine form.
The periodic report carries the form's two-row header (Tiếp nhận / Đã xử lý / Đang xử lý / Tạm
dừng xử lý over their sub-columns) on the page and in every export."""

import csv
import io
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

from motcua.notices.tests.helpers import flat, pdf_text
from motcua.reports.common import charts
from motcua.reports.common.numbers import format_number
from motcua.reports.common.tables import Table
from motcua.reports.exports import writers as exports

MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


def _table() -> Table:
    return Table(
        title="Thử",
        header=["STT", "Đơn vị", "Tổng số", "Đúng hạn (%)", "Tổng số"],
        rows=[[1, "Xã Thử X", 1234, Decimal("65.73"), 7]],
        notes=[],
        groups=[("", 2), ("Tiếp nhận", 2), ("Đang xử lý", 1)],
    )


def test_the_formatter_uses_the_languages_separators():
    assert (format_number(1234), format_number(Decimal("65.73"))) == ("1.234", "65,73")
    assert format_number(1234567.5, 2) == "1.234.567,50"
    assert (format_number(None), format_number("N/A")) == ("", "N/A")


def test_charts_write_numbers_the_vietnamese_way():
    svg = charts.bar_chart(
        "Tỷ lệ", "Mô tả", ["A", "B"], [charts.Series("Đúng hạn (%)", [Decimal("65.73"), 1234])]
    )
    assert "65,73" in svg and "1.234" in svg
    assert "65.73" not in svg and "1234" not in svg
    ranking = charts.ranking_chart("Xếp hạng", "Mô tả", ["1. Xã X"], [Decimal("39.77")])
    assert "39,77" in ranking and "39.77" not in ranking


def test_the_page_table_has_two_header_rows_and_vietnamese_numbers():
    html = render_to_string(
        "reports/_periodic_table.html", {"table": _table(), "caption": "Theo đơn vị"}
    )
    assert '<th scope="col" rowspan="2">STT</th>' in html
    assert '<th scope="colgroup" colspan="2">Tiếp nhận</th>' in html
    assert '<th scope="col">Đang xử lý</th>' in html  # a block of one column
    assert '<td class="num">1.234</td>' in html and '<td class="num">65,73</td>' in html


def test_xlsx_keeps_numbers_numeric_under_a_merged_two_row_header():
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(_table()))).active
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A2:A3", "B2:B3", "C2:D2"}
    assert [c.value for c in sheet[2]] == ["STT", "Đơn vị", "Tiếp nhận", None, "Đang xử lý"]
    assert [c.value for c in sheet[3]][2:] == ["Tổng số", "Đúng hạn (%)", "Tổng số"]
    total, rate = sheet["C4"], sheet["D4"]
    assert (total.value, total.number_format) == (1234, "#,##0")
    assert (rate.value, rate.number_format) == (65.73, "#,##0.00")


def test_pdf_writes_vietnamese_numbers_under_both_header_rows():
    text = flat(pdf_text(exports.to_pdf(_table())))
    assert "Tiếp nhận" in text and "Đúng hạn (%)" in text
    assert "1.234" in text and "65,73" in text and "65.73" not in text


def test_csv_keeps_the_machine_form_with_each_column_named_in_full():
    rows = list(csv.reader(io.StringIO(exports.to_csv(_table()).decode("utf-8-sig"))))
    assert rows[1] == [
        "STT",
        "Đơn vị",
        "Tiếp nhận – Tổng số",
        "Tiếp nhận – Đúng hạn (%)",
        "Đang xử lý – Tổng số",
    ]
    assert rows[2] == ["1", "Xã Thử X", "1234", "65.73", "7"]


@pytest.mark.django_db
def test_the_periodic_page_shows_the_forms_blocks(march, people, tree, as_user):
    response = as_user(people.manager).get(
        reverse("reports:periodic"), {"agency": tree.province.code, **MARCH}
    )
    page = response.content.decode()
    for block, span in (("Tiếp nhận", 6), ("Đã xử lý", 4), ("Đang xử lý", 3)):
        assert f'<th scope="colgroup" colspan="{span}">{block}</th>' in page
    assert '<th scope="colgroup" colspan="6">Tạm dừng xử lý</th>' in page
    assert "Kỳ trước chuyển sang" in page and "Trong kỳ: trực tuyến" in page
    # STT, the unit, then the received total of the March fixture.
    assert '<td>1</td><th scope="row">Xã Thử X</th><td class="num">11</td>' in page
