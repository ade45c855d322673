import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from motcua.catalog import selectors, services
from motcua.catalog.constants import Channel, VersionEventKind, VersionStatus
from motcua.catalog.interchange.exporter import version_spec
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.tests import factories

pytestmark = pytest.mark.django_db

JULY = datetime.date(2025, 7, 1)
NEW_YEAR = datetime.date(2026, 1, 1)


def test_a_published_version_cannot_be_edited_in_any_way(people):
    version = factories.published("1.001193")

    with pytest.raises(ValidationError, match="không được sửa"):
        services.update_draft(version, actor=people.manager, name="Tên khác")
    with pytest.raises(ValidationError, match="không được sửa"):
        services.replace_draft_parts(version, actor=people.manager, parts=factories.parts(fee=1))
    with pytest.raises(ValidationError, match="không được sửa"):
        services.publish_version(version, actor=people.manager, valid_from=NEW_YEAR)

    version.refresh_from_db()
    assert version.name == "Đăng ký khai sinh"
    assert version.channels.get(channel=Channel.DIRECT).fee_lines.get().amount == 0


def test_publishing_a_new_version_closes_the_old_one_the_day_before(people):
    old = factories.published("1.001193", valid_from=JULY)
    new = services.copy_published_to_draft("1.001193", actor=people.manager, on=JULY)
    services.update_draft(new, actor=people.manager, name="Đăng ký khai sinh (sửa đổi)")

    services.publish_version(
        new,
        actor=people.manager,
        valid_from=NEW_YEAR,
        decision_number="2/QĐ-UBND",
        decision_date=datetime.date(2025, 12, 20),
    )

    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == VersionStatus.PUBLISHED and old.valid_to == datetime.date(2025, 12, 31)
    assert new.status == VersionStatus.PUBLISHED and new.valid_to is None
    assert selectors.published_version_on("1.001193", datetime.date(2025, 12, 31)) == old
    assert selectors.published_version_on("1.001193", NEW_YEAR) == new
    assert selectors.published_version_on("1.001193", datetime.date(2025, 6, 30)) is None
    kinds = list(old.events.values_list("kind", flat=True))
    assert kinds[-1] == VersionEventKind.SUPERSEDED


def test_a_version_filed_against_keeps_its_content_when_a_new_one_is_published(people):
    old = factories.published("1.001193", valid_from=JULY)
    before = version_spec(ProcedureVersion.objects.get(pk=old.pk))
    new = services.copy_published_to_draft("1.001193", actor=people.manager)
    services.replace_draft_parts(new, actor=people.manager, parts=factories.parts(fee=50000))
    services.publish_version(
        new,
        actor=people.manager,
        valid_from=NEW_YEAR,
        decision_number="2/QĐ-UBND",
        decision_date=NEW_YEAR,
    )

    after = version_spec(ProcedureVersion.objects.get(pk=old.pk))
    assert {k: v for k, v in after.items() if k != "valid_to"} == {
        k: v for k, v in before.items() if k != "valid_to"
    }
    assert selectors.channel_term(old, Channel.DIRECT).fee_lines.get().amount == 0
    assert selectors.channel_term(new, Channel.DIRECT).fee_lines.get().amount == 50000


def test_copy_to_draft_copies_everything_but_the_publication(people):
    source = factories.published("1.001193", cutoff_time=datetime.time(15, 0))

    copy = services.copy_published_to_draft("1.001193", actor=people.manager)

    assert copy.number == 2 and copy.status == VersionStatus.DRAFT
    assert copy.valid_from is None and copy.decision_number == "" and copy.decision_date is None
    expected = version_spec(source)
    got = version_spec(copy)
    for key in ("number", "status", "valid_from", "valid_to", "decision_number", "decision_date"):
        expected.pop(key), got.pop(key)
    assert got == expected
    assert copy.cutoff_time == datetime.time(15, 0)
    assert copy.events.get().kind == VersionEventKind.COPIED


def test_copy_to_draft_needs_a_published_version(people):
    factories.draft("1.001193")
    with pytest.raises(ValidationError, match="chưa có phiên bản nào đang công khai"):
        services.copy_published_to_draft("1.001193", actor=people.manager)


