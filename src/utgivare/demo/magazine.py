"""Load the demo magazine "Norrviks Kurir" into the page tree.

`load_magazine()` can be run any number of times: each page is looked up by its
slug under its parent and only created when missing, so an editor's changes in
the admin survive a second `make demo`. With `refresh=True` the pages are
brought back to what the content files say (a new revision, published).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page, Site

from utgivare.core.models import ImprintSettings
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

from . import photos
from .content import CONTENT_DIR, STOCKHOLM, ArticleSource, load_content, stream_data

PUBLICATION_NAME = "Norrviks Kurir"
TAGLINE = "Oberoende lokalpolitisk tidskrift för Norrvik sedan 2009"
CONTACT_EMAIL = "redaktionen@norrvikskurir.example"
HOME_INTRO = (
    "Norrviks Kurir granskar makten i Stadshuset, läser protokollen som ingen annan "
    "orkar läsa och låter alltid den som kritiseras svara. Tio nummer om året, "
    "och däremellan på webben."
)
ISSUES_INTRO = "Alla nummer av Norrviks Kurir, det senaste först."
AUTHORS_INTRO = "Redaktionen: de som skriver, fotograferar och svarar för tidskriften."
POSTAL_ADDRESS = "Norrviks Kurir\nStorgatan 14, 2 tr\n871 90 Norrvik"
CORRECTIONS_POLICY = (
    "Vi rättar sakfel så snart vi upptäcker dem, och skriver ut vad som rättats och när "
    "under artikeln. Den som har blivit kritiserad i Norrviks Kurir har rätt att bemöta "
    "kritiken: skicka ditt genmäle till redaktionen@norrvikskurir.example, så publicerar "
    "vi det i rimlig anslutning till artikeln, i samma kanal. Ansvarig utgivare prövar "
    "varje begäran och svarar inom två arbetsdagar."
)
# Wagtail's own start page, which the magazine's home page replaces as the site root.
WAGTAIL_WELCOME_SLUG = "home"
ISSUE_RELEASE_TIME = dt.time(6, 0)


@dataclass
class Report:
    """What a run did, for the command's summary."""

    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    images_created: int = 0

    def count(self, kind: str, created: bool, updated: bool = False):
        if created:
            self.created[kind] += 1
        elif updated:
            self.updated[kind] += 1
        else:
            self.existing[kind] += 1


def image_scale_setting() -> float:
    return float(getattr(settings, "UTGIVARE_DEMO_IMAGE_SCALE", 1.0))


def load_magazine(
    *, content_dir: Path = CONTENT_DIR, image_scale: float | None = None, refresh: bool = False
) -> dict:
    """Create (or find) the whole magazine. Returns its pages by slug and number."""
    content = load_content(content_dir)
    loader = _Loader(
        scale=image_scale if image_scale is not None else image_scale_setting(), refresh=refresh
    )
    home = loader.home()
    site = loader.site(home)
    sections = {
        source.slug: loader.child(
            home,
            SectionPage,
            source.slug,
            "sections",
            title=source.title,
            intro=source.intro,
            show_in_menus=True,
        )
        for source in content.sections
    }
    issue_index = loader.child(
        home,
        IssueIndexPage,
        "nummer",
        "issue index",
        title="Nummer",
        intro=ISSUES_INTRO,
        show_in_menus=True,
    )
    author_index = loader.child(
        home,
        AuthorIndexPage,
        "skribenter",
        "author index",
        title="Skribenter",
        intro=AUTHORS_INTRO,
        show_in_menus=True,
    )
    authors = {source.slug: loader.author(author_index, source) for source in content.authors}
    articles = {
        source.slug: loader.article(sections[source.section], authors[source.author], source)
        for source in content.articles
    }
    cover_motifs = choose_cover_motifs(content)
    issues = {
        source.number: loader.issue(
            issue_index,
            source,
            [(a.order, articles[a.slug]) for a in content.articles if a.issue == source.number],
            cover_motif=cover_motifs[source.number],
        )
        for source in content.issues
    }
    responsible = next(a.slug for a in content.authors if a.responsible_publisher)
    loader.imprint(site, authors[responsible])
    return {
        "home": home,
        "site": site,
        "authors": authors,
        "sections": sections,
        "issues": issues,
        "articles": articles,
        "report": loader.report,
    }


