"""A blog post's revisions saved before its lead was renamed (`ingress` -> `lead`)
still restore and preview with their lead, after the migration renames the key."""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps

from tests.comments.factories import make_user

from .factories import BlogPostPageFactory

migration = importlib.import_module("utgivare.blogs.migrations.0002_blogpostpage_lead")

OLD_LEAD = "Vad stod egentligen i revisorernas rapport om Hamnudden?"


@pytest.fixture
def old_revision(blog):
    """A revision as Wagtail stored it while the field was called `ingress`."""
    post = BlogPostPageFactory(parent=blog, lead=OLD_LEAD)
    revision = post.save_revision()
    content = dict(revision.content)
    content["ingress"] = content.pop("lead")
    revision.content = content
    revision.save(update_fields=["content"])
    post.lead = "Ett senare utkast med en annan ingress."
    post.save_revision()
    return post, revision


def test_old_revision_restores_its_lead_after_the_migration(old_revision):
    post, revision = old_revision
    migration.ingress_to_lead(apps, None)
    revision.refresh_from_db()
    assert "ingress" not in revision.content
    assert revision.as_object().lead == OLD_LEAD


def test_editor_reverting_to_an_old_revision_gets_its_lead_back(client, old_revision):
    post, revision = old_revision
    migration.ingress_to_lead(apps, None)
    client.force_login(make_user(is_superuser=True))
    response = client.get(f"/admin/pages/{post.pk}/revisions/{revision.pk}/revert/")
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser")
    assert form.select_one('textarea[name="lead"]').get_text(strip=True) == OLD_LEAD


def test_editor_previewing_an_old_revision_sees_its_lead(client, old_revision):
    post, revision = old_revision
    migration.ingress_to_lead(apps, None)
    client.force_login(make_user(is_superuser=True))
    response = client.get(f"/admin/pages/{post.pk}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    assert OLD_LEAD in response.content.decode()


def test_migrating_back_gives_revisions_their_old_key(old_revision):
    post, revision = old_revision
    migration.ingress_to_lead(apps, None)
    migration.lead_to_ingress(apps, None)
    revision.refresh_from_db()
    assert revision.content["ingress"] == OLD_LEAD
    assert "lead" not in revision.content
    latest = post.revisions.order_by("-pk").first()
    assert latest.content["ingress"] == "Ett senare utkast med en annan ingress."


def test_revisions_of_other_pages_are_left_alone(article):
    revision = article.save_revision()
    content = dict(revision.content)
    content["ingress"] = "Ett fält som bara heter så."
    revision.content = content
    revision.save(update_fields=["content"])
    migration.ingress_to_lead(apps, None)
    revision.refresh_from_db()
    assert revision.content["ingress"] == "Ett fält som bara heter så."
    assert revision.content["lead"] == article.lead
