"""The demo magazine's content files, parsed into plain frozen dataclasses.

The files (see content/FORMAT.md) are written by people, in Swedish, in a tiny
Markdown-like syntax. This module only reads them and turns article bodies into
the raw StreamField data that `publication.blocks.BodyBlock` stores; creating
pages is `magazine.py`'s job.

Everything a writer types ends up escaped: the only HTML in a paragraph is the
<p>, <b>, <i> and <a href> this module writes itself.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
ACCESS_LEVELS = ("free", "metered", "subscribers")
# Links in demo text may only point somewhere a reader can safely go.
SAFE_URL = re.compile(r"^(https?://|mailto:|/)[^\s\"'<>]*$", re.IGNORECASE)


# Control characters (other than tab and line breaks) have no place in text and are refused
# by the database and the editor's fields, so they are dropped on reading.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return CONTROL_CHARACTERS.sub("", text)


class ContentError(ValueError):
    """A content file that cannot be loaded; the message names the file and line."""


# --- Body blocks --------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str  # with inline markup: *kursiv*, **fet**, [text](url)


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str = ""


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Picture:
    """An image inside the body: `[[bild: motiv | bildtext | fotograf | alt]]`."""

    motif: str
    caption: str = ""
    photographer: str = ""
    alt: str = ""


Block = Heading | Paragraph | Quote | BulletList | Picture


# --- Sources ------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionSource:
    slug: str
    title: str
    intro: str


@dataclass(frozen=True)
class AuthorSource:
    slug: str
    name: str
    role: str
    email: str
    bio: str
    responsible_publisher: bool


@dataclass(frozen=True)
class IssueSource:
    number: int
    title: str
    date: dt.date
    summary: str


@dataclass(frozen=True)
class ArticleSource:
    filename: str
    title: str
    slug: str
    section: str
    issue: int | None
    author: str
    access: str
    published: dt.datetime  # aware, UTC
    updated: dt.datetime | None
    photo_motif: str
    photo_caption: str
    photographer: str
    photo_alt: str
    lead: str
    body: tuple[Block, ...] = field(repr=False)

    @property
    def order(self) -> int:
        """The number the file name starts with: the article's place in its issue."""
        match = re.match(r"\d+", self.filename)
        return int(match.group()) if match else 0


@dataclass(frozen=True)
class DemoContent:
    sections: tuple[SectionSource, ...]
    authors: tuple[AuthorSource, ...]
    issues: tuple[IssueSource, ...]
    articles: tuple[ArticleSource, ...]


# --- Table files (sections, authors, issues) ----------------------------------------


