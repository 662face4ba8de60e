from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "utgivare.corrections"
    label = "corrections"
    verbose_name = _("Rättelser")

    def ready(self):
        # publication builds the JSON-LD; it offers a hook so that it need not know us.
        from utgivare.publication import routing, structured_data, syndication

        from . import published

        structured_data.register_enricher(published.enrich_json_ld)
        syndication.register_item_marker(published.mark_feed_items)
        # Most pieces have neither: known with the page, no query of their own.
        for name, expression in published.SERVE_ANNOTATIONS.items():
            routing.register_serve_annotation(name, expression)
