"""Reading a WordPress export (WXR 1.1 or 1.2) as a stream of plain records.

`read(stream)` yields `Site`, `Author`, `Term` and `Item` records while it
parses, with lxml's iterparse: each channel child is dropped from the tree as
soon as it is read, so memory stays flat however large the file is. Elements in
namespaces we do not know are ignored; WordPress's own are recognised by their
local names in either export version. No database, no Django: the importer
decides what each record becomes.

A file that is not well-formed XML raises `MalformedExport` with the line and
column where parsing stopped.
"""

import dataclasses
import datetime as dt
import functools
import html
from collections.abc import Iterator

from lxml import etree

WP_NAMESPACES = ("http://wordpress.org/export/1.1/", "http://wordpress.org/export/1.2/")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
EXCERPT_NAMESPACES = (
    "http://wordpress.org/export/1.1/excerpt/",
    "http://wordpress.org/export/1.2/excerpt/",
)
ZERO_DATE = "0000-00-00 00:00:00"
# The channel's own elements that describe the site: (namespace kind, local name).
SITE_FIELDS = {("", "title"), ("", "link"), ("wp", "base_site_url"), ("wp", "wxr_version")}


class MalformedExport(Exception):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(f"{message} (rad {line}, kolumn {column})")
        self.line = line
        self.column = column
        self.reason = message


@dataclasses.dataclass(frozen=True)
class Site:
    title: str
    link: str
    base_site_url: str
    wxr_version: str


@dataclasses.dataclass(frozen=True)
class Author:
    wp_id: str
    login: str
    email: str
    display_name: str


@dataclasses.dataclass(frozen=True)
class Term:
    kind: str  # "category" or "tag"
    wp_id: str
    slug: str
    name: str
    parent: str = ""


@dataclasses.dataclass(frozen=True)
class Comment:
    wp_id: str
    parent_id: str  # "" or "0" for a comment on the post itself
    author_name: str
    author_email: str
    author_url: str
    author_ip: str
    date: dt.datetime | None
    text: str
    approved: str  # "1", "0", "spam", "trash", "post-trashed"
    comment_type: str  # "" / "comment", "pingback", "trackback"


@dataclasses.dataclass(frozen=True)
class Item:
    wp_id: str
    post_type: str
    title: str
    link: str
    creator: str
    content: str
    excerpt: str
    slug: str
    status: str
    password: str
    date: dt.datetime | None
    local_date: str  # "YYYY-MM-DD HH:MM:SS" as the site showed it: its /YYYY/MM/DD/ addresses
    modified: dt.datetime | None
    attachment_url: str
    parent_id: str
    categories: tuple[tuple[str, str], ...]  # (slug, name)
    tags: tuple[tuple[str, str], ...]
    meta: dict
    comments: tuple[Comment, ...]
    line: int  # where the item starts in the file, for messages


def local_name(tag) -> tuple[str, str]:
    """(namespace kind, local name): kind is "wp", "excerpt", "" (none) or "other"."""
    if not isinstance(tag, str):
        return "other", ""
    return tag_name(tag)


