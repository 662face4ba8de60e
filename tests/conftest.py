import pytest

from tests.caching import clear_cache
from tests.factories import ArticlePageFactory, AuthorPageFactory, site_tree


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: ids are reused after each test's rollback,
    so a fragment cached by one test would otherwise show up in the next."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def tree(db):
    """The publication skeleton: home, issue archive, author index, one section."""
    return site_tree()


@pytest.fixture
def article(tree):
    """A published metered-by-default article with an author, in the first section."""
    author = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    return ArticlePageFactory(parent=tree["sections"][0], author=author)
