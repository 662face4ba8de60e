"""`utgivare import_wordpress`: a WordPress export becomes posts, comments and redirects."""

import datetime as dt
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory
from tests.factories import AuthorPageFactory, png_bytes
from utgivare.blogs.models import BlogPostPage
from utgivare.comments import posting, privacy
from utgivare.comments.models import Comment
from utgivare.importers.models import ImportedObject
from utgivare.publication.models import ArticlePage, AuthorPage
from utgivare.search.models import SearchEntry

from .wxr_files import export

SWEDISH = "Åsa Öberg skrev om nämndens beslut: ”Hyrorna höjs” – så här gick det till."


def nested_comments():
    """Six comments: a chain five levels deep, plus pending, spam and trashed ones."""
    chain = [
        {"id": 10 + level, "parent": 10 + level - 1 if level else 0, "text": f"Nivå {level + 1}"}
        for level in range(5)
    ]
    chain[0].update(author="Åsa Öberg", url="https://asa.example.org/", ip="203.0.113.9")
    return chain + [
        {"id": 20, "text": "Väntar på granskning.", "approved": "0"},
        {"id": 21, "text": "Köp billiga klockor!", "approved": "spam"},
        {"id": 22, "text": "Borttagen.", "approved": "trash"},
        {"id": 23, "text": "Pingback.", "type": "pingback"},
    ]


POSTS = [
    {
        "id": 101,
        "title": "Hyrorna & nämnden",
        "slug": "hyrorna",
        "content": (
            "<!-- wp:paragraph -->\n<p>Första stycket.</p>\n<!-- /wp:paragraph -->\n\n"
            f"{SWEDISH}\nMed en radbrytning.\n\n"
            "Kod i CDATA: ]]> och &lt;![CDATA[ ska stå kvar som text.\n\n"
            '<script>alert("x")</script><p onclick="x()">Sista <a href="javascript:x()">'
            "stycket</a>.</p>\n"
            '<iframe src="https://video.example.org/embed/1" onload="x()"></iframe>'
        ),
        "excerpt": "Ingressen om hyrorna.",
        "terms": [
            ("category", "kommunen", "Kommunen"),
            ("category", "uncategorized", "Uncategorized"),
            ("post_tag", "hamnen", "Hamnen"),
            ("post_tag", "kommunen", "kommunen"),
        ],
        "comments": nested_comments(),
        "extra": '<yoast:focuskw xmlns:yoast="https://yoast.example/ns">hyror</yoast:focuskw>',
    },
    {"id": 102, "title": "Utkastet", "slug": "utkast", "status": "draft", "content": "Ej klart."},
    {"id": 103, "title": "Privat", "slug": "privat", "status": "private", "content": "Hemligt."},
    {"id": 104, "title": "Med lösenord", "slug": "losen", "password": "hemlis", "content": "Låst."},
    {"id": 105, "title": "Sidan Om", "type": "page", "content": "Om bloggen."},
]


@pytest.fixture
def blog(tree):
    writer = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    index = BlogIndexPageFactory(parent=tree["home"])
    return BlogPageFactory(parent=index, title="Karins blogg", slug="karin", writer=writer)


def run(tmp_path, xml, *args):
    path = tmp_path / "export.xml"
    path.write_text(xml, encoding="utf-8")
    out = io.StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out)
    return out.getvalue()