def choose_cover_motifs(content) -> dict[int, str]:
    """Each issue's cover shows a motif from its own articles, if possible one no
    earlier issue's cover has used, so the archive does not repeat itself."""
    used: set[str] = set()
    chosen = {}
    for issue in sorted(content.issues, key=lambda i: i.number):
        motifs = [
            a.photo_motif
            for a in sorted(content.articles, key=lambda a: a.order)
            if a.issue == issue.number
        ] or ["harbour"]
        chosen[issue.number] = next((m for m in motifs if m not in used), motifs[0])
        used.add(chosen[issue.number])
    return chosen


class _Loader:
    def __init__(self, scale: float, refresh: bool):
        self.scale = scale
        self.refresh = refresh
        self.report = Report()

    # --- images -------------------------------------------------------------------

    def image(self, title: str, filename: str, make_bytes):
        image, created = photos.store_image(title, filename, make_bytes)
        self.report.images_created += created
        return image

    # --- pages --------------------------------------------------------------------

    def child(self, parent: Page, model, slug: str, kind: str, **fields):
        """The page of this type and slug under parent, created and published if missing."""
        existing = Page.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            page = existing.specific
            if not isinstance(page, model):
                raise ValueError(
                    f"Sidan /{slug}/ finns redan men är inte en {model._meta.verbose_name}"
                )
            if self.refresh:
                page = page.get_latest_revision_as_object()
                for name, value in fields.items():
                    setattr(page, name, value)
                page.save_revision().publish()
            self.report.count(kind, created=False, updated=self.refresh)
            return page
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.report.count(kind, created=True)
        return page

    def home(self) -> HomePage:
        existing = HomePage.objects.first()
        if existing is not None:
            self.report.count("home", created=False)
            return existing
        root = Page.get_first_root_node()
        return self.child(
            root, HomePage, "norrviks-kurir", "home", title=PUBLICATION_NAME, intro=HOME_INTRO
        )

    def site(self, home: HomePage) -> Site:
        """Make the home page the default site's root, and drop Wagtail's welcome page."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        # Canonical and Open Graph URLs are built from the site's host and port.
        address = urlsplit(settings.SITE_URL)
        hostname = address.hostname or "localhost"
        port = address.port or (443 if address.scheme == "https" else 80)
        wanted = (home.pk, PUBLICATION_NAME, hostname, port)
        if (site.root_page_id, site.site_name, site.hostname, site.port) != wanted:
            site.root_page = home
            site.site_name = PUBLICATION_NAME
            site.hostname, site.port = hostname, port
            site.save()
        welcome = (
            Page.objects.filter(depth=2, slug=WAGTAIL_WELCOME_SLUG)
            .exclude(pk=home.pk)
            .filter(content_type__model="page", content_type__app_label="wagtailcore")
            .first()
        )
        if welcome and welcome.numchild == 0 and not Site.objects.filter(root_page=welcome):
            welcome.delete()
        return site

    def author(self, index: AuthorIndexPage, source) -> AuthorPage:
        portrait = self.image(
            f"Porträtt: {source.name}",
            f"portratt-{source.slug}.jpg",
            lambda: photos.portrait_photo(source.slug, scale=self.scale),
        )
        return self.child(
            index,
            AuthorPage,
            source.slug,
            "authors",
            title=source.name,
            role=source.role,
            bio=f"<p>{escape(source.bio)}</p>",
            public_email=source.email,
            photo=portrait,
        )

    def article(self, section: SectionPage, author: AuthorPage, source: ArticleSource):
        existing = ArticlePage.objects.child_of(section).filter(slug=source.slug).first()
        if existing is not None and not self.refresh:
            self.report.count("articles", created=False)
            return existing
        hero = self.image(
            f"Huvudbild: {source.title}"[:255],
            f"{source.slug}.jpg",
            lambda: photos.hero_photo(source.photo_motif, source.slug, scale=self.scale),
        )

        def body_image(picture):
            return self.image(
                f"Bild: {picture.caption or picture.motif} ({source.slug})"[:255],
                f"{source.slug}-{picture.motif}.jpg",
                lambda: photos.hero_photo(
                    picture.motif, f"{source.slug}/{picture.caption}", scale=self.scale
                ),
            )

        fields = dict(
            title=source.title,
            lead=source.lead,
            author=author,
            hero_image=hero,
            hero_caption=source.photo_caption,
            hero_photographer=source.photographer,
            hero_alt=source.photo_alt,
            body=json.dumps(stream_data(source.body, image_for=body_image)),
            access_level=source.access,
        )
        page = self.child(section, ArticlePage, source.slug, "articles", **fields)
        # The magazine's own history: when the piece first came out, and its last update.
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=source.published,
            last_published_at=source.updated or source.published,
            latest_revision_created_at=source.updated or source.published,
        )
        page.refresh_from_db()
        return page

    def issue(self, index: IssueIndexPage, source, numbered_articles, cover_motif: str):
        cover = self.image(
            f"Omslag: #{source.number} {source.title}"[:255],
            f"omslag-{source.number}.jpg",
            lambda: photos.cover_photo(
                source.number, source.title, PUBLICATION_NAME, cover_motif, scale=self.scale
            ),
        )
        released = dt.datetime.combine(source.date, ISSUE_RELEASE_TIME, tzinfo=STOCKHOLM)
        page = self.child(
            index,
            IssuePage,
            str(source.number),
            "issues",
            title=source.title,
            number=source.number,
            publication_date=source.date,
            summary=source.summary,
            cover_image=cover,
        )
        self.place_articles(page, numbered_articles)
        # A new issue page came out on the issue's release day, not today.
        IssuePage.objects.filter(pk=page.pk, first_published_at__gt=released).update(
            first_published_at=released, last_published_at=released
        )
        page.refresh_from_db()
        return page

    def place_articles(self, issue: IssuePage, numbered_articles) -> bool:
        """Put the issue's articles in its contents, in file order; True if anything changed.

        Articles an editor has already placed in some issue stay where they are, and
        so do articles an editor added to this issue.
        """
        placed = set(IssuePlacement.objects.values_list("article_id", flat=True))
        missing = [(n, a) for n, a in numbered_articles if a.pk not in placed]
        if not missing:
            return False
        issue = issue.get_latest_revision_as_object()
        file_order = {article.pk: n for n, article in numbered_articles}
        placements = list(issue.placements.all()) + [
            IssuePlacement(article=article) for _, article in missing
        ]
        placements.sort(key=lambda p: (file_order.get(p.article_id, 10_000), p.sort_order or 0))
        for position, placement in enumerate(placements):
            placement.sort_order = position
        issue.placements = placements
        issue.save_revision().publish()
        self.report.updated["issue contents"] += 1
        return True

    def imprint(self, site: Site, responsible: AuthorPage):
        imprint = ImprintSettings.for_site(site)
        unset = imprint.responsible_publisher_id is None or imprint.publication_name in (
            "",
            "Utgivare",
        )
        if not (unset or self.refresh):
            return imprint
        imprint.publication_name = PUBLICATION_NAME
        imprint.tagline = TAGLINE
        imprint.responsible_publisher = responsible
        imprint.contact_email = CONTACT_EMAIL
        imprint.postal_address = POSTAL_ADDRESS
        imprint.has_publishing_certificate = True
        imprint.corrections_policy = CORRECTIONS_POLICY
        imprint.save()
        self.report.updated["imprint"] += 1
        return imprint
