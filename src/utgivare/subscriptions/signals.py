from django.dispatch import Signal

# Sent when a reader's first active subscription starts (any source).
# kwargs: user, subscription, when (aware datetime).
subscription_started = Signal()
