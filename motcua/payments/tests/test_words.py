"""Amounts in Vietnamese words for the receipt's "số tiền bằng chữ"."""

import pytest

from motcua.payments.words import amount_in_words, number_in_words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (104, "một trăm lẻ bốn"),
        (115, "một trăm mười lăm"),
        (1005, "một nghìn không trăm lẻ năm"),
        (14000, "mười bốn nghìn"),
        (1000500, "một triệu năm trăm"),
        (1000050, "một triệu không trăm năm mươi"),
        (2500000, "hai triệu năm trăm nghìn"),
        (1000000000, "một tỷ"),
        (1500000000000, "một nghìn năm trăm tỷ"),
    ],
)
def test_numbers_read_as_vietnamese_accounting_writes_them(number, words):
    assert number_in_words(number) == words


def test_an_amount_starts_with_a_capital_and_ends_in_dong():
    assert amount_in_words(150000) == "Một trăm năm mươi nghìn đồng"


def test_a_negative_amount_is_refused():
    with pytest.raises(ValueError):
        number_in_words(-1)
