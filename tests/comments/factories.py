"""Comments for tests, stored as the posting path stores them (path, html, thread count)."""

import factory
from django.utils import timezone

from utgivare.comments import threads
from utgivare.comments.models import Comment, CommentSettings
from utgivare.comments.moderation import Status
from utgivare.comments.threading import MAX_SUPPORTED_DEPTH


class CommentFactory(factory.django.DjangoModelFactory):
    """Pass page=<page>; optionally parent=<comment> (nests under it, as a reply)."""

    class Meta:
        model = Comment

    author_name = factory.Sequence(lambda n: f"Läsare {n}")
    author_email = factory.Sequence(lambda n: f"lasare{n}@example.org")
    text = factory.Sequence(lambda n: f"Kommentar nummer {n} om kommunens budget.")
    status = Status.APPROVED
    created_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *_args, page, parent=None, recount=True, **kwargs):
        # Nests right under `parent` at any depth a test builds (the site's
        # max_depth is the posting path's business).
        comment = threads.add_comment(page.pk, parent, max_depth=MAX_SUPPORTED_DEPTH, **kwargs)
        if recount:
            threads.recount(comment.page_id)
        return comment


def comment_settings(site, **values) -> CommentSettings:
    """The site's comment settings with some values changed (and saved)."""
    settings = CommentSettings.for_site(site)
    for key, value in values.items():
        setattr(settings, key, value)
    settings.save()
    return settings


def make_user(**kwargs):
    """A saved user (UserFactory skips the save after setting the password, which
    would log a force_login'ed client straight out again)."""
    from tests.factories import UserFactory

    user = UserFactory(**kwargs)
    user.save()
    return user
