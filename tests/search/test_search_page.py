"""The public search page at /sok/."""

from bs4 import BeautifulSoup
from django.core.files.base import ContentFile

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.factories import ArticlePageFactory, AuthorPageFactory
from tests.podcasts.factories import (
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
)
from tests.subscriptions.factories import SubscriptionFactory, UserFactory
from tests.webtv.factories import VideoPageFactory, WebTvIndexPageFactory, WebTvSeriesPageFactory
from utgivare.webtv.models import Video


def search(client, query, **params):
    response = client.get("/sok/", {"q": query, **params})
    assert response.status_code == 200
    return response


def hits(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select(".search-hit")


def test_search_finds_article_by_a_word_in_its_lead(client, metered_article, free_article):
    found = hits(search(client, "marknadsvärdet"))
    assert [hit.h2.get_text(strip=True) for hit in found] == ["Hamnaffären granskas"]


def test_result_shows_title_link_section_and_lead(client, metered_article):
    (hit,) = hits(search(client, "hamnen"))
    assert hit.select_one(".kicker").get_text(strip=True) == "Sektion 1"
    assert hit.h2.a["href"] == metered_article.url
    assert hit.select_one(".search-hit__lead").get_text() == metered_article.lead


def test_word_only_in_a_paywalled_body_finds_nothing(client, metered_article):
    # Listing the piece would tell a reader without access what its hidden body says.
    response = search(client, "revisionsrapporten")
    assert not hits(response)
    assert "Inga träffar" in response.content.decode()


def test_paywalled_word_next_to_a_visible_one_finds_nothing(client, metered_article):
    assert not hits(search(client, "hamnen avtalet"))


def test_metered_article_found_by_its_first_paragraph_shows_only_that(client, metered_article):
    response = search(client, "köpeavtalet")
    (hit,) = hits(response)
    assert (
        hit.select_one(".search-hit__snippet")
        .get_text(strip=True)
        .startswith("Första stycket om hamnen")
    )
    page = response.content.decode()
    assert "Andra stycket" not in page
    assert "Tredje stycket" not in page
    assert "Räknas mot månadens gratisartiklar" in hit.get_text()


def test_free_article_is_found_by_a_word_deep_in_its_body(client, free_article):
    assert [hit.h2.get_text(strip=True) for hit in hits(search(client, "Kvarnbacken"))] == [
        "Skolskjutsen i Norrvik"
    ]


def test_free_article_snippet_shows_the_matching_passage_marked(client, free_article):
    (hit,) = hits(search(client, "turlistorna"))
    snippet = hit.select_one(".search-hit__snippet")
    assert snippet.mark.get_text() == "turlistorna"
    assert "(barnen) i Kvarnbacken" in snippet.get_text()


def test_subscribers_only_article_is_marked_in_results(client, section):
    ArticlePageFactory(parent=section, title="Lönelistan", access_level="subscribers")
    (hit,) = hits(search(client, "Lönelistan"))
    assert "Endast för prenumeranter" in hit.get_text()


def test_query_is_escaped_on_the_page(client, metered_article):
    response = search(client, '<script>alert("x")</script> hamnen')
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_results_are_paginated_and_keep_the_query(client, section):
    for number in range(13):
        ArticlePageFactory(parent=section, title=f"Budgeten del {number}")
    first = search(client, "Budgeten")
    assert len(hits(first)) == 10
    soup = BeautifulSoup(first.content, "html.parser")
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert "q=Budgeten" in next_link
    assert "sida=2" in next_link
    second = client.get("/sok/" + next_link)
    assert len(hits(second)) == 3


def test_count_stops_at_the_cap_and_says_more(client, section, monkeypatch):
    # The cap (1,000 on the site) made small so a few pieces pass it: the count stops
    # there, the page says "more than", and paging reaches the first `cap` matches,
    # best tier first.
    monkeypatch.setattr("utgivare.search.query.COUNT_CAP", 11)
    for number in range(12):
        ArticlePageFactory(parent=section, title=f"Rapporten del {number}")
    ArticlePageFactory(parent=section, title="Annat", lead="Om rapporten i fullmäktige.")
    first = search(client, "rapporten")
    count = BeautifulSoup(first.content, "html.parser").select_one(".search-count").get_text()
    assert count.startswith("Fler än 11 träffar för")
    assert all("Rapporten del" in hit.h2.get_text() for hit in hits(first))
    assert len(hits(search(client, "rapporten", sida="2"))) == 1


def test_page_number_out_of_range_shows_the_last_page(client, metered_article):
    assert len(hits(search(client, "hamnen", sida="999"))) == 1
    assert len(hits(search(client, "hamnen", sida="abc"))) == 1


def test_no_query_shows_only_the_form(client, metered_article):
    response = client.get("/sok/")
    assert response.status_code == 200
    assert not hits(response)
    assert BeautifulSoup(response.content, "html.parser").select_one("input[name=q]")


def test_no_match_says_so(client, metered_article):
    assert "Inga träffar" in search(client, "xyzzyplugh").content.decode()


def test_unpublished_articles_are_not_found(client, section):
    draft = ArticlePageFactory(parent=section, title="Hemligt utkast om hamnen")
    draft.unpublish()
    assert not hits(search(client, "utkast"))


def test_blog_posts_are_found_with_their_blog_name(client, tree):
    index = BlogIndexPageFactory(parent=tree["home"])
    writer = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    blog = BlogPageFactory(parent=index, title="Karins blogg", slug="karin", writer=writer)
    BlogPostPageFactory(parent=blog, title="Protokollen från hamnstyrelsen")
    (hit,) = hits(search(client, "hamnstyrelsen"))
    assert hit.select_one(".kicker").get_text(strip=True) == "Karins blogg"
    assert "Vad visste kommunstyrelsens ordförande" in hit.get_text()


def test_every_page_header_links_to_search(client, metered_article):
    soup = BeautifulSoup(client.get(metered_article.url).content, "html.parser")
    assert soup.select_one("header form[role=search]")["action"] == "/sok/"


def test_snippet_marks_the_word_not_the_punctuation_around_it(client, free_article):
    (hit,) = hits(search(client, "barnen"))
    snippet = hit.select_one(".search-hit__snippet")
    assert snippet.mark.get_text() == "barnen"


def test_subscriber_finds_a_paid_article_by_a_word_deep_in_its_body(client, metered_article):
    subscription = SubscriptionFactory()
    client.force_login(subscription.user)
    (hit,) = hits(search(client, "revisionsrapporten"))
    assert hit.h2.a["href"] == metered_article.url


def test_staff_find_a_paid_article_by_a_word_deep_in_its_body(client, metered_article):
    client.force_login(UserFactory(is_staff=True))
    assert len(hits(search(client, "revisionsrapporten"))) == 1


def test_episodes_and_videos_are_found_with_their_type_and_show(client, tree):
    show = PodcastShowPageFactory(
        parent=PodcastIndexPageFactory(parent=tree["home"]), title="Kurirens kvart"
    )
    PodcastEpisodePageFactory(parent=show, title="Samtal om färjeleden", audio=None)
    series = WebTvSeriesPageFactory(
        parent=WebTvIndexPageFactory(parent=tree["home"]), title="Fullmäktige direkt"
    )
    clip = Video(title="Klipp", container="mp4", duration=1, width=160, height=90, size=16)
    clip.file.save("upload.mp4", ContentFile(b"\x00" * 16))
    VideoPageFactory(parent=series, title="Färjeleden i fullmäktige", video=clip)
    ArticlePageFactory(parent=tree["sections"][0], title="Färjeleden läggs ner")
    found = {
        hit.select_one("h2").get_text(strip=True): (
            hit.select_one(".search-hit__type").get_text(strip=True),
            hit.select_one(".kicker").get_text(strip=True),
        )
        for hit in hits(search(client, "färjeleden"))
    }
    assert found["Samtal om färjeleden"] == ("Poddavsnitt", "Kurirens kvart")
    assert found["Färjeleden i fullmäktige"] == ("Video", "Fullmäktige direkt")
    assert found["Färjeleden läggs ner"][0] == "Artikel"
    # The type filter narrows to one kind.
    only = hits(search(client, "färjeleden", typ="webtv_episode"))
    assert [hit.select_one("h2").get_text(strip=True) for hit in only] == [
        "Färjeleden i fullmäktige"
    ]


def test_a_prefix_with_too_many_forms_still_finds_the_compound(client, section, monkeypatch):
    # PostgreSQL expands a prefix into the word forms the index holds; past
    # MAX_PREFIX_FORMS it asks GIN for the prefix itself. Both must find the same piece.
    ArticlePageFactory(parent=section, title="Socialtjänstnämnden sammanträder")
    ArticlePageFactory(parent=section, title="Socialtjänsten svarar")
    expanded = {hit.h2.get_text(strip=True) for hit in hits(search(client, "socialtjänst"))}
    monkeypatch.setattr("utgivare.search.query.MAX_PREFIX_FORMS", 1)
    by_prefix = {hit.h2.get_text(strip=True) for hit in hits(search(client, "socialtjänst"))}
    assert expanded == by_prefix == {"Socialtjänstnämnden sammanträder", "Socialtjänsten svarar"}
