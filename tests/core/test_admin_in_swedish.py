"""The Wagtail admin texts that editors meet daily and that Wagtail 8's own Swedish lacks
come from our catalogues in locale_overrides/ (django and djangojs), and Wagtail's
default moderation workflow has Swedish names."""

import gettext
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation
from wagtail.models import GroupApprovalTask, Task, Workflow

from utgivare.core.workflow_names import TASK_NAME, WORKFLOW_NAME, rename_default_workflow

# English seen in the Swedish admin on the editor's daily path (the scheduling dialog and
# status panel, autosave, submitting to moderation, the page listing), with the Swedish
# an editor now reads. tests/browser/test_editor_admin_in_swedish.py walks the same path.
SEEN_IN_TEMPLATES = {
    "Saved": "Sparat",
    "Autosave is paused": "Automatisk sparning är pausad",
    "Once scheduled:": "När schemat är satt:",
    "Go-live:": "Publiceras:",
    "Expiry:": "Avpubliceras:",
    "Invalid schedule": "Schemat går inte ihop",
    "Exploring": "Utforskar",
    "Minimap": "Översikt",
    "Side panels": "Sidopaneler",
    "Side panel width": "Sidopanelens bredd",
    "Actions (footer)": "Handlingar (längst ner)",
    "Edit account avatar": "Byt profilbild",
    "live + scheduled": "publicerad + schemalagd",
    "Changes requested %(finished_at)s": "Ändringar begärda %(finished_at)s",
}
SEEN_IN_JAVASCRIPT = {
    "Autosave in progress…": "Sparar automatiskt…",
    "Changes have been autosaved.": "Ändringarna är sparade automatiskt.",
    "A network error occurred.": "Det gick inte att nå servern.",
    "A server error occurred.": "Servern svarade med ett fel.",
}
OVERRIDES = Path(settings.BASE_DIR) / "locale_overrides" / "sv" / "LC_MESSAGES"


def compiled(domain):
    with open(OVERRIDES / f"{domain}.mo", "rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


def test_the_daily_admin_texts_read_in_swedish():
    with translation.override("sv"):
        for english, swedish in SEEN_IN_TEMPLATES.items():
            assert translation.gettext(english) == swedish
        # The status panel names the moderators' verdict and the schedule in history.
        assert translation.gettext("%(model_name)s scheduled for publishing") == (
            "%(model_name)s schemalagd för publicering"
        )
        viewing = translation.ngettext(
            "One other user is currently viewing",
            "%(num_user)s other users are currently viewing",
            2,
        )
        assert viewing == "%(num_user)s personer till har sidan öppen just nu"


def test_every_override_wins_over_the_packages_catalogues():
    """Each compiled entry is what Django answers, i.e. LOCALE_PATHS outranks Wagtail's and
    allauth's catalogues (a stale .mo or a lost LOCALE_PATHS entry fails here)."""
    with translation.override("sv"):
        for key, swedish in compiled("django").items():
            if not key:
                continue
            if isinstance(key, tuple):
                msgid, n = key
                assert translation.ngettext(msgid, msgid, 1 if n == 0 else 2) == swedish, key
            else:
                assert translation.gettext(key) == swedish, key


def test_admin_javascript_catalogue_carries_the_autosave_texts(client):
    """Wagtail's admin JavaScript reads /admin/jsi18n/ (Django's JavaScriptCatalog for
    wagtail.admin, which also merges LOCALE_PATHS): our djangojs entries must be in it."""
    body = client.get("/admin/jsi18n/", headers={"accept-language": "sv"}).content.decode()
    for english, swedish in SEEN_IN_JAVASCRIPT.items():
        assert f"{json.dumps(english)}: {json.dumps(swedish)}" in body
    assert len(compiled("djangojs")) > len(SEEN_IN_JAVASCRIPT)


@pytest.mark.django_db
def test_wagtails_default_workflow_gets_swedish_names_unless_renamed_already():
    Workflow.objects.all().delete()
    Task.objects.all().delete()
    Workflow.objects.create(name="Moderators approval")
    GroupApprovalTask.objects.create(name="Moderators approval")
    Workflow.objects.create(name="Fotogranskning")

    migration = __import__(
        "utgivare.core.migrations.0006_default_workflow_in_swedish", fromlist=["to_swedish"]
    )
    migration.to_swedish(apps, None)

    assert sorted(Workflow.objects.values_list("name", flat=True)) == [
        "Fotogranskning",
        WORKFLOW_NAME,
    ]
    assert list(Task.objects.values_list("name", flat=True)) == [TASK_NAME]
    # Reversible, and only the names it gave.
    assert rename_default_workflow(Workflow, Task, backwards=True) == 2
    assert Workflow.objects.filter(name="Moderators approval").count() == 1
