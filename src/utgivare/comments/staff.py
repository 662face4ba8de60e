"""Who is staff in a discussion: the piece's author and the ansvarig utgivare
(badges, reserved names, trust), and who may moderate."""

from dataclasses import dataclass

from utgivare.publication.models import AuthorPage


def is_moderator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("comments.moderate_comment"))


@dataclass(frozen=True)
class Staff:
    """The piece's author and the ansvarig utgivare, as far as the thread needs them."""

    author_user_id: int | None = None
    author_name: str = ""
    publisher_user_id: int | None = None
    publisher_name: str = ""

    @property
    def reserved_names(self) -> tuple[str, ...]:
        return tuple(name for name in (self.author_name, self.publisher_name) if name)

    def badges(self, user_id) -> tuple[str, ...]:
        """Badge codes for a comment by `user_id`: "author", "publisher"."""
        if not user_id:
            return ()
        found = []
        if user_id == self.author_user_id:
            found.append("author")
        if user_id == self.publisher_user_id:
            found.append("publisher")
        return tuple(found)

    @property
    def cache_key(self) -> str:
        return f"{self.author_user_id or 0}-{self.publisher_user_id or 0}"


def _loaded(instance, field):
    """(pk, (user_id, title)) of an AuthorPage already joined into `instance`, if it is."""
    found = instance._state.fields_cache.get(field) if instance is not None else None
    return {found.pk: (found.user_id, found.title)} if found is not None else {}


def staff_for(piece, imprint) -> Staff:
    """At most one query for both AuthorPages (the piece's `author_id`, the imprint's
    publisher); none for one already joined in (a routed article's author)."""
    author_id = getattr(piece, "author_id", None)
    publisher_id = imprint.responsible_publisher_id if imprint else None
    rows = {**_loaded(piece, "author"), **_loaded(imprint, "responsible_publisher")}
    ids = {pk for pk in (author_id, publisher_id) if pk and pk not in rows}
    if ids:
        rows |= {
            pk: (user_id, title)
            for pk, user_id, title in AuthorPage.objects.filter(pk__in=ids).values_list(
                "pk", "user_id", "title"
            )
        }
    author = rows.get(author_id, (None, ""))
    publisher = rows.get(publisher_id, (None, ""))
    return Staff(
        author_user_id=author[0],
        author_name=author[1],
        publisher_user_id=publisher[0],
        publisher_name=publisher[1],
    )