# A file has a few dozen distinct tags and millions of elements.
@functools.lru_cache(maxsize=1024)
def tag_name(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, name = tag[1:].split("}", 1)
        if namespace in WP_NAMESPACES:
            return "wp", name
        if namespace in EXCERPT_NAMESPACES:
            return "excerpt", name
        if tag == CONTENT:
            return "content", name
        if tag == DC_CREATOR:
            return "dc", name
        return "other", name
    return "", tag


def text_of(element) -> str:
    return (element.text or "").strip() if element is not None else ""


def wp_fields(element) -> dict[str, str]:
    """The text of each WordPress-namespaced child, by local name."""
    fields = {}
    for child in element:
        kind, name = local_name(child.tag)
        if kind == "wp":
            fields[name] = child.text or ""
    return fields


def parse_date(gmt: str, local: str = "") -> dt.datetime | None:
    """WordPress's "YYYY-MM-DD HH:MM:SS" in UTC; its local time if the UTC one is empty."""
    for value, zone in ((gmt, dt.UTC), (local, None)):
        value = (value or "").strip()
        if not value or value == ZERO_DATE:
            continue
        try:
            parsed = dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        return parsed.replace(tzinfo=zone) if zone else parsed
    return None


def read_author(element) -> Author:
    fields = wp_fields(element)
    login = fields.get("author_login", "").strip()
    return Author(
        wp_id=fields.get("author_id", "").strip() or login,
        login=login,
        email=fields.get("author_email", "").strip(),
        display_name=html.unescape(fields.get("author_display_name", "").strip()) or login,
    )


def read_term(element, kind: str) -> Term:
    fields = wp_fields(element)
    if kind == "category":
        slug, name = fields.get("category_nicename", ""), fields.get("cat_name", "")
        parent = fields.get("category_parent", "")
    else:
        slug, name, parent = fields.get("tag_slug", ""), fields.get("tag_name", ""), ""
    return Term(
        kind=kind,
        wp_id=fields.get("term_id", "").strip() or slug.strip(),
        slug=slug.strip(),
        name=html.unescape(name.strip()),
        parent=parent.strip(),
    )


def read_comment(element) -> Comment:
    fields = wp_fields(element)
    return Comment(
        wp_id=fields.get("comment_id", "").strip(),
        parent_id=fields.get("comment_parent", "").strip(),
        author_name=html.unescape(fields.get("comment_author", "").strip()),
        author_email=fields.get("comment_author_email", "").strip(),
        author_url=fields.get("comment_author_url", "").strip(),
        author_ip=fields.get("comment_author_IP", "").strip(),
        date=parse_date(fields.get("comment_date_gmt", ""), fields.get("comment_date", "")),
        text=fields.get("comment_content", ""),
        approved=fields.get("comment_approved", "").strip(),
        comment_type=fields.get("comment_type", "").strip(),
    )


def read_item(element) -> Item:
    fields, categories, tags, meta, comments = {}, [], [], {}, []
    title = link = creator = content = excerpt = ""
    for child in element:
        kind, name = local_name(child.tag)
        if kind == "wp":
            if name == "comment":
                comments.append(read_comment(child))
            elif name == "postmeta":
                meta_fields = wp_fields(child)
                meta[meta_fields.get("meta_key", "")] = meta_fields.get("meta_value", "")
            else:
                fields[name] = child.text or ""
        elif kind == "content":
            content = child.text or ""
        elif kind == "excerpt":
            excerpt = child.text or ""
        elif kind == "dc":
            creator = text_of(child)
        elif kind == "" and name == "title":
            title = html.unescape(text_of(child))
        elif kind == "" and name == "link":
            link = text_of(child)
        elif kind == "" and name == "category":
            term = (child.get("nicename", "").strip(), html.unescape(text_of(child)))
            (tags if child.get("domain") == "post_tag" else categories).append(term)
    return Item(
        wp_id=fields.get("post_id", "").strip(),
        post_type=fields.get("post_type", "").strip(),
        title=title,
        link=link,
        creator=creator,
        content=content,
        excerpt=excerpt,
        slug=fields.get("post_name", "").strip(),
        status=fields.get("status", "").strip(),
        password=fields.get("post_password", "").strip(),
        date=parse_date(fields.get("post_date_gmt", ""), fields.get("post_date", "")),
        local_date=fields.get("post_date", "").strip(),
        modified=parse_date(fields.get("post_modified_gmt", ""), fields.get("post_modified", "")),
        attachment_url=fields.get("attachment_url", "").strip(),
        parent_id=fields.get("post_parent", "").strip(),
        categories=tuple(categories),
        tags=tuple(tags),
        meta=meta,
        comments=tuple(comments),
        line=element.sourceline or 0,
    )


def read(stream) -> Iterator[Site | Author | Term | Item]:
    """The export's records in file order; raises MalformedExport on broken XML."""
    site_fields = {"title": "", "link": "", "base_site_url": "", "wxr_version": ""}
    site_sent = False
    parser = etree.iterparse(
        stream,
        events=("end",),
        resolve_entities=False,
        no_network=True,
        huge_tree=True,
        remove_comments=True,
    )
    try:
        for _event, element in parser:
            parent = element.getparent()
            if parent is None or local_name(parent.tag) != ("", "channel"):
                continue  # only the channel's children are records
            kind, name = local_name(element.tag)
            record = None
            channel_field = (kind, name) in SITE_FIELDS and not site_fields[name]
            if channel_field:
                site_fields[name] = text_of(element)
            elif kind == "wp" and name == "author":
                record = read_author(element)
            elif kind == "wp" and name in ("category", "tag"):
                record = read_term(element, name)
            elif kind == "" and name == "item":
                record = read_item(element)
            if record is not None and not site_sent:
                site_sent = True
                yield Site(**site_fields)
            if record is not None:
                yield record
            # Read: drop it and everything before it, so the tree never grows.
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as error:
        line, column = error.position
        raise MalformedExport(error.msg, line, column) from error
    if not site_sent:
        yield Site(**site_fields)