def _table_rows(text: str, name: str, columns: int):
    """(line number, cells) for each non-comment line of a `a | b | c` file."""
    for number, line in enumerate(normalise(text).split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        cells = [cell.strip() for cell in stripped.split("|")]
        if len(cells) != columns:
            raise ContentError(
                f"{name}:{number}: {columns} fält separerade med | väntades, fick {len(cells)}"
            )
        yield number, cells


def parse_sections(text: str, name: str = "sections.txt") -> tuple[SectionSource, ...]:
    return tuple(
        SectionSource(slug=slug, title=title, intro=intro)
        for _, (slug, title, intro) in _table_rows(text, name, 3)
    )


def parse_authors(text: str, name: str = "authors.txt") -> tuple[AuthorSource, ...]:
    authors = []
    for number, (slug, author, role, email, bio, responsible) in _table_rows(text, name, 6):
        if responsible.lower() not in ("yes", "no", "ja", "nej"):
            raise ContentError(f"{name}:{number}: ansvarig utgivare ska vara yes eller no")
        authors.append(
            AuthorSource(
                slug=slug,
                name=author,
                role=role,
                email=email,
                bio=bio,
                responsible_publisher=responsible.lower() in ("yes", "ja"),
            )
        )
    return tuple(authors)


def parse_issues(text: str, name: str = "issues.txt") -> tuple[IssueSource, ...]:
    issues = []
    for number, (issue_number, title, date, summary) in _table_rows(text, name, 4):
        try:
            issues.append(
                IssueSource(
                    number=int(issue_number.lstrip("#")),
                    title=title,
                    date=dt.date.fromisoformat(date),
                    summary=summary,
                )
            )
        except ValueError as error:
            raise ContentError(f"{name}:{number}: {error}") from error
    return tuple(issues)


# --- Articles -----------------------------------------------------------------------

REQUIRED_KEYS = (
    "title",
    "slug",
    "section",
    "author",
    "access",
    "published",
    "photo_motif",
    "photo_caption",
    "photographer",
    "lead",
)
OPTIONAL_KEYS = ("issue", "updated", "photo_alt")
# Values that are identifiers may carry a trailing "  # comment" (as in FORMAT.md);
# free text may not, since a caption can well mention "#179".
IDENTIFIER_KEYS = ("slug", "section", "issue", "author", "access", "published", "updated")
IDENTIFIER_KEYS += ("photo_motif",)
# What the page model's fields hold (ArticlePage, Page.slug).
MAX_LENGTHS = {
    "title": 255,
    "slug": 255,
    "photo_caption": 300,
    "photo_alt": 300,
    "photographer": 120,
}


def parse_time(value: str) -> dt.datetime:
    """'2026-10-14 07:30' in Stockholm time, as an aware UTC datetime."""
    local = dt.datetime.fromisoformat(value.strip())
    if local.tzinfo is None:
        local = local.replace(tzinfo=STOCKHOLM)
    return local.astimezone(dt.UTC)


def parse_article(text: str, filename: str = "artikel.txt") -> ArticleSource:
    lines = normalise(text).split("\n")
    try:
        separator = next(i for i, line in enumerate(lines) if line.strip() == "---")
    except StopIteration:
        raise ContentError(f"{filename}: raden --- mellan huvud och brödtext saknas") from None

    header: dict[str, str] = {}
    for number, line in enumerate(lines[:separator], start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        key = key.strip()
        if not colon or key not in REQUIRED_KEYS + OPTIONAL_KEYS:
            raise ContentError(f"{filename}:{number}: okänd rad i huvudet: {line!r}")
        value = value.strip()
        if key in IDENTIFIER_KEYS:
            value = re.sub(r"\s+#.*$", "", value)
        header[key] = value

    missing = [key for key in REQUIRED_KEYS if not header.get(key)]
    if missing:
        raise ContentError(f"{filename}: saknar {', '.join(missing)}")
    for key, limit in MAX_LENGTHS.items():
        if len(header.get(key, "")) > limit:
            raise ContentError(f"{filename}: {key} får vara högst {limit} tecken")
    if header["access"] not in ACCESS_LEVELS:
        raise ContentError(f"{filename}: access ska vara en av {', '.join(ACCESS_LEVELS)}")
    try:
        issue = int(header["issue"].lstrip("#")) if header.get("issue") else None
        published = parse_time(header["published"])
        updated = parse_time(header["updated"]) if header.get("updated") else None
    except ValueError as error:
        raise ContentError(f"{filename}: {error}") from error

    return ArticleSource(
        filename=filename,
        title=header["title"],
        slug=header["slug"],
        section=header["section"],
        issue=issue,
        author=header["author"],
        access=header["access"],
        published=published,
        updated=updated,
        photo_motif=header["photo_motif"],
        photo_caption=header["photo_caption"],
        photographer=header["photographer"],
        photo_alt=header.get("photo_alt", ""),
        lead=header["lead"],
        body=parse_body("\n".join(lines[separator + 1 :])),
    )


HEADING = re.compile(r"^#{2,3}\s+(.*)$")
QUOTE = re.compile(r"^>\s?(.*)$")
BULLET = re.compile(r"^[-*]\s+(.*)$")
NUMBERED = re.compile(r"^\d{1,2}[.)]\s+(.*)$")
ATTRIBUTION = re.compile(r"^(?:--|—)\s*(.*)$")
PICTURE = re.compile(r"^\[\[bild:(.*)\]\]$", re.IGNORECASE)


def parse_body(text: str) -> tuple[Block, ...]:
    """The body's blocks, read line by line.

    A blank line ends a block. Headings and pictures are one line each; quote and
    list lines gather into one block, and a plain line right after them continues
    the last quote line or list item (a soft line break).
    """
    blocks: list[Block] = []
    kind = None  # "paragraph" | "quote" | "bullet" | "numbered"
    lines: list[str] = []

    def flush():
        nonlocal kind, lines
        if kind == "paragraph":
            blocks.append(Paragraph(" ".join(lines)))
        elif kind == "quote":
            blocks.append(_quote(lines))
        elif kind in ("bullet", "numbered"):
            blocks.append(BulletList(tuple(lines), ordered=kind == "numbered"))
        kind, lines = None, []

    for raw in normalise(text).split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        if match := HEADING.match(line):
            flush()
            if match.group(1).strip():
                blocks.append(Heading(match.group(1).strip()))
            continue
        if match := PICTURE.match(line):
            flush()
            blocks.append(_picture(match.group(1)))
            continue
        for line_kind, pattern in (("quote", QUOTE), ("bullet", BULLET), ("numbered", NUMBERED)):
            if match := pattern.match(line):
                if kind != line_kind:
                    flush()
                    kind = line_kind
                lines.append(match.group(1).strip())
                break
        else:
            if kind is None:
                kind = "paragraph"
            if lines:
                lines[-1] = f"{lines[-1]} {line}".strip()
            else:
                lines.append(line)
    flush()
    return tuple(block for block in blocks if not _is_empty(block))


def _quote(lines: list[str]) -> Quote:
    attribution = ""
    if len(lines) > 1 and (match := ATTRIBUTION.match(lines[-1])):
        attribution = match.group(1).strip()
        lines = lines[:-1]
    # An empty "> " line separates the quote's own paragraphs.
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return Quote(text="\n".join(paragraphs), attribution=attribution)


def _picture(spec: str) -> Picture:
    parts = [part.strip() for part in spec.split("|")] + ["", "", "", ""]
    return Picture(motif=parts[0], caption=parts[1], photographer=parts[2], alt=parts[3])


def _is_empty(block: Block) -> bool:
    if isinstance(block, Paragraph):
        return not block.text.strip()
    if isinstance(block, Quote):
        return not block.text.strip()
    if isinstance(block, BulletList):
        return not any(item.strip() for item in block.items)
    return False


# --- Inline markup and StreamField data ---------------------------------------------

INLINE = re.compile(
    r"\[(?P<link_text>[^\[\]]+)\]\((?P<url>[^()\s]+)\)"
    r"|\*\*(?P<bold>[^*]+?)\*\*"
    r"|\*(?P<italic>[^*\s](?:[^*]*?[^*\s])?)\*"
)


def inline_html(text: str) -> str:
    """Inline markup to Wagtail rich-text HTML; everything else is escaped."""
    out, position = [], 0
    for match in INLINE.finditer(text):
        out.append(escape(text[position : match.start()], quote=False))
        if match.group("link_text") is not None:
            url = match.group("url")
            label = inline_html(match.group("link_text"))
            if SAFE_URL.match(url):
                out.append(f'<a href="{escape(url, quote=True)}">{label}</a>')
            else:
                out.append(label)
        elif match.group("bold") is not None:
            out.append(f"<b>{inline_html(match.group('bold'))}</b>")
        else:
            out.append(f"<i>{inline_html(match.group('italic'))}</i>")
        position = match.end()
    out.append(escape(text[position:], quote=False))
    return "".join(out)


def plain_text(text: str) -> str:
    """Inline markup removed, for the plain-text blocks (quotes, list items)."""
    return INLINE.sub(
        lambda m: m.group("link_text") or m.group("bold") or m.group("italic") or "", text
    )


def stream_data(blocks, image_for=None) -> list[dict]:
    """Raw StreamField data for BodyBlock.

    `image_for(picture) -> Image | None` supplies the stored image for a body
    picture; without it (or when it gives None) the picture is left out. Blocks
    whose text is nothing but markup are left out too: BodyBlock requires text.
    """
    data = []
    for block in blocks:
        if isinstance(block, Heading):
            if text := plain_text(block.text).strip():
                data.append({"type": "heading", "value": text})
        elif isinstance(block, Paragraph):
            data.append({"type": "paragraph", "value": f"<p>{inline_html(block.text)}</p>"})
        elif isinstance(block, Quote):
            if text := plain_text(block.text).strip():
                value = {"text": text, "attribution": plain_text(block.attribution).strip()}
                data.append({"type": "quote", "value": value})
        elif isinstance(block, BulletList):
            items = [text for item in block.items if (text := plain_text(item).strip())]
            if items:
                value = {"ordered": block.ordered, "items": items}
                data.append({"type": "list", "value": value})
        elif isinstance(block, Picture):
            image = image_for(block) if image_for else None
            if image is not None:
                value = {
                    "image": image.pk,
                    "caption": block.caption,
                    "photographer": block.photographer,
                    "alt_text": block.alt,
                }
                data.append({"type": "image", "value": value})
    return data


def format_body(blocks) -> str:
    """The body as a writer would type it: parse_body(format_body(b)) gives b back."""
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"## {block.text}")
        elif isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Quote):
            lines = []
            for number, paragraph in enumerate(block.text.split("\n")):
                lines.extend([">"] if number else [])
                lines.append(f"> {paragraph}")
            if block.attribution:
                lines.append(f"> -- {block.attribution}")
            parts.append("\n".join(lines))
        elif isinstance(block, BulletList):
            marks = [f"{n}." if block.ordered else "-" for n in range(1, len(block.items) + 1)]
            parts.append(
                "\n".join(f"{m} {item}" for m, item in zip(marks, block.items, strict=True))
            )
        elif isinstance(block, Picture):
            fields = [block.motif, block.caption, block.photographer, block.alt]
            parts.append(f"[[bild: {' | '.join(fields)}]]")
    return "\n\n".join(parts) + "\n"


