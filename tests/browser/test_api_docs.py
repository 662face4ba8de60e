"""The API's browsable docs work in a real browser under their strict CSP, from our own files."""

from urllib.parse import urlsplit

from playwright.sync_api import expect


def test_api_docs_show_every_operation_from_our_own_files_under_the_csp(browser_page, live_server):
    violations, origins = [], set()
    browser_page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    browser_page.on("request", lambda request: origins.add(urlsplit(request.url).netloc))

    response = browser_page.goto(live_server.url + "/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(browser_page.get_by_text("Utgivare read API").first).to_be_visible()
    for operation in ("/api/articles/{id}/", "/api/blog-posts/", "/api/issues/{number}/"):
        expect(browser_page.get_by_text(operation, exact=True).first).to_be_visible()

    assert violations == []
    assert origins == {urlsplit(live_server.url).netloc}
