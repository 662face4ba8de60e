"""'Att göra i dag': one panel on the Wagtail dashboard with what needs attention.

Core knows no app, so each app adds its own lines through the Wagtail hook
`ATTENTION_HOOK`: a function (request, now) -> list[AttentionLine] that
checks the user's permissions and asks its own tables in one query or two.
The panel only lays the lines out; it is left out when no line has a count.
"""

from dataclasses import dataclass

ATTENTION_HOOK = "utgivare_attention"


@dataclass(frozen=True)
class AttentionLine:
    group: str  # the heading it sits under ("Kommentarer", "Sidor", ...)
    label: str
    count: int | str
    url: str = ""
    # Something a person should act on today (waiting comments), not just a figure.
    urgent: bool = False
    order: int = 50


def worth_showing(lines: list[AttentionLine]) -> bool:
    """Show the panel when something waits or there is a figure to show."""
    return any(line.urgent and line.count for line in lines) or any(
        not line.urgent for line in lines
    )


def grouped(lines: list[AttentionLine]) -> list[tuple[str, list[AttentionLine]]]:
    groups: dict[str, list[AttentionLine]] = {}
    for line in sorted(lines, key=lambda line: line.order):
        groups.setdefault(line.group, []).append(line)
    return list(groups.items())