def format_article(article: ArticleSource) -> str:
    """An article file's text: parse_article(format_article(a), a.filename) gives a back."""

    def local(moment: dt.datetime) -> str:
        return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")

    header = {
        "title": article.title,
        "slug": article.slug,
        "section": article.section,
        "issue": "" if article.issue is None else str(article.issue),
        "author": article.author,
        "access": article.access,
        "published": local(article.published),
        "updated": local(article.updated) if article.updated else "",
        "photo_motif": article.photo_motif,
        "photo_caption": article.photo_caption,
        "photographer": article.photographer,
        "photo_alt": article.photo_alt,
        "lead": article.lead,
    }
    lines = [f"{key}: {value}" for key, value in header.items() if value]
    return "\n".join(lines) + "\n---\n" + format_body(article.body)


def body_words(article: ArticleSource) -> int:
    """Words in lead and body, the way a reader counts them."""
    texts = [article.lead]
    for block in article.body:
        if isinstance(block, Heading | Paragraph):
            texts.append(plain_text(block.text))
        elif isinstance(block, Quote):
            texts.append(block.text)
        elif isinstance(block, BulletList):
            texts.extend(block.items)
    return sum(len(re.findall(r"\w+(?:[-'’]\w+)*", text)) for text in texts)


# --- Loading the whole directory ----------------------------------------------------


