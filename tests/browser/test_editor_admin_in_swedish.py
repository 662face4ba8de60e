"""An editor's daily path through the Wagtail admin reads in Swedish: the scheduling
dialog and status panel, autosave (texts from the admin's JavaScript catalogue),
submitting to the default moderation workflow, the page listing, and a request for
changes."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import GroupApprovalTask, Page, Task, Workflow, WorkflowPage, WorkflowTask

from tests.factories import ArticlePageFactory
from utgivare.core.workflow_names import rename_default_workflow

pytestmark = pytest.mark.django_db(transaction=True)
# English that this path showed before locale_overrides/ had it (Wagtail 8's sv lacks it).
ENGLISH = [
    "Saved",
    "Autosave",
    "autosaved",
    "Once scheduled",
    "Go-live",
    "Expiry",
    "Invalid schedule",
    "Exploring",
    "Minimap",
    "Side panel",
    "Actions (footer)",
    "Edit account avatar",
    "Moderators approval",
    "Changes requested",
]
# What a person reads: visible text and the labels that screen readers and tooltips give.
SEEN_TEXT = """() => [document.body.innerText, ...Array.from(
  document.querySelectorAll('[aria-label], [title], [data-w-tooltip-content-value]'),
  (el) => ['aria-label', 'title', 'data-w-tooltip-content-value']
    .map((name) => el.getAttribute(name) || '').join(' '),
)].join('\\n')"""


def install_wagtails_default_workflow():
    """The migrated database has Wagtail's default workflow, renamed by our migration;
    after an earlier transactional test emptied the tables, make it as wagtailcore's
    migration 0048 does (English names) and rename it as ours does."""
    if not Workflow.objects.exists():
        moderators, _ = Group.objects.get_or_create(name="Moderators")
        task = GroupApprovalTask.objects.create(name="Moderators approval")
        task.groups.add(moderators)
        workflow = Workflow.objects.create(name="Moderators approval")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(page=Page.get_first_root_node(), workflow=workflow)
        rename_default_workflow(Workflow, Task)


def open_status_panel(page):
    # The side panel stays open across pages once opened (Wagtail keeps it in the browser).
    status = page.locator("[data-side-panel=status]")
    if not status.is_visible():
        page.locator("[data-side-panel-toggle=status]").click()
    return status


def no_english(page):
    seen = page.evaluate(SEEN_TEXT)
    found = [phrase for phrase in ENGLISH if re.search(rf"\b{re.escape(phrase)}", seen)]
    assert not found, f"English in the Swedish admin at {page.url}: {found}"


def test_editor_schedules_autosaves_and_submits_in_swedish(
    live_server, live_tree, editor_page, screenshot
):
    install_wagtails_default_workflow()
    section = live_tree["sections"][0]
    article = ArticlePageFactory(parent=section, title="Klockan nio")
    base = live_server.url

    page = editor_page
    page.context.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => {"
        " window.lastWatch = performance.now(); })"
    )

    # 1. Scheduling: the dialog, then the status panel after "Spara schema".
    page.goto(base + f"/admin/pages/{article.pk}/edit/")
    page.locator("[data-side-panel-toggle=status]").click()
    page.get_by_role("button", name="Sätt schema").click()
    dialog = page.locator("#schedule-publishing-dialog")
    expect(dialog).to_contain_text("Sätt publiceringsschema")
    go_live = timezone.localtime() + dt.timedelta(days=1)
    dialog.locator("input[name=go_live_at]").evaluate(
        "(input, value) => { input.value = value; }", go_live.strftime("%Y-%m-%d %H:%M")
    )
    no_english(page)
    dialog.get_by_role("button", name="Spara schema").click()
    page.wait_for_load_state()
    status = open_status_panel(page)
    expect(status).to_contain_text("När schemat är satt:")
    expect(status).to_contain_text("Publiceras:")
    screenshot(page, "admin-sv-schedule-status")
    no_english(page)

    # 2. Autosave: the indicator, and its tooltip from the admin's JavaScript catalogue.
    # Wagtail compares with the form as it noted it a moment after loading (twice, about
    # 0.1 s apart); an edit made before that would count as loaded.
    page.wait_for_function("window.lastWatch && performance.now() - window.lastWatch > 500")
    page.fill("input[name=title]", "Klockan nio i kväll")
    indicator = page.locator("#w-autosave-indicator")
    expect(indicator.locator(".w-autosave-indicator__state--saved")).to_be_visible()
    expect(indicator.locator(".w-autosave-indicator__state--saved")).to_have_text("Sparat")
    expect(indicator).to_have_attribute(
        "data-w-tooltip-content-value", "Ändringarna är sparade automatiskt."
    )
    expect(indicator.locator(".w-autosave-indicator__state--paused")).to_contain_text(
        "Automatisk sparning är pausad", use_inner_text=False
    )
    no_english(page)

    # 3. Workflow: submitted to the default workflow, under its Swedish names.
    submit = page.locator("button[name=action-submit]")
    expect(submit).to_contain_text("Lämna in till Granskning", use_inner_text=False)
    submit.dispatch_event("click")
    page.wait_for_url(lambda url: "/edit/" not in url)
    # 4. The listing the editor lands on.
    expect(page.locator("h1, .w-header__title").first).to_contain_text("Utforskar")
    expect(page.get_by_text("UNDER MODERERING").first).to_be_visible()
    no_english(page)
    page.goto(base + "/admin/")
    expect(page.get_by_text("Avvaktar Redaktörens godkännande")).to_be_visible()
    screenshot(page, "admin-sv-dashboard-in-moderation")
    no_english(page)

    # 5. The reviewer asks for changes; the status panel says so in Swedish.
    page.goto(base + f"/admin/pages/{article.pk}/edit/")
    page.locator("[data-workflow-action-name=reject]").dispatch_event("click")
    page.locator(".modal textarea").fill("Ingressen behöver kortas.")
    page.locator(".modal button[type=submit]").click()
    expect(page.get_by_text("Sida 'Klockan nio i kväll' har blivit uppdaterad.")).to_be_visible()
    page.goto(base + f"/admin/pages/{article.pk}/edit/")
    expect(open_status_panel(page)).to_contain_text("Ändringar begärda")
    no_english(page)
