"""The fixture replay (tests/replay.py) leaves the database as building in full does."""

import pytest
from django.db import transaction
from wagtail.models import Page, Site

from tests import replay
from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    HomePageFactory,
    SectionPageFactory,
    site_tree,
    wagtail_baseline,
)
from utgivare.publication.models import ArticlePage

pytestmark = pytest.mark.django_db

builds = []


@pytest.fixture(autouse=True)
def nothing_recorded_yet():
    replay._recordings.clear()
    builds.clear()


@replay.replayed
def _tree_with_two_pieces(section_title):
    builds.append(section_title)
    home = HomePageFactory(parent=wagtail_baseline(), slug=f"hem-{len(builds)}")
    section = SectionPageFactory(parent=home, title=section_title)
    author = AuthorPageFactory(parent=home, title="Karin Lund")
    return {
        "section": section,
        "pieces": [
            ArticlePageFactory(parent=section, author=author, title="Första"),
            ArticlePageFactory(parent=section, author=author, title="Andra"),
        ],
    }


def _database():
    schema = replay._load_schema()
    from django.db import connection

    with connection.cursor() as cursor:
        return {table: replay._read(cursor, table, schema)[1] for table in schema.tables}


def _inside_rolled_back(function):
    """`function()`'s result and the database after it, then everything undone."""
    with transaction.atomic():
        result = function(), _database()
        transaction.set_rollback(True)
    return result


def test_a_replay_leaves_every_table_as_the_full_build_did():
    def build_and_count():
        result = _tree_with_two_pieces("Politik")
        return result, result["section"].get_children().count()

    ((built, _), after_build) = _inside_rolled_back(build_and_count)
    ((replayed, children), after_replay) = _inside_rolled_back(build_and_count)

    assert builds == ["Politik"]  # the second call did not build
    assert after_replay == after_build
    # The objects come back as the same pages, of their own classes, with their fields.
    assert [type(piece) for piece in replayed["pieces"]] == [ArticlePage, ArticlePage]
    assert [(p.pk, p.title, p.url_path, p.author_id) for p in replayed["pieces"]] == [
        (p.pk, p.title, p.url_path, p.author_id) for p in built["pieces"]
    ]
    assert children == 2


def test_other_arguments_build_in_full():
    _inside_rolled_back(lambda: _tree_with_two_pieces("Politik"))
    (_, after) = _inside_rolled_back(lambda: _tree_with_two_pieces("Kultur"))

    assert builds == ["Politik", "Kultur"]
    assert any("Kultur" in repr(rows) for rows in after.values())


def test_a_database_that_differs_where_the_build_looked_builds_in_full():
    _inside_rolled_back(lambda: _tree_with_two_pieces("Politik"))

    def with_a_page_already_there():
        wagtail_baseline().add_child(instance=Page(title="Redan här", slug="redan-har"))
        return _tree_with_two_pieces("Politik")

    (result, after) = _inside_rolled_back(with_a_page_already_there)

    assert builds == ["Politik", "Politik"]  # the page in the way: built again, around it
    assert any("Redan här" in repr(rows) for rows in after.values())
    assert [piece.title for piece in result["pieces"]] == ["Första", "Andra"]


def test_a_replayed_site_is_found_by_its_pages_even_if_the_old_one_was_looked_up():
    """The build's Site save cleared Wagtail's cached site root paths; a replay must too."""
    _inside_rolled_back(site_tree)

    def look_up_the_migrated_site_then_replay():
        Site.get_site_root_paths()  # kept in the cache: the site as the migrations left it
        return site_tree()["sections"][0].url

    (url, _) = _inside_rolled_back(look_up_the_migrated_site_then_replay)
    assert url == "/sektion-1/"
