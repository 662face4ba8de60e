"""What every readable, paywalled page (article, blog post) shares.

A page class mixes in `ReadablePiece` before `Page`, names the field that
holds its lead in `lead_field`, and has `body` (a BodyBlock stream),
`word_count` and `access_level` fields and a `paywall_content_type`.
"""

from utgivare.paywall import gate

from .blocks import stream_plain_text
from .reading_time import count_words, reading_minutes


class ReadablePiece:
    lead_field = "lead"

    def save(self, *args, **kwargs):
        # Stored, so lists and feeds show reading times without rendering bodies.
        lead = getattr(self, self.lead_field)
        self.word_count = count_words(lead) + count_words(stream_plain_text(self.body))
        return super().save(*args, **kwargs)

    @property
    def reading_minutes(self):
        return reading_minutes(self.word_count)

    def teaser_blocks(self):
        """What a reader without access sees of the body: the first paragraph only."""
        for block in self.body:
            if block.block_type == "paragraph":
                return [block]
        return []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The one access decision; templates render the full body only if it allows.
        context["access"] = gate.access_for_request(request, self)
        return context