def test_a_version_starting_on_or_before_the_published_one_is_refused(people):
    factories.published("1.001193", valid_from=NEW_YEAR)
    earlier = services.copy_published_to_draft("1.001193", actor=people.manager)

    with pytest.raises(ValidationError, match="hãy bãi bỏ phiên bản đó trước"):
        services.publish_version(
            earlier,
            actor=people.manager,
            valid_from=JULY,
            decision_number="3/QĐ-UBND",
            decision_date=JULY,
        )
    earlier.refresh_from_db()
    assert earlier.status == VersionStatus.DRAFT


def test_publishing_an_invalid_draft_lists_the_problems_and_changes_nothing(people):
    version = factories.draft("1.001193", parts_data=factories.parts(step_hours=(1, 1)))

    with pytest.raises(ValidationError) as caught:
        services.publish_version(version, actor=people.manager, valid_from=JULY)

    messages = caught.value.messages
    assert any("tổng thời gian các bước là 2 giờ làm việc" in m for m in messages)
    assert "Chưa có số quyết định công bố." in messages
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT and version.valid_from is None


def test_withdrawing_ends_the_offer_but_keeps_the_version(people):
    version = factories.published("1.001193", valid_from=JULY)

    services.withdraw_version(
        version, actor=people.manager, last_day=datetime.date(2025, 9, 30), reason="Bãi bỏ"
    )

    version.refresh_from_db()
    assert version.status == VersionStatus.WITHDRAWN
    assert version.valid_to == datetime.date(2025, 9, 30)
    assert selectors.published_version_on("1.001193", datetime.date(2025, 8, 1)) is None
    with pytest.raises(ValidationError):
        services.withdraw_version(version, actor=people.manager)


def test_versions_and_procedures_are_protected_from_deletion():
    version = factories.published("1.001193")
    with pytest.raises(ProtectedError):
        version.procedure.delete()


def test_the_database_refuses_two_open_published_versions():
    version = factories.published("1.001193")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureVersion.objects.create(
            procedure=version.procedure,
            number=2,
            status=VersionStatus.PUBLISHED,
            name="x",
            field=version.field,
            level="commune",
            valid_from=NEW_YEAR,
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="exclusion constraints need PG")
def test_postgresql_refuses_overlapping_published_periods():
    version = factories.published("1.001193", valid_from=JULY)
    ProcedureVersion.objects.filter(pk=version.pk).update(valid_to=datetime.date(2025, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureVersion.objects.create(
            procedure=version.procedure,
            number=2,
            status=VersionStatus.PUBLISHED,
            name="x",
            field=version.field,
            level="commune",
            valid_from=datetime.date(2025, 12, 1),
            valid_to=datetime.date(2026, 6, 30),
        )


def test_the_most_specific_internal_process_is_chosen(tree, people):
    parts = factories.parts()
    general = parts["processes"][0]
    parts["processes"] = [
        general,
        {**general, "name": "Riêng của xã X", "agency": tree.commune_x.code},
        {**general, "name": "Trực tuyến", "channel": "online"},
    ]
    version = factories.draft("1.001193", parts_data=parts)

    assert selectors.internal_process(version).name == "Quy trình chung"
    assert selectors.internal_process(version, agency=tree.commune_y).name == "Quy trình chung"
    assert selectors.internal_process(version, agency=tree.commune_x).name == "Riêng của xã X"
    assert selectors.internal_process(version, channel="online").name == "Trực tuyến"
    steps = list(selectors.internal_process(version).steps.all())
    assert [s.order for s in steps] == [1, 2, 3, 4, 5]


def test_a_commune_level_procedure_applies_to_every_active_commune(tree):
    version = factories.published("1.001193")
    assert set(selectors.executing_agencies(version, on=JULY)) == {tree.commune_x, tree.commune_y}
    assert set(selectors.executing_agencies(version, on=JULY, within=tree.province)) == {
        tree.commune_x,
        tree.commune_y,
    }