def load_content(directory: Path = CONTENT_DIR) -> DemoContent:
    """Every content file, checked: each article names a known section, author and issue."""
    directory = Path(directory)
    sections = parse_sections((directory / "sections.txt").read_text(encoding="utf-8"))
    authors = parse_authors((directory / "authors.txt").read_text(encoding="utf-8"))
    issues = parse_issues((directory / "issues.txt").read_text(encoding="utf-8"))
    articles = tuple(
        parse_article(path.read_text(encoding="utf-8"), filename=path.name)
        for path in sorted((directory / "articles").glob("*.txt"))
    )
    content = DemoContent(sections=sections, authors=authors, issues=issues, articles=articles)
    check_references(content)
    return content


def check_references(content: DemoContent) -> None:
    sections = {s.slug for s in content.sections}
    authors = {a.slug for a in content.authors}
    issues = {i.number for i in content.issues}
    slugs: dict[tuple[str, str], str] = {}
    for article in content.articles:
        where = article.filename
        if article.section not in sections:
            raise ContentError(f"{where}: okänd sektion {article.section!r}")
        if article.author not in authors:
            raise ContentError(f"{where}: okänd skribent {article.author!r}")
        if article.issue is not None and article.issue not in issues:
            raise ContentError(f"{where}: okänt nummer {article.issue}")
        key = (article.section, article.slug)
        if key in slugs:
            raise ContentError(f"{where}: samma slug som {slugs[key]}")
        slugs[key] = where
    if sum(a.responsible_publisher for a in content.authors) != 1:
        raise ContentError("authors.txt: exakt en skribent ska vara ansvarig utgivare")
