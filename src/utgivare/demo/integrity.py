"""The demo's correction, genmäle and tip, made with the features themselves.

- "Valet i Norrvik i siffror" gets its correction (corrections.records), so it
  shows the notice, the JSON-LD and a line on /rattelser/; the article about the
  correction stays as the editors' own account of how the error happened.
- Henrik Ståhl's genmäle is a published ReplyRequest answering the Hamnudden
  article, so both link to each other.
- The tip inbox is opened with DEMO_TIPS_PASSPHRASE (public: this is a demo)
  and holds one tip with an editor's reply.
- The signature "Nattpatrullen" (authors/05-nattpatrullen.md, signature: yes) has
  its invented real name sealed to the inbox key with signatures.identity, so the
  ansvarig utgivare can read it under Signaturer after unlocking the inbox.
Run again, it adds nothing twice.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from utgivare.corrections import records
from utgivare.corrections.models import Correction, ReplyRequest
from utgivare.corrections.replies import log
from utgivare.publication.models import AuthorPage
from utgivare.signatures import identity
from utgivare.signatures.models import SealedIdentity
from utgivare.tips import inbox as tip_inbox
from utgivare.tips.models import Tip

# Public on purpose: the demo prints it, so anyone trying the demo can read its tip.
DEMO_TIPS_PASSPHRASE = "norrviks kurir demo tipslåda 2026"  # noqa: S105
STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Invented like everyone in the demo; only here, in the loader, and sealed on load. A real
# publication would type it into the admin (Signaturer), never into a file.
DEMO_SIGNATURE_REAL_NAME = "Maj-Britt Oskarsson, undersköterska i nattpatrullen"


def _at(day: str, time: str = "11:30") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day} {time}").replace(tzinfo=STOCKHOLM)


def load_integrity(articles: dict) -> dict:
    made = {"corrections": 0, "genmalen": 0, "tips": 0, "signatures": 0}
    election = articles.get("valet-i-norrvik-i-siffror")
    if election is not None and not Correction.objects.filter(page=election).exists():
        records.add(
            election,
            corrected_on=dt.date(2026, 9, 18),
            wrong=(
                "Valdeltagandet i Kvarnbacken var 53,1 procent, och Norrviks Framtid blev "
                "största parti där."
            ),
            right=(
                "Valdeltagandet i Kvarnbacken var 63,1 procent. Största parti där var "
                "Arbetarpartiet i Norrvik med 31,6 procent; Norrviks Framtid fick 27,9 procent."
            ),
            note=(
                "Felet uppstod när vi skrev av valnämndens tabell för hand på valnatten. "
                "Hur det gick till står i artikeln om rättelsen."
            ),
            user=None,
            now=_at("2026-09-18"),
        )
        made["corrections"] += 1

    original = articles.get("hamnudden-saldes-under-vardet")
    reply = articles.get("genmale-henrik-stahl-hamnudden")
    if original and reply and not ReplyRequest.objects.filter(reply_page=reply).exists():
        request = ReplyRequest.objects.create(
            page=original,
            name="Henrik Ståhl",
            contact="henrik.stahl@example.org",
            text=reply.lead,
            status=ReplyRequest.Status.PUBLISHED,
            reply_page=reply,
            created_at=_at("2026-10-06", "09:12"),
        )
        log(request, "received", now=_at("2026-10-06", "09:12"))
        log(request, "status:dialogue", note="Karin Lund ringde upp.", now=_at("2026-10-07"))
        log(request, "status:accepted", now=_at("2026-10-13", "15:40"))
        log(request, "published", note=reply.url or "", now=_at("2026-10-15", "07:30"))
        made["genmalen"] += 1

    inbox = tip_inbox.current_inbox()
    if inbox is None:
        inbox = tip_inbox.create_inbox(DEMO_TIPS_PASSPHRASE, retention_days=90)
    if not Tip.objects.exists():
        today = timezone.localdate()
        tip_inbox.submit(
            inbox,
            "Jag arbetar på skolskjutsenheten. Avtalet med det nya bussbolaget har en "
            "klausul om vite som förvaltningen aldrig har använt, trots att bussarna "
            "var sena nästan varje morgon i september. Fråga efter avvikelserapporterna.",
            [],
            today,
        )
        tip = Tip.objects.get()
        tip_inbox.reply(
            tip,
            "Tack. Vet du ungefär hur många avvikelserapporter det gäller, "
            "och vem som tar emot dem?",
            editor=None,
            today=today,
        )
        made["tips"] += 1

    signature = AuthorPage.objects.filter(slug="nattpatrullen", is_signature=True).first()
    if signature and not SealedIdentity.objects.filter(author=signature).exists():
        identity.seal_identity(
            signature, DEMO_SIGNATURE_REAL_NAME, bytes(inbox.public_key), timezone.localdate()
        )
        made["signatures"] += 1
    return made
