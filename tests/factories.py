"""factory-boy factories for the publication's page tree.

Pages are created as children of their `parent` (Wagtail's tree needs
add_child). `site_tree()` builds the usual skeleton under the default Site.
"""

import datetime as dt
import io
import itertools
import json

import factory
from asgiref.local import Local
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch import index as search_index
from modelsearch import signal_handlers as search_signal_handlers
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from tests.replay import replayed
from utgivare.publication.models import (
    ArticlePage,
    AuthorIndexPage,
    AuthorPage,
    HomePage,
    IssueIndexPage,
    IssuePage,
    IssuePlacement,
    SectionPage,
)

_counter = itertools.count(1)


def png_bytes(width=64, height=40, color=(120, 30, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"Bild {n}")
    file = factory.LazyFunction(
        lambda: ImageFile(io.BytesIO(png_bytes()), name=f"bild-{next(_counter)}.png")
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"reader{n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    password = factory.django.Password("correct horse battery")


# Set (in this thread only) while a factory saves a page it is about to publish.
_publish_follows = Local()


def _search_index_on_save(instance, **kwargs):
    """modelsearch's post_save handler, skipped for the saves a factory makes just before
    it publishes: the publish saves the page again, and that save indexes it from its
    final fields."""
    if not getattr(_publish_follows, "value", False):
        search_signal_handlers.post_save_signal_handler(instance, **kwargs)


def route_search_index_updates_through_factories() -> None:
    """Put `_search_index_on_save` in place of modelsearch's handler for every indexed model.

    Creating a page saves it three times (add_child, save_revision, publish), and each
    save re-indexed it for search and for Wagtail's reference index (a third of the CPU a
    page's creation took, and page creation was most of the suite's). The index rows
    after the publish are the same either way; a page saved by the code under test, the
    live server's thread included, is indexed on every save as before."""
    for model in search_index.get_indexed_models():
        if post_save.disconnect(search_signal_handlers.post_save_signal_handler, sender=model):
            post_save.connect(_search_index_on_save, sender=model)


class PageFactory(factory.django.DjangoModelFactory):
    """Base: pass parent=<page>; the new page is added (and published) under it."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Sida {n}")
    slug = factory.LazyAttribute(lambda o: f"sida-{next(_counter)}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        # The search and reference indexes are brought up to date by the publish's save
        # (see route_search_index_updates_through_factories).
        _publish_follows.value = True
        try:
            with disable_reference_index_auto_update():
                parent.add_child(instance=page)
                revision = page.save_revision()
        finally:
            _publish_follows.value = False
        revision.publish()
        page.refresh_from_db()
        return page


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Startsida"


class SectionPageFactory(PageFactory):
    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Sektion {n}")
    show_in_menus = True


class IssueIndexPageFactory(PageFactory):
    class Meta:
        model = IssueIndexPage

    title = "Nummer"
    slug = "nummer"
    show_in_menus = True


class AuthorIndexPageFactory(PageFactory):
    class Meta:
        model = AuthorIndexPage

    title = "Skribenter"
    slug = "skribenter"


class AuthorPageFactory(PageFactory):
    class Meta:
        model = AuthorPage

    title = factory.Sequence(lambda n: f"Skribent {n}")
    role = "Reporter"
    bio = "<p>Skriver om kommunalpolitik.</p>"


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def article_body(*paragraphs, heading="Bakgrund", quote=None):
    blocks = [paragraph(paragraphs[0])] if paragraphs else []
    blocks.append({"type": "heading", "value": heading})
    blocks.extend(paragraph(text) for text in paragraphs[1:])
    if quote:
        blocks.append({"type": "quote", "value": {"text": quote, "attribution": "Protokollet"}})
    return json.dumps(blocks)


class ArticlePageFactory(PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Artikel {n} om kommunens budget")
    lead = "Kommunstyrelsen drog tillbaka förslaget efter kritik från revisorerna."
    body = factory.LazyFunction(
        lambda: article_body(
            "Första stycket berättar vad som hände i fullmäktige i tisdags.",
            "Andra stycket visar vad handlingarna säger om upphandlingen.",
            "Tredje stycket citerar revisionsrapporten i sin helhet.",
            quote="Nämnden har inte följt lagen om offentlig upphandling.",
        )
    )
    hero_caption = "Stadshuset en vinterkväll."
    hero_photographer = "Ada Fotograf"
    first_published_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, parent=None, issue=None, **kwargs):
        first_published_at = kwargs.pop("first_published_at", None)
        page = super()._create(model_class, *args, parent=parent, **kwargs)
        if first_published_at:
            ArticlePage.objects.filter(pk=page.pk).update(first_published_at=first_published_at)
            page.first_published_at = first_published_at
        if issue is not None:
            IssuePlacement.objects.create(
                issue=issue, article=page, sort_order=issue.placements.count()
            )
        return page


class IssuePageFactory(PageFactory):
    class Meta:
        model = IssuePage

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.LazyAttribute(lambda o: f"Nummer {o.number}")
    slug = factory.LazyAttribute(lambda o: str(o.number))
    publication_date = factory.LazyFunction(lambda: dt.date(2026, 10, 1))


def wagtail_baseline():
    """The rows Wagtail's migrations make (locale, root collection, root page); returns the root.

    Transactional tests (browser, concurrency) end with a flush that empties every
    table and re-creates content types with new ids. We rebuild the baseline here
    rather than use serialized_rollback, which does not survive Playwright's
    greenlets swapping Django's per-context database connection.
    """
    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(language_code="sv")
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(title="Root", slug="root")


@replayed
def site_tree(sections=1):
    """Home page as the default site's root, with issue archive, authors and sections.

    Built in full once per test process, then replayed (tests/replay.py)."""
    root = wagtail_baseline()
    home = HomePageFactory(parent=root, slug="hem")
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.root_page = home
    site.hostname = "testserver"
    site.port = 80
    site.save()
    return {
        "site": site,
        "home": home,
        "issues": IssueIndexPageFactory(parent=home),
        "authors": AuthorIndexPageFactory(parent=home),
        "sections": [
            SectionPageFactory(parent=home, title=f"Sektion {i}", slug=f"sektion-{i}")
            for i in range(1, sections + 1)
        ],
    }
