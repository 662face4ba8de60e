import pytest

from tests.factories import ArticlePageFactory, AuthorPageFactory, site_tree


@pytest.fixture
def tree(db):
    """The publication skeleton: home, issue archive, author index, one section."""
    return site_tree()


@pytest.fixture
def article(tree):
    """A published metered-by-default article with an author, in the first section."""
    author = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    return ArticlePageFactory(parent=tree["sections"][0], author=author)
