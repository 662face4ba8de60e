"""Signals about pieces that other apps (search) keep up with."""

from django.dispatch import Signal

# Sent by whoever writes new pieces without Wagtail's page API (the WordPress
# importer's bulk writes), which sends no page_published: `pieces` are the
# live, public ones, as specific pages, all children of `parent` (specific).
pieces_created_in_bulk = Signal()
