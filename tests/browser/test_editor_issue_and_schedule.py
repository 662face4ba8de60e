"""An editor makes the next issue, fills it from both sides, schedules an article, and
the worker publishes it without anyone running a command by hand."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Revision

from tests.factories import ArticlePageFactory, IssuePageFactory

pytestmark = pytest.mark.django_db(transaction=True)


def publish(page):
    # Wagtail keeps "Publicera" in the footer's dropdown; the button is the same one.
    page.locator("button[name=action-publish]").dispatch_event("click")


def test_editor_makes_an_issue_and_a_scheduled_article_goes_live(
    chromium, live_server, live_tree, editor_page, screenshot
):
    tree = live_tree
    IssuePageFactory(parent=tree["issues"], number=180, slug="180")
    section = tree["sections"][0]
    harbour = ArticlePageFactory(parent=section, title="Hamnen")
    school = ArticlePageFactory(parent=section, title="Skolan")
    nine = ArticlePageFactory(parent=section, title="Klockan nio")
    nine.unpublish()
    base = live_server.url

    page = editor_page

    # 1. A new issue starts with the next number and its address.
    page.goto(base + f"/admin/pages/add/publication/issuepage/{tree['issues'].pk}/")
    expect(page.locator("input[name=number]")).to_have_value("181")
    expect(page.locator("input[name=slug]")).to_have_value("181")
    publish(page)
    page.wait_for_url(lambda url: "/add/" not in url)

    # 2. Two articles into it at once.
    page.goto(
        base + f"/admin/bulk/wagtailcore/page/add_to_issue/?id={harbour.pk}&id={school.pk}"
        "&next=/admin/"
    )
    page.select_option("select[name=issue]", label="#181 – Nummer 181")
    page.get_by_role("button", name="Lägg i numret").click()
    expect(page.get_by_text("2 artiklar ligger nu i nummer 181.")).to_be_visible()

    # 3. One more chooses the issue on its own form and is scheduled.
    page.goto(base + f"/admin/pages/{nine.pk}/edit/")
    page.select_option("select[name=issue]", label="#181 – Nummer 181")
    go_live = timezone.localtime() + dt.timedelta(hours=1)
    page.locator("input[name=go_live_at]").evaluate(
        "(input, value) => { input.value = value; }", go_live.strftime("%Y-%m-%d %H:%M")
    )
    publish(page)
    page.wait_for_url(lambda url: "/edit/" not in url)
    screenshot(page, "editor-after-scheduling")

    reader = chromium.new_context(locale="sv-SE").new_page()
    reader.goto(base + "/nummer/181/")
    expect(reader.locator(".toc li a")).to_have_text(["Hamnen", "Skolan"])
    assert reader.goto(base + nine.url).status == 404

    # The hour passes (moved, not waited for); the worker's next tick publishes it.
    (scheduled,) = Revision.page_revisions.filter(object_id=str(nine.pk)).exclude(
        approved_go_live_at=None
    )
    past = timezone.now() - dt.timedelta(seconds=1)
    scheduled.approved_go_live_at = past
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    call_command("run_worker", "--once")

    reader.goto(base + "/nummer/181/")
    expect(reader.locator(".toc li a")).to_have_text(["Hamnen", "Skolan", "Klockan nio"])
    reader.goto(base + "/")
    expect(reader.locator(".issue-feature h2")).to_contain_text("#181")
