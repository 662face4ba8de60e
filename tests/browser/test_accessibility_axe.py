"""axe-core on every public page type, on a 360 px phone and a 1280 px desktop.

No serious or critical violation, WCAG 2.2 target size (24 px) included. axe
is the vendored tests/browser/vendor/axe.min.js (axe-core from npm, MPL-2.0,
licence header kept), injected into each page; one browser walks all pages.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.factories import ArticlePageFactory, AuthorPageFactory, IssuePageFactory
from tests.podcasts.factories import (
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
)
from tests.webtv.factories import (
    VideoPageFactory,
    WebTvIndexPageFactory,
    WebTvSeriesPageFactory,
    make_clip,
    stored_video,
)

pytestmark = pytest.mark.django_db(transaction=True)

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()

# WCAG 2.0-2.2 A and AA rules plus best practices; target-size is a 2.2 AA rule.
RUN_AXE = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: [
      'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice',
    ]},
    resultTypes: ['violations'],
  });
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical' || v.id === 'target-size')
    .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


@pytest.fixture
def pages(live_server, live_tree, tmp_path):
    tree = live_tree
    author = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    issue = IssuePageFactory(parent=tree["issues"], number=181, slug="181")
    article = ArticlePageFactory(parent=tree["sections"][0], author=author, issue=issue)
    blogs = BlogIndexPageFactory(parent=tree["home"])
    blog = BlogPageFactory(parent=blogs, writer=author, slug="karin")
    post = BlogPostPageFactory(parent=blog)
    show = PodcastShowPageFactory(parent=PodcastIndexPageFactory(parent=tree["home"]))
    episode = PodcastEpisodePageFactory(parent=show, access_level="free")
    series = WebTvSeriesPageFactory(parent=WebTvIndexPageFactory(parent=tree["home"]))
    clip = stored_video(make_clip(tmp_path / "klipp.mp4"))
    video = VideoPageFactory(parent=series, video=clip, access_level="free")
    return {
        "home": "/",
        "article": article.url,
        "section": tree["sections"][0].url,
        "issue": issue.url,
        "author": author.url,
        "blog post": post.url,
        "podcast episode": episode.url,
        "video": video.url,
        "search": "/sok/?q=budget",
        "privacy": "/integritet/",
        "login": "/konto/login/",
    }


def test_public_pages_have_no_serious_accessibility_violations(browser_page, live_server, pages):
    page = browser_page
    problems = {}
    for name, url in pages.items():
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(live_server.url + url)
            expect(page.locator("main")).to_be_visible()
            page.add_script_tag(content=AXE)
            found = page.evaluate(RUN_AXE)
            if found:
                problems[f"{name} ({url}) at {width}"] = found  # noqa: PERF403
    assert not problems, "\n".join(f"{where}: {found}" for where, found in problems.items())
