"""A throw-away database and Django setup shared by every scenario."""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

_ready = False


def setup_django():
    global _ready
    if _ready:
        return
    os.environ.setdefault("UTGIVARE_VAR_DIR", tempfile.mkdtemp(prefix="utgivare-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ["DEBUG"] = "0"
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    _ready = True


def median_seconds(action, repeat=30, warmup=3):
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def timed_get(client, url, repeat=30):
    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return median_seconds(get, repeat=repeat)


def json_from_worker(args, env, cwd):
    """Run `python <args>` in a fresh process (its own settings and database) and return
    the JSON object it prints on its last line of stdout."""
    done = subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, stdout=subprocess.PIPE, check=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])
