"""What the privacy page says about podcasts, from the constants that decide it."""

from django.utils.translation import gettext as _

from .management.commands.purge_podcast_hashes import LISTENER_KEY_DAYS
from .private_feed import FEED_FETCH_DAYS


def privacy_page_facts(site) -> list[str]:
    return [
        _(
            "När ett poddavsnitt laddas ner räknas det med en nyckelkodad kontrollsumma (hash) "
            "av IP-adressen och poddappens namn, aldrig adressen själv. Kontrollsumman tas bort "
            "efter %(days)d dagar; kvar blir bara antalet nedladdningar."
        )
        % {"days": LISTENER_KEY_DAYS},
        _(
            "När ditt privata poddflöde hämtas sparar vi en nyckelkodad kontrollsumma av "
            "IP-adressen per dag, för att se om flödets adress har spridits. Den tas bort efter "
            "%(days)d dagar."
        )
        % {"days": FEED_FETCH_DAYS},
    ]
