"""What a reader may access now. The paywall asks this; nothing else decides access.

PLACEHOLDER until the subscriptions issue lands: nobody is entitled to anything.
The public API (for_reader, Entitlements and its fields) is the contract.
"""

from dataclasses import dataclass

# Content types a plan can include; every paywalled page model names one of
# these in its `paywall_content_type` attribute.
ARTICLE = "article"
BLOG_POST = "blog_post"
PODCAST_EPISODE = "podcast_episode"
WEBTV_EPISODE = "webtv_episode"
CONTENT_TYPES = (ARTICLE, BLOG_POST, PODCAST_EPISODE, WEBTV_EPISODE)


@dataclass(frozen=True)
class Entitlements:
    content_types: frozenset = frozenset()
    # Why, for the reader's account page and for audits ("Prenumeration: Helår").
    reason: str = ""

    def covers(self, content_type: str) -> bool:
        return content_type in self.content_types

    @property
    def is_subscriber(self) -> bool:
        return bool(self.content_types)


NOTHING = Entitlements()


def for_reader(user, now) -> Entitlements:
    """Entitlements of `user` (may be anonymous) at `now` (aware datetime)."""
    return NOTHING
