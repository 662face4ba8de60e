"""Reading the demo's content files: Markdown with a front-matter header, and JSON.

The files are described in content/README.md. This module turns a Markdown
body into the raw StreamField data `publication.blocks.BodyBlock` stores;
creating pages is `magazine.py`'s and `blogs.py`'s job.

Everything a writer types ends up escaped: the only HTML in a paragraph is the
<p>, <b>, <i> and <a href> this module writes itself.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from html import escape
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
ACCESS_LEVELS = ("free", "metered", "subscribers")
# Links in demo text may only point somewhere a reader can safely go.
SAFE_URL = re.compile(r"^(https?://|mailto:|/)[^\s\"'<>]*$", re.IGNORECASE)


class ContentError(ValueError):
    """A content file that cannot be loaded; the message names the file."""


def read_markdown(path: Path, required: tuple[str, ...] = ()) -> tuple[dict[str, str], str]:
    """The `key: value` lines between the opening `---` lines, and the text after them."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    header, closing, body = text.removeprefix("---\n").partition("\n---\n")
    if not text.startswith("---\n") or not closing:
        raise ContentError(f"{path.name}: huvudet ska stå mellan två rader med ---")
    meta = {}
    for line in header.split("\n"):
        key, colon, value = line.partition(":")
        if not colon:
            raise ContentError(f"{path.name}: rad utan kolon i huvudet: {line!r}")
        meta[key.strip()] = value.strip()
    if missing := [key for key in required if not meta.get(key)]:
        raise ContentError(f"{path.name}: saknar {', '.join(missing)}")
    if meta.get("access", ACCESS_LEVELS[0]) not in ACCESS_LEVELS:
        raise ContentError(f"{path.name}: access ska vara en av {', '.join(ACCESS_LEVELS)}")
    return meta, body


def parse_time(value: str) -> dt.datetime:
    """'2026-10-14 07:30' in Stockholm time, as an aware UTC datetime."""
    return dt.datetime.fromisoformat(value).replace(tzinfo=STOCKHOLM).astimezone(dt.UTC)


# --- Markdown body to StreamField data ------------------------------------------------

INLINE = re.compile(
    r"\[(?P<link_text>[^\[\]]+)\]\((?P<url>[^()\s]+)\)"
    r"|\*\*(?P<bold>[^*]+?)\*\*"
    r"|\*(?P<italic>[^*\s](?:[^*]*?[^*\s])?)\*"
)
IMAGE = re.compile(r'^!\[(?P<alt>[^\]]*)\]\((?P<src>\S+)(?: "(?P<title>[^"]*)")?\)$')
HEADING = re.compile(r"^#{2,3}\s+")
ATTRIBUTION = re.compile(r"^(?:--|—)\s*")
LIST_ITEM = re.compile(r"^(?:[-*]|\d{1,2}[.)])\s+")


def inline_html(text: str) -> str:
    """Inline *kursiv*, **fet** and [länk](url) to Wagtail rich-text HTML; the rest escaped."""
    out, position = [], 0
    for match in INLINE.finditer(text):
        out.append(escape(text[position : match.start()], quote=False))
        if match["link_text"] is not None:
            label = inline_html(match["link_text"])
            url = match["url"]
            out.append(f'<a href="{escape(url)}">{label}</a>' if SAFE_URL.match(url) else label)
        elif match["bold"] is not None:
            out.append(f"<b>{inline_html(match['bold'])}</b>")
        else:
            out.append(f"<i>{inline_html(match['italic'])}</i>")
        position = match.end()
    out.append(escape(text[position:], quote=False))
    return "".join(out)


def plain_text(text: str) -> str:
    """Inline markup removed, for the plain-text blocks (headings, quotes, list items)."""
    return INLINE.sub(lambda m: m["link_text"] or m["bold"] or m["italic"] or "", text).strip()


def paragraphs_html(text: str) -> str:
    return "".join(f"<p>{inline_html(p)}</p>" for p in blocks_of(text))


def blocks_of(text: str) -> list[str]:
    """The parts of a text that blank lines separate."""
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def body_data(text: str, image_for=None) -> list[dict]:
    """Raw StreamField data for BodyBlock from a Markdown body.

    `## ` is a sub-heading; `> ` lines a quote (a last `> -- ` line names its
    source, a bare `>` separates its paragraphs); `- ` or `1. ` lines a list (a
    line without a marker continues the item above); `![alt](file "bildtext
    Foto: namn")` a picture, stored by `image_for(src, caption) -> Image`;
    anything else a paragraph. Speech starting with an en dash (`– Det är fel.`)
    is a paragraph, not a list. A block left without text is left out, since
    BodyBlock requires text.
    """
    data = []
    for block in blocks_of(text):
        lines = [line.strip() for line in block.split("\n")]
        if HEADING.match(block):
            kind, value = "heading", plain_text(HEADING.sub("", block))
        elif match := IMAGE.match(block):
            caption, _, photographer = (match["title"] or "").rpartition(" Foto: ")
            image = image_for(match["src"], caption) if image_for else None
            kind, value = (
                "image",
                image
                and {
                    "image": image.pk,
                    "caption": caption,
                    "photographer": photographer,
                    "alt_text": match["alt"],
                },
            )
        elif block.startswith(">"):
            lines = [line[1:].strip() for line in lines]
            attribution = ""
            if len(lines) > 1 and ATTRIBUTION.match(lines[-1]):
                attribution = plain_text(ATTRIBUTION.sub("", lines.pop()))
            quote = plain_text("\n".join(p.replace("\n", " ") for p in blocks_of("\n".join(lines))))
            kind, value = "quote", quote and {"text": quote, "attribution": attribution}
        elif LIST_ITEM.match(block):
            items = []
            for line in lines:
                if LIST_ITEM.match(line):
                    items.append(LIST_ITEM.sub("", line))
                else:
                    items[-1] += f" {line}"
            items = [item for item in map(plain_text, items) if item]
            kind, value = "list", items and {"ordered": block[0].isdigit(), "items": items}
        else:
            kind, value = "paragraph", f"<p>{inline_html(' '.join(lines))}</p>"
        if value:
            data.append({"type": kind, "value": value})
    return data
