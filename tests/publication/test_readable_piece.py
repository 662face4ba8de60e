"""Articles and blog posts are one kind of page to the paywall, feeds and search:
`ReadablePiece` owns their lead, body, access level and word count."""

import pytest
from django.test.utils import isolate_apps

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.factories import ArticlePageFactory, AuthorPageFactory, article_body
from utgivare.blogs.models import BlogPostPage
from utgivare.publication.models import ArticlePage
from utgivare.publication.pieces import ReadablePiece

SHARED_FIELDS = ("lead", "body", "access_level", "word_count")


@pytest.mark.parametrize("model", [ArticlePage, BlogPostPage])
def test_every_piece_has_the_shared_fields_searchable_and_checked(model):
    assert issubclass(model, ReadablePiece)
    for name in SHARED_FIELDS:
        assert model._meta.get_field(name).model is model
    searched = {field.field_name for field in model.search_fields}
    assert {"title", "lead", "body", "access_level"} <= searched
    assert [e for e in model.check() if e.id == "publication.E001"] == []


def test_reading_time_counts_lead_and_body_on_blog_posts_as_on_articles(tree):
    lead = "En ingress på sju ord om hamnen."
    body = article_body("Fyra ord i stycket.", heading="Bakgrund")
    article = ArticlePageFactory(parent=tree["sections"][0], lead=lead, body=body)
    writer = AuthorPageFactory(parent=tree["authors"])
    blog = BlogPageFactory(parent=BlogIndexPageFactory(parent=tree["home"]), writer=writer)
    post = BlogPostPageFactory(parent=blog, lead=lead, body=body)
    assert article.word_count == post.word_count == 7 + 4 + 1


@isolate_apps("utgivare.publication")
def test_a_piece_without_a_paywall_content_type_fails_the_system_check():
    class PieceWithoutType(ReadablePiece):
        class Meta:
            app_label = "publication"

    class PieceWithUnknownType(ReadablePiece):
        paywall_content_type = "newsletter"

        class Meta:
            app_label = "publication"

    for model in (PieceWithoutType, PieceWithUnknownType):
        assert "publication.E001" in {error.id for error in model.check()}
