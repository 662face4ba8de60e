from wagtail.permission_policies import ModelPermissionPolicy

from .choices import Source


class SubscriptionPermissionPolicy(ModelPermissionPolicy):
    """Subscriptions are records: never deleted; card subscriptions change at Stripe."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "change" and instance.source == Source.STRIPE:
            return False
        return self.user_has_permission(user, action)