def test_a_blog_export_arrives_with_statuses_markup_and_threaded_comments(client, tmp_path, blog):
    output = run(tmp_path, export(POSTS), "--blog", "karin")
    posts = {p.title: p for p in BlogPostPage.objects.child_of(blog)}
    assert set(posts) == {"Hyrorna & nämnden", "Utkastet", "Privat", "Med lösenord"}
    post = posts["Hyrorna & nämnden"]
    assert post.live and post.lead == "Ingressen om hyrorna."
    assert post.first_published_at.isoformat().startswith("2019-05-03T10:15")
    assert not posts["Utkastet"].live and not posts["Privat"].live
    assert PageViewRestriction.objects.get(page=posts["Med lösenord"]).password == "hemlis"

    body = [(block.block_type, str(block.value.source if hasattr(block.value, "source") else ""))
            for block in post.body]  # fmt: skip
    html = " ".join(source for _, source in body)
    assert "<p>Första stycket.</p>" in html
    assert f"{SWEDISH}<br/>Med en radbrytning." in html.replace("<br>", "<br/>")
    assert "Kod i CDATA: ]]&gt; och &lt;![CDATA[ ska stå kvar som text." in html
    assert "script" not in html and "javascript" not in html and "onclick" not in html
    assert 'href="https://video.example.org/embed/1"' in html

    comments = {c.text: c for c in Comment.objects.filter(page=post)}
    assert set(comments) == {f"Nivå {n}" for n in range(1, 6)} | {
        "Väntar på granskning.",
        "Köp billiga klockor!",
        "Borttagen.",
    }
    deepest = comments["Nivå 5"]
    chain = [deepest]
    while chain[-1].in_reply_to_id:
        chain.append(Comment.objects.get(pk=chain[-1].in_reply_to_id))
    assert [c.text for c in reversed(chain)] == [f"Nivå {n}" for n in range(1, 6)]
    first = comments["Nivå 1"]
    assert first.author_name == "Åsa Öberg" and first.author_website == "https://asa.example.org/"
    assert first.author_email == "lasare@example.org"
    assert [comments[t].status for t in ("Nivå 1", "Väntar på granskning.")] == [
        "approved",
        "pending",
    ]
    assert comments["Köp billiga klockor!"].status == "spam"
    assert comments["Borttagen."].status == "rejected"
    # Never the address itself; old comments keep no hash either (past the retention time).
    assert all(c.ip_address is None and c.ip_hash == "" for c in comments.values())

    # Written in bulk: the tree is sound, and the page is served with its comments.
    assert all(problems == [] for problems in Page.find_problems())
    assert (
        post.get_latest_revision().content["title"] == post.title == post.live_revision.object_str
    )
    page_html = client.get(post.url).content.decode()
    assert "Nivå 5" in page_html

    # Categories and tags are the post's topics: under the text, each a search for it,
    # WordPress's default category left out; the site's search finds the post by them.
    topics = re.search(r'<nav class="piece-topics".*?</nav>', page_html, re.S).group(0)
    assert re.findall(r'<a href="/sok/\?q=(\w+)" rel="tag">(\w+)</a>', topics) == [
        ("Kommunen", "Kommunen"),
        ("Hamnen", "Hamnen"),
    ]
    found = client.get("/sok/", {"q": "Hamnen"}).content.decode()
    assert post.title.replace("&", "&amp;") in found
    assert set(SearchEntry.objects.values_list("title", flat=True)) == {post.title}

    kinds = set(ImportedObject.objects.values_list("kind", flat=True))
    assert kinds == {"category", "tag", "post", "comment"}
    terms = ImportedObject.objects.get(kind="post", wp_id="101").data
    assert terms == {
        "categories": [["kommunen", "Kommunen"], ["uncategorized", "Uncategorized"]],
        "tags": [["hamnen", "Hamnen"], ["kommunen", "kommunen"]],
    }
    assert "pingback är ingen kommentar" in output and "'page' importeras inte" in output


def test_running_it_again_creates_nothing_twice_and_updates_what_changed(tmp_path, blog):
    run(tmp_path, export(POSTS), "--blog", "karin")
    counts = (Page.objects.count(), Comment.objects.count(), ImportedObject.objects.count())
    output = run(tmp_path, export(POSTS), "--blog", "karin")
    assert (Page.objects.count(), Comment.objects.count(), ImportedObject.objects.count()) == counts
    assert "0 nya, 0 uppdaterade, 4 oförändrade" in output  # the posts

    changed = [dict(POSTS[0], title="Hyrorna & nämnden, rättad"), *POSTS[1:]]
    changed[0]["comments"] = [dict(c) for c in nested_comments()]
    changed[0]["comments"][5]["approved"] = "1"  # a moderator approved it in WordPress
    run(tmp_path, export(changed), "--blog", "karin")
    assert (Page.objects.count(), Comment.objects.count()) == counts[:2]
    post = BlogPostPage.objects.get(title="Hyrorna & nämnden, rättad")
    assert post.live and post.get_latest_revision().content["title"] == post.title
    assert Comment.objects.get(text="Väntar på granskning.").status == "approved"


