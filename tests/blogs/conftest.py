import pytest

from tests.factories import AuthorPageFactory
from tests.replay import replayed

from .factories import BlogIndexPageFactory, BlogPageFactory


@replayed
def _writer_in(authors):
    return AuthorPageFactory(parent=authors, title="Karin Lund", slug="karin-lund")


@pytest.fixture
def writer(tree):
    return _writer_in(tree["authors"])


@replayed
def _blog_of(home, writer):
    index = BlogIndexPageFactory(parent=home)
    return BlogPageFactory(parent=index, title="Karins blogg", slug="karin", writer=writer)


@pytest.fixture
def blog(tree, writer):
    return _blog_of(tree["home"], writer)
