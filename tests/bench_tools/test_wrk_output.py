"""`make bench-http` reads wrk's text report; these are reports wrk 4.1 printed."""

import re

import pytest
from bench.serving.wrk import WrkOutputError, parse_wrk_output

STATIC_FILE_RUN = """\
Running 2s test @ http://127.0.0.1:8092/article/
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.36ms    1.57ms  16.19ms   86.89%
    Req/Sec    28.34k     4.54k   34.94k    75.00%
  Latency Distribution
     50%  738.00us
     75%    1.89ms
     90%    3.33ms
     99%    7.18ms
  112931 requests in 2.01s, 1.68GB read
Requests/sec:  56202.33
Transfer/sec:    855.97MB
"""

# wrk prints a figure in whole seconds with a trailing space ("1.41s "), kept here.
SLOW_PAGE_RUN = re.sub(
    r"(?m)^(\s+\d+%\s+[\d.]+s)$",
    r"\1 ",
    """\
Running 2s test @ http://127.0.0.1:8090/politiska-rapporter/skargardens-tysta-morgnar/
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.37s   396.48ms   2.00s    61.29%
    Req/Sec    21.77     10.20    30.00     69.23%
  Latency Distribution
     50%    1.41s
     75%    1.71s
     90%    1.87s
     99%    2.00s
  31 requests in 2.01s, 486.43KB read
Requests/sec:     15.44
Transfer/sec:    242.28KB
""",
)

FAILING_RUN = """\
Running 10s test @ http://127.0.0.1:8090/halsa/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.10ms    3.02ms  40.11ms   71.00%
    Req/Sec   660.00     80.00   800.00     70.00%
  Latency Distribution
     50%   11.80ms
     75%   13.90ms
     90%   15.95ms
     99%   22.40ms
  13180 requests in 10.00s, 4.50MB read
  Socket errors: connect 0, read 12, write 1, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:   1317.95
Transfer/sec:    460.12KB
"""

NO_ANSWER_RUN = """\
Running 2s test @ http://127.0.0.1:8090/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 2.00s, 0.00B read
Requests/sec:      0.00
Transfer/sec:       0.00B
"""


def test_static_file_run_gives_rate_and_sub_millisecond_median():
    result = parse_wrk_output(STATIC_FILE_RUN)
    assert result.requests_per_second == 56202.33
    assert result.requests == 112931
    assert result.p50_ms == pytest.approx(0.738)
    assert result.p99_ms == pytest.approx(7.18)
    assert result.errors == 0


def test_latencies_wrk_prints_in_seconds_are_reported_in_milliseconds():
    result = parse_wrk_output(SLOW_PAGE_RUN)
    assert result.requests_per_second == 15.44
    assert result.p50_ms == pytest.approx(1410.0)
    assert result.p99_ms == pytest.approx(2000.0)


def test_error_answers_and_socket_errors_are_counted():
    result = parse_wrk_output(FAILING_RUN)
    assert result.non_2xx == 7
    assert result.socket_errors == 16
    assert result.errors == 23


def test_a_run_without_a_single_answer_has_no_latency_figures():
    result = parse_wrk_output(NO_ANSWER_RUN)
    assert result.requests_per_second == 0
    assert result.p50_ms is None
    assert result.p99_ms is None


def test_a_run_without_latency_distribution_has_rate_but_no_percentiles():
    without = "\n".join(
        line for line in STATIC_FILE_RUN.splitlines() if "%" not in line or "Stdev" in line
    )
    result = parse_wrk_output(without)
    assert result.requests_per_second == 56202.33
    assert result.p50_ms is None


def test_wrk_that_could_not_connect_is_refused():
    with pytest.raises(WrkOutputError):
        parse_wrk_output("unable to connect to 127.0.0.1:8099 Connection refused\n")
