from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    name = "utgivare.signatures"
    label = "signatures"
    verbose_name = _("Signaturer")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.models import PageLogEntry
        from wagtail.signals import page_published

        from utgivare.publication.models import AuthorPage

        from . import forgetting

        def forget(sender, instance, **kwargs):
            forgetting.forget_name_before_signature(instance)

        def scrub(sender, instance, created, **kwargs):
            if created:
                forgetting.scrub_log_entry(instance)

        # weak=False: the receivers are local functions, which a weak reference would
        # let the garbage collector take as soon as ready() returns.
        page_published.connect(
            forget, sender=AuthorPage, dispatch_uid="signatures.forget", weak=False
        )
        post_save.connect(scrub, sender=PageLogEntry, dispatch_uid="signatures.scrub", weak=False)
