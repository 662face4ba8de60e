"""The demo's blog: a writer's blog with 6+ posts and a lively, moderated discussion."""

from bs4 import BeautifulSoup

from tests.factories import AuthorPageFactory
from utgivare.blogs.models import BlogIndexPage, BlogPage, BlogPostPage
from utgivare.comments.models import Comment
from utgivare.core.models import ImprintSettings
from utgivare.demo import blogs as demo_blogs
from utgivare.demo.content import body_data, read_markdown

DISCUSSION = "meddelarfriheten-galler-ocksa-i-stadshuset"


def load(tree):
    karin = AuthorPageFactory(
        parent=tree["authors"],
        title="Karin Lund",
        slug="karin-lund",
        public_email="karin.lund@norrvikskurir.example",
    )
    imprint = ImprintSettings.for_site(tree["site"])
    imprint.responsible_publisher = karin
    imprint.save()
    return demo_blogs.load_blogs(tree["home"], {"karin-lund": karin}), karin


def test_demo_blog_belongs_to_karin_lund_with_six_or_more_posts(tree):
    result, karin = load(tree)
    blog = BlogPage.objects.get()
    assert blog.writer_id == karin.pk
    assert blog.tagline and "ansvarig utgivare" in blog.introduction
    assert BlogPostPage.objects.child_of(blog).live().count() >= 6
    assert result["posts"][DISCUSSION].first_published_at.date().isoformat() == "2026-11-12"


def test_every_demo_post_is_300_to_900_words_in_parts_with_quotes():
    posts = sorted((demo_blogs.BLOG_DIR / "posts").glob("*.md"))
    assert len(posts) >= 6
    for path in posts:
        data = body_data(read_markdown(path)[1])
        kinds = [block["type"] for block in data]
        words = len(" ".join(str(block["value"]) for block in data).split())
        assert 300 <= words <= 900, path.name
        assert kinds.count("heading") >= 2, path.name
        assert "quote" in kinds, path.name


def test_demo_discussion_is_threaded_with_a_badged_reply_and_held_comments(client, tree):
    result, karin = load(tree)
    post = result["posts"][DISCUSSION]
    comments = Comment.objects.filter(page=post)
    assert comments.filter(status="approved").count() == 18
    assert comments.filter(status="pending").count() >= 3
    assert set(comments.values_list("depth", flat=True)) == {1, 2, 3}
    by_writer = comments.get(user__isnull=False)
    assert by_writer.user == karin.specific.__class__.objects.get(pk=karin.pk).user

    soup = BeautifulSoup(client.get(post.url).content, "html.parser")
    assert "18 kommentarer" in soup.get_text()
    badges = [b.get_text() for b in soup.select(f"#kommentar-{by_writer.pk} .comment__badge")]
    assert badges == ["Skribent", "Ansvarig utgivare"]
    assert soup.select(".comment__reply-to"), "a reply below the last level names whom it answers"


def test_loading_the_demo_twice_changes_nothing(tree):
    load(tree)
    assert demo_blogs.load_blogs(tree["home"], {}) is None
    assert BlogIndexPage.objects.count() == 1
    assert Comment.objects.filter(page__slug=DISCUSSION).count() == 21
