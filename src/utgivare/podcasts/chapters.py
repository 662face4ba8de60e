"""Chapters and transcripts as editors type them: plain rules, no database.

Chapters: one per line, a start time then a title ("12:30 Budgeten", "1:02:03 Frågor").
Transcript: plain text, or WebVTT when it starts with "WEBVTT".
"""

import re
from dataclasses import dataclass

_TIME = re.compile(r"^\s*((?:\d{1,2}:)?\d{1,2}:\d{2})\s+(.+?)\s*$")
_CUE_TIME = re.compile(r"^\s*((?:\d+:)?\d{2}:\d{2}[.,]\d{3})\s+-->\s")


@dataclass(frozen=True)
class Chapter:
    start_seconds: int
    title: str

    @property
    def start_text(self) -> str:
        hours, rest = divmod(self.start_seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def seconds_of(text: str) -> int:
    parts = [int(float(p.replace(",", "."))) for p in text.split(":")]
    total = 0
    for part in parts:
        total = total * 60 + part
    return total


def parse_chapters(text: str) -> list[Chapter]:
    """Lines that are not "time title" are skipped; chapters come out in time order."""
    chapters = []
    for line in (text or "").splitlines():
        match = _TIME.match(line)
        if match:
            chapters.append(Chapter(seconds_of(match.group(1)), match.group(2)[:200]))
    return sorted(chapters, key=lambda chapter: chapter.start_seconds)


def chapters_problem(text: str) -> str | None:
    """The first line that is neither empty nor a chapter, for the editor's message."""
    for line in (text or "").splitlines():
        if line.strip() and not _TIME.match(line):
            return line.strip()
    return None


def is_webvtt(transcript: str) -> bool:
    return (transcript or "").lstrip("\ufeff").startswith("WEBVTT")


@dataclass(frozen=True)
class TranscriptLine:
    start_seconds: int | None
    text: str


def transcript_lines(transcript: str) -> list[TranscriptLine]:
    """The transcript as lines to show: WebVTT cues with their start time, or paragraphs."""
    if not is_webvtt(transcript):
        return [
            TranscriptLine(None, paragraph.strip())
            for paragraph in re.split(r"\n\s*\n", transcript or "")
            if paragraph.strip()
        ]
    lines = []
    for block in re.split(r"\n\s*\n", transcript.replace("\r\n", "\n")):
        rows = [row for row in block.split("\n") if row.strip()]
        for index, row in enumerate(rows):
            match = _CUE_TIME.match(row)
            if match:
                text = " ".join(rows[index + 1 :]).strip()
                # Voice tags (<v Anna>) are shown as plain text.
                text = re.sub(r"<v\s+([^>]+)>", r"\1: ", text)
                text = re.sub(r"</?[^>]+>", "", text)
                if text:
                    lines.append(TranscriptLine(seconds_of(match.group(1)), text))
                break
    return lines
