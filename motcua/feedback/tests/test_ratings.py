"""Rating a dossier: once, by its applicant (or a desk officer on the applicant's behalf), and
only after the result."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from motcua.audit.models import AuditEntry
from motcua.feedback import selectors, services
from motcua.feedback.constants import Level, RatingChannel
from motcua.feedback.errors import NotPermitted, RuleViolation
from motcua.feedback.models import CriteriaSet, Criterion, Rating

from .conftest import ANSWERS, vn

AT = vn(2026, 3, 4, 9, 0)


def test_the_applicant_rates_once_with_the_tt01_criteria(result_dossier, people):
    rating = services.rate_dossier(
        result_dossier,
        actor=people.citizen_a,
        level=Level.VERY_SATISFIED,
        answers=ANSWERS,
        comment="Cán bộ nhiệt tình",
        at=AT,
    )
    assert rating.satisfied is True and rating.points == 6
    assert rating.channel == RatingChannel.ONLINE and rating.criteria_set.code == "TT01-2018"
    assert {a.criterion.index_number: a.points for a in rating.answers.all()} == {
        1: 2,
        3: 2,
        4: 1,
        7: 1,
    }
    assert AuditEntry.objects.filter(verb="feedback.rate", object_id=str(rating.pk)).exists()


def test_a_second_rating_is_refused_and_nothing_changes(result_dossier, people):
    services.rate_dossier(
        result_dossier, actor=people.citizen_a, level=Level.SATISFIED, answers=ANSWERS, at=AT
    )
    audit_count = AuditEntry.objects.count()
    with pytest.raises(RuleViolation) as refused:
        services.rate_dossier(
            result_dossier,
            actor=people.citizen_a,
            level=Level.NOT_SATISFIED,
            answers=ANSWERS,
            at=AT,
        )
    assert "chỉ được đánh giá một lần" in refused.value.messages[0]
    rating = Rating.objects.get(dossier=result_dossier)
    assert rating.level == Level.SATISFIED and Rating.objects.count() == 1
    assert AuditEntry.objects.count() == audit_count


@pytest.mark.parametrize("who", ["citizen_b", "desk_y", "specialist_x", "manager"])
def test_only_the_dossiers_applicant_rates_online(result_dossier, people, who):
    with pytest.raises(NotPermitted):
        services.rate_dossier(
            result_dossier,
            actor=getattr(people, who),
            level=Level.SATISFIED,
            answers=ANSWERS,
            channel=RatingChannel.DESK_DEVICE,
            at=AT,
        )
    assert not Rating.objects.exists()


def test_anonymous_cannot_rate(result_dossier):
    with pytest.raises(NotPermitted):
        services.rate_dossier(
            result_dossier, actor=AnonymousUser(), level=Level.SATISFIED, answers=ANSWERS
        )


def test_no_rating_before_the_result(open_dossier, people):
    with pytest.raises(RuleViolation) as refused:
        services.rate_dossier(
            open_dossier, actor=people.citizen_a, level=Level.SATISFIED, answers=ANSWERS, at=AT
        )
    assert refused.value.code == "no_result_yet"
    assert not Rating.objects.exists()


def test_desk_officer_records_a_tablet_rating_on_the_applicants_behalf(result_dossier, people):
    with pytest.raises(RuleViolation):
        services.rate_dossier(
            result_dossier, actor=people.desk_x, level=Level.SATISFIED, answers=ANSWERS
        )
    rating = services.rate_dossier(
        result_dossier,
        actor=people.desk_x,
        level=Level.NOT_SATISFIED,
        answers=ANSWERS,
        channel=RatingChannel.DESK_DEVICE,
        at=AT,
    )
    assert rating.channel == RatingChannel.DESK_DEVICE and rating.satisfied is False
    assert rating.rated_by == people.desk_x


def test_answers_are_checked_against_the_criteria(result_dossier, people):
    with pytest.raises(RuleViolation):
        services.rate_dossier(
            result_dossier,
            actor=people.citizen_a,
            level=Level.SATISFIED,
            answers={"index_1": "2"},
        )
    with pytest.raises(RuleViolation):
        services.rate_dossier(
            result_dossier,
            actor=people.citizen_a,
            level=Level.SATISFIED,
            answers=ANSWERS | {"index_1": "9"},
        )
    assert not Rating.objects.exists()


def test_a_provinces_own_criteria_set_applies_in_its_subtree(result_dossier, people, tree):
    own = CriteriaSet.objects.create(
        code="TTH-12",
        name="Bộ tiêu chí của tỉnh",
        agency=tree.province,
        scale="two_levels",
        valid_from=datetime.date(2026, 1, 1),
    )
    Criterion.objects.create(
        criteria_set=own,
        order=1,
        code="ease",
        question="Dễ sử dụng?",
        options=[{"code": "yes", "label": "Có", "points": None}],
    )
    assert selectors.criteria_set_for(tree.commune_x, datetime.date(2026, 3, 4)) == own
    with pytest.raises(RuleViolation):  # the third level is not on a two-level scale
        services.rate_dossier(
            result_dossier,
            actor=people.citizen_a,
            level=Level.VERY_SATISFIED,
            answers={"ease": "yes"},
            at=AT,
        )
    rating = services.rate_dossier(
        result_dossier,
        actor=people.citizen_a,
        level=Level.SATISFIED,
        answers={"ease": "yes"},
        at=AT,
    )
    assert rating.criteria_set == own and rating.points is None


def test_ratings_between_for_the_766_engine(result_dossier, people, tree):
    services.rate_dossier(
        result_dossier, actor=people.citizen_a, level=Level.NOT_SATISFIED, answers=ANSWERS, at=AT
    )
    facts = selectors.ratings_between(tree.province.path, vn(2026, 3, 1), vn(2026, 4, 1))
    assert [(f.dossier_code, f.satisfied) for f in facts] == [(result_dossier.code, False)]
    assert selectors.ratings_between(tree.commune_y.path, vn(2026, 3, 1), vn(2026, 4, 1)) == []
    assert selectors.ratings_between(tree.province.path, vn(2026, 4, 1), vn(2026, 5, 1)) == []
