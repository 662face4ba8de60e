"""Load the demo magazine "Norrviks Kurir" into the page tree.

What to load is in content/ (see content/README.md): magazine.json, authors/,
articles/ and pictures/. `load_magazine()` can be run any number of times:
each page is looked up by its slug under its parent and only created when
missing, so an editor's changes in the admin survive a second `make demo`.
With `refresh=True` the pages are brought back to what the content files say
(a new revision, published).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.models import Collection, Page, Site

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

from .content import (
    CONTENT_DIR,
    STOCKHOLM,
    ContentError,
    body_data,
    paragraphs_html,
    parse_time,
    read_markdown,
)

# Wagtail's own start page, which the magazine's home page replaces as the site root.
WAGTAIL_WELCOME_SLUG = "home"
ISSUE_RELEASE_TIME = dt.time(6, 0)
COLLECTION_NAME = "Norrviks Kurir (demo)"
ARTICLE_KEYS = ("title", "slug", "section", "author", "access", "published", "photo", "lead")


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


def load_magazine(*, content_dir: Path = CONTENT_DIR, refresh: bool = False) -> dict:
    """Create (or find) the whole magazine. Returns its pages by slug and number."""
    content_dir = Path(content_dir)
    magazine = json.loads((content_dir / "magazine.json").read_text(encoding="utf-8"))
    publication = magazine["publication"]
    loader = _Loader(refresh=refresh)
    home = loader.home(publication)
    site = loader.site(home, publication["name"])
    sections = {
        source["slug"]: loader.child(
            home,
            SectionPage,
            source["slug"],
            "sections",
            title=source["title"],
            intro=source["intro"],
            show_in_menus=True,
        )
        for source in magazine["sections"]
    }
    issue_index = loader.child(
        home,
        IssueIndexPage,
        "nummer",
        "issue index",
        title="Nummer",
        intro=publication["issues_intro"],
        show_in_menus=True,
    )
    author_index = loader.child(
        home,
        AuthorIndexPage,
        "skribenter",
        "author index",
        title="Skribenter",
        intro=publication["authors_intro"],
        show_in_menus=True,
    )
    authors, responsible = {}, []
    for path in sorted((content_dir / "authors").glob("*.md")):
        meta, bio = read_markdown(path, ("slug", "name", "role"))
        # A signature has no portrait and no e-mail of its own (publication.signature_problems).
        if meta.get("signature") != "yes" and not (meta.get("email") and meta.get("photo")):
            raise ContentError(f"{path.name}: saknar email eller photo")
        authors[meta["slug"]] = loader.author(author_index, path, meta, bio)
        if meta.get("responsible_publisher") == "yes":
            responsible.append(authors[meta["slug"]])
    if len(responsible) != 1:
        raise ContentError("authors/: exakt en skribent ska vara responsible_publisher: yes")
    issue_numbers = {source["number"] for source in magazine["issues"]}
    articles, contents = {}, {number: [] for number in issue_numbers}
    for path in sorted((content_dir / "articles").glob("*.md")):
        meta, body = read_markdown(path, ARTICLE_KEYS)
        if meta["section"] not in sections or meta["author"] not in authors:
            raise ContentError(f"{path.name}: okänd sektion eller skribent")
        if meta.get("issue") and int(meta["issue"]) not in issue_numbers:
            raise ContentError(f"{path.name}: okänt nummer {meta['issue']}")
        page = loader.article(sections[meta["section"]], authors[meta["author"]], path, meta, body)
        articles[meta["slug"]] = page
        if meta.get("issue"):
            # The file name's number is the article's place in its issue.
            contents[int(meta["issue"])].append((int(path.name.split("-")[0]), page))
    issues = {
        source["number"]: loader.issue(
            issue_index, source, contents[source["number"]], content_dir / source["cover"]
        )
        for source in magazine["issues"]
    }
    loader.imprint(site, responsible[0], publication)
    return {
        "home": home,
        "site": site,
        "authors": authors,
        "sections": sections,
        "issues": issues,
        "articles": articles,
        "report": loader.report,
    }


class _Loader:
    def __init__(self, refresh: bool):
        self.refresh = refresh
        self.report = Report()
        self.collection = None

    def image(self, title: str, path: Path) -> Image:
        """The demo image with this title, stored from the picture file only if missing."""
        if self.collection is None:
            self.collection = Collection.objects.filter(name=COLLECTION_NAME).first()
            self.collection = self.collection or Collection.get_first_root_node().add_child(
                name=COLLECTION_NAME
            )
        title = title[:255]
        image = Image.objects.filter(title=title, collection=self.collection).first()
        if image is None:
            if not path.is_file():
                raise ContentError(f"bilden {path.name} finns inte")
            image = Image(title=title, collection=self.collection)
            with path.open("rb") as file:
                image.file = ImageFile(file, name=path.name)
                image._set_image_file_metadata()
                image.save()
            self.report.images_created += 1
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

    def home(self, publication: dict) -> HomePage:
        existing = HomePage.objects.first()
        if existing is not None:
            self.report.count("home", created=False)
            return existing
        root = Page.get_first_root_node()
        return self.child(
            root,
            HomePage,
            "norrviks-kurir",
            "home",
            title=publication["name"],
            intro=publication["home_intro"],
        )

    def site(self, home: HomePage, name: str) -> Site:
        """Make the home page the default site's root, and drop Wagtail's welcome page."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        # Canonical and Open Graph URLs are built from the site's host and port.
        address = urlsplit(settings.SITE_URL)
        hostname = address.hostname or "localhost"
        port = address.port or (443 if address.scheme == "https" else 80)
        wanted = (home.pk, name, hostname, port)
        if (site.root_page_id, site.site_name, site.hostname, site.port) != wanted:
            site.root_page = home
            site.site_name = name
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

    def author(self, index: AuthorIndexPage, path: Path, meta: dict, bio: str) -> AuthorPage:
        if meta.get("signature") == "yes":
            # The name in the file is the signature; the real name is sealed by
            # demo.integrity with the signatures feature, never written here.
            return self.child(
                index,
                AuthorPage,
                meta["slug"],
                "authors",
                title=meta["name"],
                role=meta["role"],
                bio=paragraphs_html(bio),
                is_signature=True,
            )
        return self.child(
            index,
            AuthorPage,
            meta["slug"],
            "authors",
            title=meta["name"],
            role=meta["role"],
            bio=paragraphs_html(bio),
            public_email=meta["email"],
            photo=self.image(f"Porträtt: {meta['name']}", path.parent / meta["photo"]),
        )

    def article(self, section, author, path: Path, meta: dict, body: str) -> ArticlePage:
        existing = ArticlePage.objects.child_of(section).filter(slug=meta["slug"]).first()
        if existing is not None and not self.refresh:
            self.report.count("articles", created=False)
            return existing

        def body_image(src: str, caption: str) -> Image:
            title = f"Bild: {caption} ({meta['slug']})"
            return self.image(title, path.parent / src)

        published = parse_time(meta["published"])
        updated = parse_time(meta["updated"]) if meta.get("updated") else published
        page = self.child(
            section,
            ArticlePage,
            meta["slug"],
            "articles",
            title=meta["title"],
            lead=meta["lead"],
            author=author,
            hero_image=self.image(f"Huvudbild: {meta['title']}", path.parent / meta["photo"]),
            hero_caption=meta.get("photo_caption", ""),
            hero_photographer=meta.get("photographer", ""),
            hero_alt=meta.get("photo_alt", ""),
            body=json.dumps(body_data(body, image_for=body_image)),
            access_level=meta["access"],
        )
        # The magazine's own history: when the piece first came out, and its last update.
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=published,
            last_published_at=updated,
            latest_revision_created_at=updated,
        )
        page.refresh_from_db()
        return page

    def issue(self, index: IssueIndexPage, source: dict, numbered_articles, cover: Path):
        date = dt.date.fromisoformat(source["date"])
        page = self.child(
            index,
            IssuePage,
            str(source["number"]),
            "issues",
            title=source["title"],
            number=source["number"],
            publication_date=date,
            summary=source["summary"],
            cover_image=self.image(f"Omslag: #{source['number']} {source['title']}", cover),
        )
        self.place_articles(page, numbered_articles)
        # A new issue page came out on the issue's release day, not today.
        released = dt.datetime.combine(date, ISSUE_RELEASE_TIME, tzinfo=STOCKHOLM)
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

    def imprint(self, site: Site, responsible: AuthorPage, publication: dict):
        imprint = ImprintSettings.for_site(site)
        unset = imprint.responsible_publisher_id is None or imprint.publication_name in (
            "",
            "Utgivare",
        )
        if not (unset or self.refresh):
            return imprint
        imprint.publication_name = publication["name"]
        imprint.tagline = publication["tagline"]
        imprint.responsible_publisher = responsible
        imprint.contact_email = publication["contact_email"]
        imprint.postal_address = publication["postal_address"]
        imprint.has_publishing_certificate = True
        imprint.corrections_policy = publication["corrections_policy"]
        imprint.save()
        self.report.updated["imprint"] += 1
        return imprint
