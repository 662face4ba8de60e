"""`make bench-http`: the production stack under wrk (see run.py)."""
