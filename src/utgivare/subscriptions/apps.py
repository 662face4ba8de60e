from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "utgivare.subscriptions"
    label = "subscriptions"
    verbose_name = _("Prenumerationer")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from utgivare.core import personal_data, privacy

        from . import entitlements, event_privacy
        from . import personal_data as subscription_data
        from .models import Subscription
        from .permissions import SubscriptionPermissionPolicy

        register_permission_policy(Subscription, SubscriptionPermissionPolicy(Subscription))
        entitlements.connect_signals()

        personal_data.register(
            "subscriptions", export=subscription_data.export, erase=subscription_data.erase
        )
        privacy.register_facts(privacy.ACCOUNT, "stripe_events", event_privacy.privacy_page_facts)
