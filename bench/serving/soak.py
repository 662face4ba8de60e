"""A memory soak: every per-reader scenario at once for minutes, each worker's RSS each minute.

The issue's fourth goal: resident memory per worker stated, and not growing over a
10-minute load run. One wrk per scenario runs side by side for the whole soak
(anonymous pages, a new anonymous reader on every metered first read, so the meter
records each read, the re-read, a logged-in reader, a subscriber, the 5,000-comment
thread), so caches, meters and sessions grow as they would. Each worker's resident
memory is read from /proc at the start and after every minute.

    BENCH_SOAK_SECONDS=600 BENCH_SCENARIOS=none make bench-http
"""

import subprocess
import time

SAMPLE_EVERY = 60


def soak(seconds, urls, sample, say, wrk_binary, connections_each=4):
    """Load every (url, cookie) in `urls` at once for `seconds`; `sample()` gives
    {pid: kB} and is called at the start and every SAMPLE_EVERY seconds. Returns
    (samples as [(elapsed s, {pid: kB})], requests served per url)."""
    runs = []
    for url, cookie in urls:
        command = [wrk_binary, "-t1", f"-c{connections_each}", f"-d{seconds}s", "--timeout", "10s"]
        if cookie:
            command += ["-H", f"Cookie: {cookie}"]
        runs.append(
            subprocess.Popen(  # noqa: S603 - our own wrk and loopback addresses
                [*command, url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
        )
    started = time.monotonic()
    samples = [(0, sample())]
    say(f"  minute 0: {_row(samples[-1][1])}")
    try:
        while any(run.poll() is None for run in runs):
            elapsed = time.monotonic() - started
            next_sample = SAMPLE_EVERY * (len(samples))
            if elapsed >= next_sample and next_sample <= seconds:
                samples.append((round(elapsed), sample()))
                say(f"  minute {len(samples) - 1}: {_row(samples[-1][1])}")
            time.sleep(1)
        # The last minute ends with the load itself: sampled as the load stops, before the
        # workers go idle.
        if samples[-1][0] < seconds - SAMPLE_EVERY / 2:
            samples.append((round(time.monotonic() - started), sample()))
            say(f"  minute {len(samples) - 1} (end): {_row(samples[-1][1])}")
    finally:
        for run in runs:
            if run.poll() is None:
                run.terminate()
    outputs = [run.communicate()[0] for run in runs]
    return samples, outputs


def _row(rss_kb):
    return ", ".join(f"{pid}: {kb / 1024:.0f} MB" for pid, kb in rss_kb.items() if kb)


def growth_mb(samples, *, since):
    """Per worker, RSS at the end minus RSS at sample `since`, in MB. From minute 1 it
    includes caches filling up to their bounds; from the middle of the run a steady
    process shows about zero, and a leak shows as much as in any other half."""
    if len(samples) < 3 or since >= len(samples) - 1:
        return {}
    first, last = samples[since][1], samples[-1][1]
    return {pid: (last[pid] - first[pid]) / 1024 for pid in first if first[pid] and last.get(pid)}
