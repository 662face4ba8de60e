"""A commenter's plain text turned into safe HTML: paragraphs and links, nothing else.

Three steps, each enough on its own to stop markup from getting through:
1. every character the commenter wrote is HTML-escaped;
2. we add only <p>, <br> and <a href="http(s)://…" rel="nofollow ugc"> ourselves;
3. the result passes nh3 with exactly that allow-list, as a second line of defence.
"""

import re

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from utgivare.core.text_input import clean_text

LINK_REL = "nofollow ugc noopener"
ALLOWED_TAGS = {"p", "br", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https"}

# http(s):// URLs and bare www. addresses, up to whitespace or an angle bracket.
URL_RE = re.compile(r"""(?i)\b(?:https?://|www\.)[^\s<>"']+""")
_TRAILING_PUNCTUATION = ".,;:!?…»”’'\""
_BLANK_LINES_RE = re.compile(r"\n\s*\n")
# Bidi overrides and isolates, which can disguise a link; control characters are
# core.text_input's rule, the same for every input.
_BIDI_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def normalise_text(text: str) -> str:
    """The text as stored: Unix newlines, no control or bidi characters, NFC, trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BIDI_CONTROLS_RE.sub("", clean_text(text)).strip()


def _trim_url(candidate: str) -> tuple[str, str]:
    """Split trailing punctuation (and unbalanced closing brackets) off a URL."""
    trailing = ""
    while candidate:
        last = candidate[-1]
        unbalanced = any(
            last == close and candidate.count(open_) < candidate.count(close)
            for open_, close in (("(", ")"), ("[", "]"))
        )
        if last not in _TRAILING_PUNCTUATION and not unbalanced:
            break
        trailing = last + trailing
        candidate = candidate[:-1]
    return candidate, trailing


def find_urls(text: str) -> list[str]:
    urls = []
    for match in URL_RE.finditer(text):
        url, _trailing = _trim_url(match.group(0))
        if len(url) > len("www.") and url.lower() not in ("http://", "https://"):
            urls.append(url)
    return urls


def count_links(text: str) -> int:
    return len(find_urls(text))


def _link(url: str) -> str:
    href = url if url.lower().startswith(("http://", "https://")) else "http://" + url
    return f'<a href="{escape(href)}">{escape(url)}</a>'


def _linkify_line(line: str) -> str:
    out = []
    position = 0
    for match in URL_RE.finditer(line):
        url, trailing = _trim_url(match.group(0))
        if len(url) <= len("www.") or url.lower() in ("http://", "https://"):
            continue
        out.append(escape(line[position : match.start()]))
        out.append(_link(url))
        position = match.start() + len(url)
    out.append(escape(line[position:]))
    return "".join(out)


def text_to_html(text: str) -> str:
    """Paragraphs on blank lines, line breaks within them, URLs as links; all else escaped."""
    text = normalise_text(text)
    if not text:
        return ""
    paragraphs = []
    for chunk in _BLANK_LINES_RE.split(text):
        lines = [_linkify_line(line.strip()) for line in chunk.strip().split("\n")]
        paragraphs.append("<p>" + "<br>".join(lines) + "</p>")
    return "".join(paragraphs)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render(text: str) -> SafeString:
    # mark_safe: text_to_html escapes everything the commenter wrote and nh3
    # then strips anything outside the <p>/<br>/<a href=http(s)> allow-list.
    return mark_safe(sanitise(text_to_html(text)))  # noqa: S308


def safe_website(url: str) -> str:
    """The commenter's website if it is a plain http(s) URL, else "" (never javascript: etc.)."""
    url = (url or "").strip()
    if not re.match(r"(?i)^https?://[^\s<>\"'`]+$", url):
        return ""
    return url