def test_old_wordpress_addresses_lead_to_the_new_pages(client, tmp_path, blog):
    run(tmp_path, export(POSTS), "--blog", "karin")
    post = BlogPostPage.objects.get(title="Hyrorna & nämnden")
    for old in ("/?p=101", "/2019/05/03/hyrorna/", "/2019/05/03/hyrorna"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].endswith(post.url)
    # A ?p= that was never imported, and other queries, still show the home page.
    assert client.get("/?p=999").status_code == 200
    assert client.get("/?utm_source=x").status_code == 200


def test_a_section_export_brings_its_authors_and_pictures(tmp_path, tree):
    media = tmp_path / "uploads"
    (media / "2019" / "05").mkdir(parents=True)
    (media / "2019" / "05" / "hamnen.png").write_bytes(png_bytes())
    posts = [
        {
            "id": 201,
            "title": "Hamnen",
            "meta": {"_thumbnail_id": "301"},
            "content": '[caption id="attachment_301" width="300"]<img src="https://gamla.example.org'
            '/wp-content/uploads/2019/05/hamnen-300x200.png" alt="Kajen"> Kajen i maj[/caption]'
            "\n\nText om hamnen.",
        },
        {
            "id": 301,
            "type": "attachment",
            "title": "Hamnen i maj",
            "attachment_url": "https://gamla.example.org/wp-content/uploads/2019/05/hamnen.png",
        },
    ]
    output = run(
        tmp_path, export(posts, version="1.1"), "--section", "sektion-1", "--media-dir", str(media)
    )
    assert "Misslyckades: 0" in output, output
    article = ArticlePage.objects.get(title="Hamnen")
    assert article.author == AuthorPage.objects.get(title="Karin Lund")
    assert article.hero_image is not None
    (picture,) = [b for b in article.body if b.block_type == "image"]
    assert picture.value["caption"] == "Kajen i maj" and picture.value["alt_text"] == "Kajen"
    assert article.lead == "Text om hamnen."


@pytest.mark.parametrize(
    "broken, where",
    [
        (lambda xml: xml[: len(xml) // 2], "rad"),  # a truncated download
        (lambda xml: xml.replace("<wp:status>draft</wp:status>", "<wp:status>draft"), "rad"),
    ],
)
def test_a_broken_file_says_where_and_imports_nothing(tmp_path, blog, broken, where):
    with pytest.raises(CommandError) as error:
        run(tmp_path, broken(export(POSTS)), "--blog", "karin")
    message = str(error.value)
    assert "rad " in message and "kolumn " in message and "Inget importerades" in message
    assert not BlogPostPage.objects.exists()
    assert not ImportedObject.objects.exists() and not Comment.objects.exists()


def test_a_file_that_is_not_a_wordpress_export_is_refused(tmp_path, blog):
    with pytest.raises(CommandError, match="ingen WordPress-export"):
        run(
            tmp_path,
            '<?xml version="1.0"?><rss><channel><item/></channel></rss>',
            "--blog",
            "karin",
        )


def test_a_recent_commenters_address_is_kept_only_as_the_sites_keyed_hash(tmp_path, blog):
    yesterday = (timezone.now() - dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    comment = {"id": 1, "text": "Färsk kommentar.", "ip": "198.51.100.23", "date": yesterday}
    run(tmp_path, export([{"id": 1, "comments": [comment]}]), "--blog", "karin")
    stored = Comment.objects.get(text="Färsk kommentar.")
    assert stored.ip_address is None
    assert stored.ip_hash == privacy.ip_hash("198.51.100.23", posting.ip_key()) != ""
    assert stored.created_at.strftime("%Y-%m-%d %H:%M:%S") == yesterday
