"""Nothing a commenter writes runs as script in another reader's (or a moderator's) browser.

Known payloads go in through every field a commenter controls: through the
form (and the JavaScript that inserts the new comment without a reload), and
straight into the database (as an import or an old version might have left
them). Chromium then renders the thread, the moderation queue and a
comment's admin page; no dialog may open, no flag may be set, and the DOM
may hold no script, event handler or javascript: link from a commenter.
"""

import pytest
from playwright.sync_api import expect

from tests.comments.factories import CommentFactory, comment_settings
from tests.factories import ArticlePageFactory, AuthorPageFactory
from utgivare.comments.models import Comment

pytestmark = pytest.mark.django_db(transaction=True)

FLAG = "window.__xss = 1"
PAYLOADS = [
    f"<script>{FLAG}</script>",
    f'<img src=x onerror="{FLAG};alert(1)">',
    f'"><svg onload="{FLAG}">',
    '\'><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    f'<a href="javascript:{FLAG}">klicka</a>',
    f"javascript:{FLAG}",
    f'https://example.org/"onmouseover="{FLAG}"',
    f"www.example.org/<script>{FLAG}</script>",
    f'<details open ontoggle="{FLAG}">',
    "<style>*{background:url(javascript:alert(1))}</style>",
    f"</textarea><script>{FLAG}</script>",
    f"<!--<img src=--><img src=x onerror={FLAG}>",
]
HOSTILE_WEBSITES = [
    f"javascript:{FLAG}",
    f'https://example.org/" onmouseover="{FLAG}',
    f"data:text/html,<script>{FLAG}</script>",
]
ADMIN_PASSWORD = "inga-skript-har-2026"


@pytest.fixture
def piece(live_server, live_tree, django_user_model):
    tree = live_tree
    site = tree["site"]
    comment_settings(
        site,
        moderation_mode="post",
        min_seconds_to_submit=0,
        max_per_email=0,
        max_per_ip=0,
        max_links=100,
    )
    author = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    article = ArticlePageFactory(parent=tree["sections"][0], author=author)
    django_user_model.objects.create_superuser("mona", "mona@example.org", ADMIN_PASSWORD)
    return {"article": article, "url": live_server.url + article.url, "base": live_server.url}


def watch(page):
    """Record every dialog (alert/confirm/prompt) the page tries to open."""
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def assert_nothing_ran(page, dialogs, scope="body"):
    # Give onerror/onload handlers of broken images a moment to fire.
    page.wait_for_timeout(300)
    page.locator(scope).first.hover()
    assert dialogs == []
    assert page.evaluate("typeof window.__xss") == "undefined"
    found = page.evaluate(
        """(scope) => {
            const urlAttributes = ['href', 'src', 'action', 'formaction', 'srcdoc'];
            const foreign = ['SCRIPT', 'IFRAME', 'SVG', 'STYLE', 'IMG', 'DETAILS'];
            const bad = [];
            for (const el of document.querySelector(scope).querySelectorAll('*')) {
                for (const attr of el.attributes) {
                    const name = attr.name;
                    if (name.startsWith('on')) bad.push(el.tagName + ' ' + name);
                    const scheme = /^\\s*(javascript|data):/i;
                    if (urlAttributes.includes(name) && scheme.test(attr.value)) {
                        bad.push(el.tagName + ' ' + attr.value);
                    }
                }
                const tag = el.tagName.toUpperCase();
                if (foreign.includes(tag) && el.closest('.comment__body, .cm-comment, .cm-text')) {
                    bad.push(tag);
                }
            }
            return bad;
        }""",
        scope,
    )
    assert found == []


def post(page, name, website, text):
    form = page.locator("form.comment-form")
    form.get_by_label("Namn", exact=True).fill(name)
    form.get_by_label("E-post", exact=True).fill("angripare@example.org")
    form.get_by_label("Webbplats", exact=False).fill(website)
    form.get_by_label("Kommentar", exact=True).fill(text)
    form.get_by_role("button", name="Skicka kommentar").click()


def test_payloads_through_the_form_never_run(chromium, piece):
    page = chromium.new_context(locale="sv-SE").new_page()
    dialogs = watch(page)
    page.goto(piece["url"])
    for number, payload in enumerate(PAYLOADS):
        # The name takes the payload too; the website gets one the form must refuse or defuse.
        post(page, payload[:80], "https://example.org/ok", f"Nr {number}: {payload}")
        expect(page.locator("[data-form-status]")).to_have_text(
            "Tack! Din kommentar är publicerad."
        )
    # Inserted by JavaScript without a reload:
    expect(page.locator("li.comment")).to_have_count(len(PAYLOADS))
    assert_nothing_ran(page, dialogs, ".comments")
    # The same thread rendered by the server:
    page.reload()
    assert_nothing_ran(page, dialogs, ".comments")
    expect(page.locator("li.comment").first).to_contain_text("<script>")


def test_hostile_website_is_refused_by_the_form_and_keeps_the_text(chromium, piece):
    page = chromium.new_context(locale="sv-SE").new_page()
    dialogs = watch(page)
    page.goto(piece["url"])
    post(page, "Mallory", HOSTILE_WEBSITES[0], "Min text finns kvar.")
    expect(page.locator("form.comment-form #id_website_error")).to_be_visible()
    expect(page.locator("form.comment-form textarea")).to_have_value("Min text finns kvar.")
    assert Comment.objects.count() == 0
    assert_nothing_ran(page, dialogs)


def test_stored_payloads_in_every_field_never_run_for_readers_or_moderators(chromium, piece):
    article = piece["article"]
    for number, payload in enumerate(PAYLOADS):
        CommentFactory(
            page=article,
            author_name=payload[:80],
            author_website=HOSTILE_WEBSITES[number % len(HOSTILE_WEBSITES)],
            text=payload,
            status="pending" if number % 2 else "approved",
            rejection_reason=payload,
        )
    reader = chromium.new_context(locale="sv-SE").new_page()
    dialogs = watch(reader)
    reader.goto(piece["url"])
    assert_nothing_ran(reader, dialogs, ".comments")

    moderator = chromium.new_context(locale="sv-SE").new_page()
    admin_dialogs = watch(moderator)
    moderator.goto(piece["base"] + "/admin/login/")
    moderator.fill("input[name=username]", "mona")
    moderator.fill("input[name=password]", ADMIN_PASSWORD)
    moderator.locator("form button[type=submit]").first.click()
    for tab in ("pending", "approved"):
        moderator.goto(piece["base"] + f"/admin/kommentarer/?flik={tab}")
        expect(moderator.locator("[data-cm-row]").first).to_be_visible()
        assert_nothing_ran(moderator, admin_dialogs, ".cm-table")
    moderator.goto(piece["base"] + f"/admin/kommentarer/{Comment.objects.first().pk}/")
    assert_nothing_ran(moderator, admin_dialogs, ".cm-detail")
