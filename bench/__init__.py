"""`make bench`: benchmark scenarios, reported as ratios against a baseline.

Each module in this package with a `run()` function is a scenario. run() builds
its own data in a throw-away SQLite database and returns a dict:
    {"name": str, "baseline": (label, seconds), "measurements": [(label, seconds), ...]}
Timings are medians of repeated requests through Django's test client, so they
include middleware, templates and queries, but not a network or a WSGI server.
"""
