"""WebVTT caption files: the one check an upload passes before it is stored.

`problems(data)` reads the bytes and returns what is wrong, in words for the
editor (empty when the file is valid WebVTT with at least one cue). It checks
what a browser needs to show the captions: UTF-8, the `WEBVTT` signature, and
every cue's timing line (`00:01.000 --> 00:04.000`, end after start).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Languages an editor can pick; Swedish first, the default.
LANGUAGES = [
    ("sv", "Svenska"),
    ("en", "English"),
    ("fi", "Suomi"),
    ("se", "Davvisámegiella"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("so", "Soomaali"),
    ("ti", "ትግርኛ"),
    ("uk", "Українська"),
    ("de", "Deutsch"),
    ("es", "Español"),
]
DEFAULT_LANGUAGE = "sv"
MAX_BYTES = 2 * 1024 * 1024
MAX_PROBLEMS = 3

_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t]+.*)?$")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


def _seconds(hours, minutes, seconds, millis) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def parse(data: bytes) -> tuple[list[Cue], list[str]]:
    """(cues, problems) of a WebVTT file."""
    if len(data) > MAX_BYTES:
        return [], [_("Textfilen är större än 2 MB.")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_("Textfilen är inte sparad som UTF-8.")]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0] if lines else ""
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        return [], [_("Filen är inte WebVTT: den första raden ska vara ”WEBVTT”.")]

    cues, problems = [], []
    blocks, block, start_line = [], [], 0
    for number, line in enumerate(lines[1:], start=2):
        if line.strip():
            if not block:
                start_line = number
            block.append(line)
        elif block:
            blocks.append((start_line, block))
            block = []
    if block:
        blocks.append((start_line, block))

    for line_number, block in blocks:
        if block[0].startswith(("NOTE", "STYLE", "REGION")) and "-->" not in block[0]:
            continue
        # An optional cue identifier comes before the timing line.
        # (Without an arrow on either line, the first line should have been the timing.)
        timing_index = 1 if "-->" not in block[0] and len(block) > 1 and "-->" in block[1] else 0
        if timing_index >= len(block) or not (match := _TIMING.match(block[timing_index].strip())):
            problems.append(
                _("Rad %(line)d: tidsangivelsen ska se ut som ”00:01.000 --> 00:04.000”.")
                % {"line": line_number + timing_index}
            )
        else:
            start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
            if end <= start:
                problems.append(
                    _("Rad %(line)d: textens sluttid måste komma efter starttiden.")
                    % {"line": line_number + timing_index}
                )
            else:
                cues.append(Cue(start, end, "\n".join(block[timing_index + 1 :])))
        if len(problems) >= MAX_PROBLEMS:
            break
    if not cues and not problems:
        problems.append(_("Textfilen innehåller ingen text med tider."))
    return cues, problems


def problems(data: bytes) -> list[str]:
    return parse(data)[1]
