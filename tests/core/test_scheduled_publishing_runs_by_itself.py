"""Scheduled pages go live because the worker (`utgivare run_worker`) runs by itself,
and the admin says so when it does not."""

from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from tests.factories import ArticlePageFactory
from utgivare.core import periodic
from utgivare.core.models import PeriodicJobRun


def schedule(article, minutes_ago):
    """An editor scheduled this unpublished article; its time came `minutes_ago` minutes ago."""
    article.unpublish()
    revision = article.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=minutes_ago)
    revision.save(update_fields=["approved_go_live_at"])
    return article


def test_a_scheduled_article_goes_live_when_the_worker_runs(client, tree):
    article = schedule(ArticlePageFactory(parent=tree["sections"][0], title="Klockan nio"), 1)
    assert client.get(article.url).status_code == 404

    call_command("run_worker", "--once")

    assert client.get(article.url).status_code == 200


def test_the_dashboard_warns_until_the_worker_has_run(client, tree):
    editor = get_user_model().objects.create_superuser("redaktor", "r@example.org", "pw")
    client.force_login(editor)
    warning = "Schemalagda sidor publiceras inte just nu."
    assert warning in client.get("/admin/").content.decode()

    call_command("run_worker", "--once")
    assert warning not in client.get("/admin/").content.decode()

    PeriodicJobRun.objects.filter(command="publish_scheduled").update(
        last_started_at=timezone.now() - timedelta(minutes=30)
    )
    page = client.get("/admin/").content.decode()
    assert warning in page
    assert "kördes senast" in page


def test_a_job_runs_once_per_period_even_with_two_workers(db):
    now = timezone.now()
    job = periodic.PeriodicJob("publish_scheduled", timedelta(minutes=1))
    assert periodic.claim_due_job(job, now)
    assert not periodic.claim_due_job(job, now + timedelta(seconds=30))
    assert periodic.claim_due_job(job, now + timedelta(minutes=1))


def test_scheduler_is_late_only_after_the_allowed_gap():
    now = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)
    five = timedelta(minutes=5)
    assert periodic.scheduler_state(None, now, five).late
    assert not periodic.scheduler_state(now - timedelta(minutes=4), now, five).late
    assert periodic.scheduler_state(now - timedelta(minutes=6), now, five).late
