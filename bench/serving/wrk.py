"""What one `wrk --latency` run measured, read from its text output."""

import re
from dataclasses import dataclass

# wrk prints durations with the unit it finds readable (src/units.c in wrk).
_MILLISECONDS_PER = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_DURATION = r"([\d.]+)(us|ms|s|m|h)"


class WrkOutputError(ValueError):
    """The text is not the report of a finished wrk run."""


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    requests: int
    # None when wrk ran without --latency.
    p50_ms: float | None
    p99_ms: float | None
    # Answers other than 2xx/3xx, and connect/read/write errors and timeouts.
    non_2xx: int
    socket_errors: int

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors


def _milliseconds(number: str, unit: str) -> float:
    return float(number) * _MILLISECONDS_PER[unit]


def _percentile(text: str, percent: int) -> float | None:
    found = re.search(rf"^\s*{percent}(?:\.0+)?%\s+{_DURATION}\s*$", text, re.MULTILINE)
    return _milliseconds(*found.groups()) if found else None


def parse_wrk_output(text: str) -> WrkResult:
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in ", text, re.MULTILINE)
    if not rate or not total:
        raise WrkOutputError(f"no wrk summary in: {text[:200]!r}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    requests = int(total.group(1))
    return WrkResult(
        requests_per_second=float(rate.group(1)),
        requests=requests,
        # With no answer at all wrk still prints 0.00us percentiles: there is no latency.
        p50_ms=_percentile(text, 50) if requests else None,
        p99_ms=_percentile(text, 99) if requests else None,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
    )
