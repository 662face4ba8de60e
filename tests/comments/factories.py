"""Comments for tests, stored as the posting path stores them (path, html, thread count)."""

import factory
from django.utils import timezone

from utgivare.comments import comment_text, services
from utgivare.comments.models import Comment, CommentSettings
from utgivare.comments.moderation import Status
from utgivare.comments.threading import child_path


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
    def _create(cls, model_class, *args, parent=None, recount=True, **kwargs):
        kwargs.setdefault("text_html", comment_text.render(kwargs["text"]))
        if parent is not None:
            kwargs.setdefault("in_reply_to", parent)
            kwargs["depth"] = parent.depth + 1
        comment = model_class(*args, parent=parent, thread_path="", **kwargs)
        comment.save()
        comment.thread_path = child_path(parent.thread_path if parent else "", comment.pk)
        comment.save(update_fields=["thread_path"])
        if recount:
            services.recount(comment.page_id)
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
