import pytest

from tests.factories import AuthorPageFactory

from .factories import BlogIndexPageFactory, BlogPageFactory


@pytest.fixture
def writer(tree):
    return AuthorPageFactory(parent=tree["authors"], title="Karin Lund", slug="karin-lund")


@pytest.fixture
def blog(tree, writer):
    index = BlogIndexPageFactory(parent=tree["home"])
    return BlogPageFactory(parent=index, title="Karins blogg", slug="karin", writer=writer)
