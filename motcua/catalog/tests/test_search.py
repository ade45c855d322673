import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.catalog import selectors, services
from motcua.catalog.search import canonical, canonical_tokens, normalise, padded, tokens
from motcua.catalog.tests import factories


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("DANG KY KHAI SINH", "dang ky khai sinh"),
        ("dang   ky khai-sinh!", "dang ky khai sinh"),
        ("Đồng Tháp, Đắk Nông", "dong thap dak nong"),
        ("Giấy xác nhận tình trạng hôn nhân", "giay xac nhan tinh trang hon nhan"),
        ("Chứng thực bản sao từ bản chính", "chung thuc ban sao tu ban chinh"),
        ("1.001193", "1 001193"),
        # Decomposed input (as some keyboards send it) reads the same as composed input.
        ("Đa\u0306ng ky\u0301", "dang ky"),
        ("", ""),
    ],
)
def test_normalise_removes_diacritics_and_maps_d_with_stroke(text, expected):
    assert normalise(text) == expected


def test_tokens_are_distinct_words_in_order():
    assert tokens("khai sinh, Khai SINH đăng ký") == ["khai", "sinh", "dang", "ky"]
    assert padded("Khai sinh") == " khai sinh "


@given(st.text())
def test_normalised_text_is_plain_ascii_and_stable(text):
    once = normalise(text)
    assert normalise(once) == once
    assert all(ch == " " or (ch.isascii() and ch.isalnum()) for ch in once)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("đăng kí", "đăng ký"),
        ("dang ki", "Đăng Ký"),
        ("Lí lịch", "lý lịch"),
        ("mĩ thuật", "mỹ thuật"),
        ("qui định", "quy định"),
        ("công ti", "công ty"),
        ("kĩ thuật", "kỹ thuật"),
        # Tone placement (old and new style) goes with the diacritics.
        ("uỷ ban", "ủy ban"),
        ("hoà giải", "hòa giải"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ", "khỏe"),
    ],
)
def test_alternative_spellings_fold_to_one(one, other):
    assert canonical(one) == canonical(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("tai", "tay"), ("hui", "huy"), ("thui", "thuy"), ("y tế", "i tế")],
)
def test_different_words_stay_apart(one, other):
    # i/y only fold where the i/y is the syllable's only vowel after its consonants.
    assert canonical(one) != canonical(other)


def test_the_applicant_name_search_keeps_its_folding():
    # Names are folded by normalise() only (the work queues' stored column): "Vy" stays "vy".
    assert tokens("Trần Thảo Vy") == ["tran", "thao", "vy"]
    assert canonical_tokens("Trần Thảo Vy") == ["tran", "thao", "vi"]


@pytest.mark.django_db
class TestSearch:
    @pytest.fixture(autouse=True)
    def catalogue(self):
        civil = factories.field("HT", "Hộ tịch")
        certification = factories.field("CT", "Chứng thực")
        self.birth = factories.published("1.001193", name="Đăng ký khai sinh", field=civil)
        self.birth_again = factories.published(
            "1.004884", name="Đăng ký lại khai sinh", field=civil
        )
        self.combined = factories.published(
            "2.000986",
            name="Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế",
            field=civil,
        )
        self.copy = factories.published(
            "2.000815",
            name="Chứng thực bản sao từ bản chính",
            field=certification,
            level="commune",
            online_level="partial",
            result_name="Bản sao được chứng thực (khai sinh, kết hôn …)",
        )
        self.province = factories.published(
            "2.000488", name="Cấp Phiếu lý lịch tư pháp", level="province"
        )
        self.draft = factories.draft("1.000656", name="Đăng ký khai tử")

    def names(self, query, **filters):
        return [v.name for v in selectors.search(query, **filters)]

    @pytest.mark.parametrize(
        "query",
        ["dang ky khai sinh", "đăng ký khai sinh", "DANG KY KHAI SINH", "Đăng Ký Khai Sinh"],
    )
    def test_every_spelling_finds_birth_registration_first(self, query):
        assert self.names(query) == [
            "Đăng ký khai sinh",
            "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế",
            "Đăng ký lại khai sinh",
        ]

    @pytest.mark.parametrize(
        "query",
        ["đăng kí khai sinh", "dang ki khai sinh", "đăng ky khai sinh", "Đăng Kí khai sinh"],
    )
    def test_the_i_spelling_finds_what_the_y_spelling_finds(self, query):
        assert self.names(query) == self.names("đăng ký khai sinh")
        assert self.names(query)[0] == "Đăng ký khai sinh"

    def test_tone_placement_does_not_matter(self):
        factories.published("1.000001", name="Công nhận hoà giải viên")
        assert self.names("hòa giải") == self.names("hoà giải") == ["Công nhận hoà giải viên"]
        assert "Công nhận hoà giải viên" in self.names("uỷ ban nhân dân")  # the agency, "Ủy"

    def test_a_search_is_one_query(self, django_assert_num_queries):
        with django_assert_num_queries(1):
            self.names("dang ki khai sinh")

    def test_name_matches_come_before_matches_elsewhere(self):
        assert self.names("khai sinh")[-1] == "Chứng thực bản sao từ bản chính"

    def test_words_match_at_word_starts_only(self):
        assert self.names("sinh") and self.names("inh") == []
        assert self.names("kha")[0] == "Đăng ký khai sinh"

    def test_the_code_finds_its_procedure(self):
        assert self.names("1.001193") == ["Đăng ký khai sinh"]

    def test_drafts_and_unknown_words_are_not_found(self):
        assert "Đăng ký khai tử" not in self.names("khai tu")
        assert self.names("ho chieu") == []

    def test_filters_narrow_the_results(self):
        assert self.names("", level="province") == ["Cấp Phiếu lý lịch tư pháp"]
        assert self.names("", field="CT") == ["Chứng thực bản sao từ bản chính"]
        assert self.names("khai sinh", online_level="partial") == [
            "Chứng thực bản sao từ bản chính"
        ]

    def test_only_versions_in_force_on_the_day_are_searched(self):
        assert self.names("khai sinh", on=datetime.date(2025, 6, 30)) == []

    def test_renaming_a_draft_updates_its_search_text(self, people):
        services.update_draft(self.draft, actor=people.manager, name="Đăng ký khai tử lưu động")
        self.draft.refresh_from_db()
        assert self.draft.search_name == " dang ki khai tu luu dong "
