"""Tasks survive a killed worker (#17 item 8): a running task holds a lease its worker renews;
one whose lease lapsed is put back in the queue, and the admin shows it."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from motcua.siteadmin import leases

pytestmark = pytest.mark.django_db
RAN = []


@task()
def count_a_run(label: str) -> str:
    RAN.append(label)
    return label


def _killed_mid_run(label="xuat-tinh", started_minutes_ago=10) -> DBTaskResult:
    """A task a worker claimed, then died running (no lease renewed since)."""
    result = DBTaskResult.objects.get(pk=count_a_run.enqueue(label).id)
    result.claim("worker-that-died")
    DBTaskResult.objects.filter(pk=result.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=started_minutes_ago)
    )
    return result


# The worker commits and recycles connections as in production: no wrapping test transaction.
@pytest.mark.django_db(transaction=True)
def test_a_task_whose_worker_died_is_requeued_and_then_runs(settings):
    RAN.clear()
    result = _killed_mid_run()
    assert list(leases.stuck()) == [result]
    assert leases.requeue_stuck() == 1
    result.refresh_from_db()
    assert result.status == TaskResultStatus.READY and result.started_at is None
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    result.refresh_from_db()
    assert result.status == TaskResultStatus.SUCCESSFUL and RAN == ["xuat-tinh"]
    assert "worker-that-died" in result.worker_ids
    assert not leases.holds_lease(result.pk)  # given back when the task finished


def test_a_task_with_a_live_lease_or_just_started_is_left_alone():
    alive = _killed_mid_run("alive")
    leases.renew(alive.pk)
    fresh = _killed_mid_run("fresh", started_minutes_ago=0)
    assert list(leases.stuck()) == []
    assert leases.requeue_stuck() == 0
    for result in (alive, fresh):
        result.refresh_from_db()
        assert result.status == TaskResultStatus.RUNNING


def test_the_worker_holds_a_lease_while_running_and_gives_it_back():
    result = count_a_run.enqueue("x")
    task_started.send(sender=DatabaseBackend, task_result=result)
    assert leases.holds_lease(result.id)
    task_finished.send(sender=DatabaseBackend, task_result=result)
    assert not leases.holds_lease(result.id)


def test_the_lease_is_renewed_by_a_heartbeat(settings, monkeypatch):
    import time

    # The beat's own thread writes through its own database connection, which the test's
    # open transaction would block on SQLite: count the renewals instead.
    renewals = []
    monkeypatch.setattr(leases, "renew", renewals.append)
    settings.TASK_LEASE_SECONDS = 0.4  # a beat every 0.1 s
    result = count_a_run.enqueue("x")
    task_started.send(sender=DatabaseBackend, task_result=result)
    try:
        time.sleep(0.8)
        assert len(renewals) >= 4 and set(renewals) == {str(result.id)}
    finally:
        task_finished.send(sender=DatabaseBackend, task_result=result)
    beats = len(renewals)
    time.sleep(0.3)
    assert len(renewals) == beats  # the beat stops with the task


def test_the_minute_job_requeues_stuck_tasks():
    result = _killed_mid_run()
    out = io.StringIO()
    call_command("send_notifications", stdout=out)
    assert "1 tác vụ nền bị treo" in out.getvalue()
    result.refresh_from_db()
    assert result.status == TaskResultStatus.READY


def test_the_admin_shows_stuck_tasks_and_requeues_them(admin_client):
    stuck = _killed_mid_run("treo")
    alive = _killed_mid_run("song")
    leases.renew(alive.pk)
    url = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    html = admin_client.get(url, {"lease": "stuck"}).content.decode()
    assert str(stuck.pk) in html and str(alive.pk) not in html
    assert "Bị treo" in html
    response = admin_client.post(
        url, {"action": "requeue", "_selected_action": [stuck.pk, alive.pk]}, follow=True
    )
    assert "Đã đưa lại 1 tác vụ bị treo vào hàng đợi" in response.content.decode()
    stuck.refresh_from_db()
    alive.refresh_from_db()
    assert stuck.status == TaskResultStatus.READY
    assert alive.status == TaskResultStatus.RUNNING
