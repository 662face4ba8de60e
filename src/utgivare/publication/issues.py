"""What a new issue starts with (a rule; placing articles is in issue_placing.py)."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class NewIssueDefaults:
    number: int
    title: str
    slug: str
    publication_date: dt.date


def next_issue_defaults(last_number: int | None, today: dt.date, title_format: str):
    """What a new issue's form starts with: the number after the highest, dated today,
    at the address /nummer/N/."""
    number = (last_number or 0) + 1
    return NewIssueDefaults(
        number=number,
        title=title_format % {"number": number},
        slug=str(number),
        publication_date=today,
    )
