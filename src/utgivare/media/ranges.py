"""Which bytes a Range header asks for (RFC 9110, section 14): a pure rule.

`requested_range(header, size)` answers `WHOLE` (no header, or one we do not
serve partially, such as several ranges), a `ByteRange` (first, last inclusive)
for one satisfiable range or suffix range, or `UNSATISFIABLE` (416).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ByteRange:
    first: int
    last: int

    @property
    def length(self) -> int:
        return self.last - self.first + 1


WHOLE = "whole"
UNSATISFIABLE = "unsatisfiable"


def requested_range(header: str | None, size: int):
    if not header:
        return WHOLE
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or not spec:
        # Another unit, or nonsense: a server may ignore the header (RFC 9110 14.2).
        return WHOLE
    if "," in spec:
        # Several ranges: allowed to answer with the whole file instead of multipart.
        return WHOLE
    first_text, dash, last_text = spec.strip().partition("-")
    first_text, last_text = first_text.strip(), last_text.strip()
    if (
        not dash
        or not (first_text.isdigit() or first_text == "")
        or not (last_text.isdigit() or last_text == "")
    ):
        return WHOLE
    if first_text == "":
        if last_text == "":
            return WHOLE
        suffix = int(last_text)
        if suffix == 0 or size == 0:
            return UNSATISFIABLE
        return ByteRange(max(size - suffix, 0), size - 1)
    first = int(first_text)
    if first >= size:
        return UNSATISFIABLE
    last = size - 1 if last_text == "" else min(int(last_text), size - 1)
    if last < first:
        # "bytes=500-100" is invalid syntax; RFC says ignore it.
        return WHOLE
    return ByteRange(first, last)
