"""Django's PostgreSQL backend, with a health check that costs no round trip.

Used as `ENGINE = "utgivare.core.postgresql"` (settings.py), otherwise Django's own.
"""
