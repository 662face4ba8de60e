"""`make bench-http`: the site as production serves it, under wrk, against nginx serving a file.

Builds the stack on loopback (gunicorn with DEBUG off, collected static
files, SQLite, or PostgreSQL + Redis with BENCH_DATABASE_URL and
BENCH_REDIS_URL), loads a fixed dataset (the demo, the 822-word reference
article the peers serve, a 5,000-comment thread), checks every page once,
then measures each scenario with wrk at 16 and 64 connections. The
baseline is nginx serving the reference article page, saved from this run,
as a static file: every figure is also a share of it, measured minutes
apart on the same machine.

Everything it starts (gunicorn, nginx, wrk) is stopped on the way out,
Ctrl-C included. Results: a table on stdout and var/bench-http/results.json.

Environment (all optional):
  BENCH_SECONDS=10        length of each wrk run (two per scenario)
  BENCH_WARMUP=2          seconds of discarded load before each scenario
  BENCH_WORKERS=3         gunicorn sync workers
  BENCH_PORT=8090         the site;  BENCH_STATIC_PORT=8092: nginx with the saved page;
  BENCH_PROXY_PORT=8094   the shipped nginx config (deploy/nginx/) in front of the site
  BENCH_SCENARIOS=        comma-separated words; only scenarios whose name has one
                          ("none": measure nothing, e.g. with BENCH_KEEP)
  BENCH_DATABASE_URL      a PostgreSQL database of its own: DROPPED and created anew
  BENCH_REDIS_URL         a Redis database of its own: FLUSHED
  BENCH_FRESH=1           0 keeps the data of the last run (skips the reset, not the load)
  BENCH_KEEP=0            1: after measuring, keep serving until Ctrl-C (at most
                          BENCH_KEEP_SECONDS, default 3600) for ../shared/bench-peers/bench.sh
  BENCH_PEER_URL=        also measure this address (a peer's copy of the reference
                          article, e.g. Ghost's from ../shared/bench-peers/setup-ghost.sh:
                          http://127.0.0.1:2368/skargardens-tysta-morgnar/) in the same
                          run, and print every scenario as a multiple of it
  BENCH_SOAK_SECONDS=0    then load every per-reader scenario at once for this long
                          (600: the issue's 10-minute memory run) and print each
                          worker's resident memory every minute (bench/serving/soak.py)
  BENCH_VAR_DIR           default var/bench-http
  BENCH_ARTICLE           default ../shared/bench-peers/article.html
"""

import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import asdict
from datetime import UTC, datetime
from http import client as http_client
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.serving import proxy, soak  # noqa: E402
from bench.serving.dataset import plain_text  # noqa: E402
from bench.serving.wrk import parse_wrk_output  # noqa: E402

BIN = Path(sys.executable).parent
# The peers' article: ../shared/bench-peers/ beside the checkout (or beside a folder of
# worktrees that holds it), or BENCH_ARTICLE.
PEERS_DIR = next(
    (
        parent / "shared" / "bench-peers"
        for parent in ROOT.parents
        if (parent / "shared" / "bench-peers" / "article.html").exists()
    ),
    ROOT.parent / "shared" / "bench-peers",
)
ARTICLE_HTML = Path(os.environ.get("BENCH_ARTICLE") or PEERS_DIR / "article.html")
DEMO_PASSWORD = "norrvik-demo-2026"  # noqa: S105 - the demo accounts' printed password
METER_COOKIE = "utgivare_matare"
CONNECTIONS = (16, 64)
# Written into the var dir we create, so a reset never empties a directory we did not make.
OWN_MARK = ".bench-http"


def env_int(name, default):
    return int(os.environ.get(name) or default)


class Config:
    def __init__(self):
        self.seconds = env_int("BENCH_SECONDS", 10)
        self.warmup = env_int("BENCH_WARMUP", 2)
        self.workers = env_int("BENCH_WORKERS", 3)
        self.port = env_int("BENCH_PORT", 8090)
        self.static_port = env_int("BENCH_STATIC_PORT", 8092)
        self.proxy_port = env_int("BENCH_PROXY_PORT", 8094)
        self.only = [w.strip().lower() for w in os.environ.get("BENCH_SCENARIOS", "").split(",")]
        self.only = [w for w in self.only if w]
        self.database_url = os.environ.get("BENCH_DATABASE_URL", "")
        self.redis_url = os.environ.get("BENCH_REDIS_URL", "")
        self.fresh = os.environ.get("BENCH_FRESH", "1") != "0"
        self.keep = os.environ.get("BENCH_KEEP", "0") == "1"
        self.soak_seconds = env_int("BENCH_SOAK_SECONDS", 0)
        self.peer_url = os.environ.get("BENCH_PEER_URL", "")
        self.keep_seconds = env_int("BENCH_KEEP_SECONDS", 3600)
        self.var = Path(os.environ.get("BENCH_VAR_DIR") or ROOT / "var" / "bench-http").resolve()
        self.base = f"http://127.0.0.1:{self.port}"

    def wants(self, name):
        if self.only == ["none"]:
            return False
        return not self.only or any(word in name.lower() for word in self.only)


def say(text):
    print(text, flush=True)


# --- Tools ---------------------------------------------------------------------------


def ensure_tools():
    """Debian's wrk and nginx; nginx here only serves the saved page from its own config."""
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool, path=_sbin_path())]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"Missing {' '.join(missing)}: run `sudo apt-get install -y {' '.join(missing)}`.")
    say(f"Installing {' '.join(missing)} (apt-get) ...")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if subprocess.run(command, env=env, timeout=900).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, timeout=900, check=True)
        subprocess.run(command, env=env, timeout=900, check=True)


def _sbin_path():
    return os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])


def tool(name):
    return shutil.which(name, path=_sbin_path())


def port_is_free(port):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


# --- Data -----------------------------------------------------------------------------


def site_env(config, secret_key):
    """Production settings on loopback: DEBUG off, its own key, host and var dir."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "UTGIVARE_INSECURE_DEV_KEY"}
        and not key.startswith("BENCH_")
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=config.base,
        # Plain HTTP on loopback: no redirect to https, cookies sent without TLS.
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        UTGIVARE_VAR_DIR=str(config.var),
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if config.database_url:
        env["DATABASE_URL"] = config.database_url
    if config.redis_url:
        env["REDIS_URL"] = config.redis_url
    return env


def reset_state(config):
    """A fixed dataset means starting from nothing: our own var dir, database and Redis db."""
    if config.var.exists() and not (config.var / OWN_MARK).exists() and any(config.var.iterdir()):
        sys.exit(f"{config.var} exists and was not made by bench-http; choose BENCH_VAR_DIR.")
    if config.var.exists():
        for child in config.var.iterdir():
            if child.name not in {OWN_MARK, "results.json"}:
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    config.var.mkdir(parents=True, exist_ok=True)
    (config.var / OWN_MARK).write_text("made by bench/serving/run.py; emptied on every run\n")
    if config.database_url:
        _recreate_postgres_database(config.database_url)
    if config.redis_url:
        if config.redis_url.rstrip("/") == os.environ.get("REDIS_URL", "").rstrip("/"):
            sys.exit("BENCH_REDIS_URL is REDIS_URL: give the bench a Redis database of its own.")
        import redis

        redis.Redis.from_url(config.redis_url).flushdb()


def _recreate_postgres_database(url):
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    current = urllib.parse.urlsplit(os.environ.get("DATABASE_URL", ""))
    if not name or (current.path.lstrip("/") == name and current.hostname == parts.hostname):
        sys.exit("BENCH_DATABASE_URL must name a database of its own (it is dropped each run).")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def load_data(config, env):
    steps = [
        ("migrate", [BIN / "utgivare", "migrate", "--noinput", "-v", "0"], {}),
        ("load the demo", [BIN / "utgivare", "load_demo"], {"UTGIVARE_DEMO": "1"}),
        ("collectstatic", [BIN / "utgivare", "collectstatic", "--noinput", "-v", "0"], {}),
        (
            "reference article and a 5,000-comment thread",
            [
                sys.executable,
                "-m",
                "bench.serving.dataset",
                ARTICLE_HTML,
                config.var / "dataset.json",
            ],
            {"DJANGO_SETTINGS_MODULE": "utgivare.settings"},
        ),
    ]
    log = config.var / "setup.log"
    for label, command, extra in steps:
        started = time.monotonic()
        with log.open("a") as output:
            done = subprocess.run(
                [str(part) for part in command],
                cwd=ROOT,
                env={**env, **extra},
                stdout=output,
                stderr=subprocess.STDOUT,
                timeout=900,
            )
        if done.returncode != 0:
            sys.exit(f"Setup step '{label}' failed; see {log}")
        say(f"  {label}: {time.monotonic() - started:.0f} s")
    return json.loads((config.var / "dataset.json").read_text(encoding="utf-8"))


# --- Processes ---------------------------------------------------------------------


class Processes:
    """What this run started, stopped in reverse order whatever happens."""

    def __init__(self):
        self.started = []

    def start(self, label, command, **kwargs):
        # A session of its own: Ctrl-C reaches only this script, which then stops it in order.
        process = subprocess.Popen(
            [str(part) for part in command], start_new_session=True, **kwargs
        )
        self.started.append((label, process))
        return process

    def stop_all(self):
        for label, process in reversed(self.started):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    say(f"  {label} did not stop in 15 s: killed")
                    process.kill()
                    process.wait(timeout=5)
        self.started.clear()


def start_gunicorn(config, env, processes):
    log = (config.var / "gunicorn.log").open("a")
    command = [
        BIN / "gunicorn",
        "utgivare.wsgi:application",
        f"--workers={config.workers}",
        "--worker-class=sync",
        f"--bind=127.0.0.1:{config.port}",
        "--timeout=30",
        "--graceful-timeout=5",
        "--no-control-socket",
        f"--worker-tmp-dir={config.var}",
        f"--pid={config.var / 'gunicorn.pid'}",
    ]
    process = processes.start(
        "gunicorn", command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 240  # a busy shared machine boots workers slowly
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited ({process.returncode}); see {config.var / 'gunicorn.log'}")
        try:
            if (
                request(config.port, "/halsa/")[0] == 200
                and len(worker_pids(process.pid)) >= config.workers
            ):
                return process
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("gunicorn did not answer /halsa/ within 240 s")


def start_nginx(config, page_html, processes):
    """nginx with a config of its own, serving the saved article page at /article/."""
    home = config.var / "nginx"
    root = config.var / "static-page"
    (root / "article").mkdir(parents=True, exist_ok=True)
    (root / "article" / "index.html").write_bytes(page_html)
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    temp = "\n".join(
        f"    {kind}_temp_path {home / 'tmp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = home / "nginx.conf"
    conf.write_text(
        f"""# Generated by bench/serving/run.py: the static-file baseline, loopback only.
worker_processes auto;
pid {home / "nginx.pid"};
error_log {home / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    types {{ text/html html; }}
    default_type application/octet-stream;
    access_log off;
    sendfile on;
{temp}
    server {{
        listen 127.0.0.1:{config.static_port};
        root {root};
        index index.html;
    }}
}}
"""
    )
    command = [tool("nginx"), "-p", home, "-e", home / "error.log", "-c", conf, "-g", "daemon off;"]
    process = processes.start("nginx", command)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"nginx exited ({process.returncode}); see {home / 'error.log'}")
        try:
            if request(config.static_port, "/article/")[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("nginx did not serve the saved page within 15 s")


def start_proxy(config, processes):
    """The shipped nginx config (deploy/nginx/utgivare.conf) in front of gunicorn."""
    home = config.var / "proxy"
    conf = proxy.write_config(
        home,
        listen=f"127.0.0.1:{config.proxy_port}",
        upstream=f"127.0.0.1:{config.port}",
        static_root=config.var / "static",
        media_root=config.var / "media",
    )
    process = processes.start("proxy nginx", proxy.command(home, conf))
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the proxy nginx exited ({process.returncode}); see {home / 'error.log'}")
        try:
            if request(config.proxy_port, "/halsa/")[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("the proxy nginx did not answer within 15 s")


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    try:
        return sorted(int(pid) for pid in children.read_text().split())
    except OSError:
        return []


def resident_kb(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else None


def workers_rss(master_pid):
    return {str(pid): resident_kb(pid) for pid in worker_pids(master_pid)}


# --- HTTP -------------------------------------------------------------------------------


def request(port, path, cookie=None, method="GET", form=None, headers=None, timeout=30):
    """(status, Set-Cookie values as name -> value, body bytes); redirects not followed."""
    connection = http_client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        sent = {"Host": f"127.0.0.1:{port}", **(headers or {})}
        if cookie:
            sent["Cookie"] = cookie
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        cookies = {}
        for header in response.msg.get_all("Set-Cookie") or []:
            parsed = SimpleCookie()
            parsed.load(header)
            cookies.update({name: morsel.value for name, morsel in parsed.items()})
        return response.status, cookies, response.read()
    finally:
        connection.close()


def cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def meter_cookie(config, path):
    status, cookies, _ = request(config.port, path)
    if status != 200 or METER_COOKIE not in cookies:
        sys.exit(f"A first read of {path} set no meter cookie (HTTP {status}).")
    return cookie_header({METER_COOKIE: cookies[METER_COOKIE]})


def login_cookie(config, email):
    """Log in as a browser does: the form's CSRF token, then a POST to /konto/login/."""
    status, cookies, body = request(config.port, "/konto/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not token or "csrftoken" not in cookies:
        sys.exit(f"The login page answered HTTP {status} without a CSRF token.")
    status, answer, _ = request(
        config.port,
        "/konto/login/",
        cookie=cookie_header(cookies),
        method="POST",
        form={
            "csrfmiddlewaretoken": token.group(1).decode(),
            "login": email,
            "password": DEMO_PASSWORD,
        },
        headers={"Referer": f"{config.base}/konto/login/", "Origin": config.base},
    )
    cookies.update(answer)
    if status != 302 or "sessionid" not in answer:
        sys.exit(f"Logging in as {email} failed (HTTP {status}).")
    # The page a browser is sent to shows the "logged in" message once and deletes
    # its cookie; wrk would otherwise send that message on every request.
    _, shown, _ = request(config.port, "/", cookie=cookie_header(cookies))
    for name, value in shown.items():
        if value:
            cookies[name] = value
        else:
            cookies.pop(name, None)
    return cookie_header(cookies)


def check(config, scenario, cookie):
    """Status 200, the expected text present, the forbidden text absent; returns the body."""
    status, _, body = request(scenario.get("port", config.port), scenario["path"], cookie=cookie)
    html = body.decode("utf-8", "replace")
    text = plain_text(html)
    problems = [f"HTTP {status}"] if status != 200 else []
    problems += [f"missing {s!r}" for s in scenario["expect"] if s not in html and s not in text]
    problems += [f"unexpected {s!r}" for s in scenario["absent"] if s in html or s in text]
    if problems:
        raise SystemExit(f"Check failed for {scenario['name']} ({scenario['path']}): {problems}")
    return body


# --- Load -----------------------------------------------------------------------------


def wrk(url, connections, seconds, cookie=None, latency=True):
    command = [tool("wrk"), "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    if latency:
        command.append("--latency")
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"wrk failed on {url}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def settle(config):
    """Wait until gunicorn has worked off what the last wrk run left queued.

    wrk stops with up to 64 requests still in the listen queue; sync workers
    then render them for closed sockets, which would eat into the next run.
    One request queues behind them and answers once they are done.
    """
    request(config.port, "/halsa/", timeout=300)


def measure(config, name, url, cookie=None):
    say(f"  {name} ...")
    wrk(url, CONNECTIONS[0], config.warmup, cookie, latency=False)
    settle(config)
    result = {"name": name, "url": url, "cookie": bool(cookie)}
    for connections in CONNECTIONS:
        output = wrk(url, connections, config.seconds, cookie)
        settle(config)
        (config.var / "wrk").mkdir(exist_ok=True)
        slug = re.sub(r"\W+", "-", name.lower()).strip("-")
        (config.var / "wrk" / f"{slug}-c{connections}.txt").write_text(output)
        result[f"c{connections}"] = asdict(parse_wrk_output(output))
    return result


# --- Report ---------------------------------------------------------------------------


def _ms(value):
    return "-" if value is None else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def _share(value, baseline):
    return f"{100 * value / baseline:.2f} %" if baseline else "-"


def table(baseline, rows):
    head = (
        "| scenario | req/s c16 | req/s c64 | p50 ms c16 / c64 | p99 ms c16 / c64 "
        "| of static c16 | of static c64 | errors |"
    )
    lines = [head, "|" + "---|" * 8]
    for row in [baseline, *rows]:
        c16, c64 = row["c16"], row["c64"]
        errors = c16["non_2xx"] + c16["socket_errors"] + c64["non_2xx"] + c64["socket_errors"]
        rate16, rate64 = c16["requests_per_second"], c64["requests_per_second"]
        lines.append(
            f"| {row['name']} | {rate16:,.1f} | {rate64:,.1f} "
            f"| {_ms(c16['p50_ms'])} / {_ms(c64['p50_ms'])} "
            f"| {_ms(c16['p99_ms'])} / {_ms(c64['p99_ms'])} "
            f"| {_share(rate16, baseline['c16']['requests_per_second'])} "
            f"| {_share(rate64, baseline['c64']['requests_per_second'])} "
            f"| {errors or 'none'} |"
        )
    return "\n".join(lines)


def peer_table(peer, rows):
    """Each scenario as a multiple of the peer measured in the same run."""
    lines = [
        f"Against {peer['name']} ("
        f"{peer['c16']['requests_per_second']:,.1f} / {peer['c64']['requests_per_second']:,.1f}"
        " req/s at c16 / c64, measured after the scenarios):",
        "| scenario | x peer c16 | x peer c64 |",
        "|---|---|---|",
    ]
    for row in rows:
        ratios = [
            row[c]["requests_per_second"] / peer[c]["requests_per_second"]
            if peer[c]["requests_per_second"]
            else 0.0
            for c in ("c16", "c64")
        ]
        lines.append(f"| {row['name']} | {ratios[0]:.1f}x | {ratios[1]:.1f}x |")
    return "\n".join(lines)


def machine():
    return {
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


# --- Main -------------------------------------------------------------------------------


def _stop_on_signal(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main():
    config = Config()
    signal.signal(signal.SIGTERM, _stop_on_signal)
    signal.signal(signal.SIGHUP, _stop_on_signal)
    ensure_tools()
    for port in (config.port, config.static_port, config.proxy_port):
        if not port_is_free(port):
            sys.exit(f"Port {port} on 127.0.0.1 is in use (BENCH_PORT / BENCH_STATIC_PORT).")
    if not ARTICLE_HTML.exists():
        sys.exit(f"The reference article is missing: {ARTICLE_HTML}")
    database = "PostgreSQL" if config.database_url else "SQLite"
    cache = "Redis" if config.redis_url else "local memory"
    say(f"bench-http: {database}, cache in {cache}, {config.workers} gunicorn sync workers")
    say(f"Setting up in {config.var} ...")
    if config.fresh:
        reset_state(config)
    else:
        config.var.mkdir(parents=True, exist_ok=True)
        (config.var / OWN_MARK).touch()
    env = site_env(config, secrets.token_urlsafe(50))
    dataset = load_data(config, env)

    processes = Processes()
    try:
        gunicorn = start_gunicorn(config, env, processes)
        say(f"gunicorn on {config.base}/ (workers {worker_pids(gunicorn.pid)})")
        scenarios = [s for s in dataset["scenarios"] if config.wants(s["name"])]
        cookies = {}
        for scenario in dataset["scenarios"]:
            login = scenario.get("login")
            if login == "meter":
                cookies[scenario["name"]] = meter_cookie(config, scenario["path"])
            elif login:
                cookies[scenario["name"]] = login_cookie(config, login)
        pages = {}
        for scenario in dataset["scenarios"] + dataset["checks"]:
            pages[scenario["name"]] = check(config, scenario, cookies.get(scenario["name"]))
        say(f"Checked {len(pages)} pages: status 200, expected text present, paywall as expected.")
        reference = check(config, dataset["scenarios"][0], None)
        start_nginx(config, reference, processes)
        static_url = f"http://127.0.0.1:{config.static_port}/article/"
        start_proxy(config, processes)
        proxied = [
            {**s, "name": f"via nginx proxy: {s['name']}", "port": config.proxy_port}
            for s in dataset["scenarios"]
            if s.get("proxy")
        ]
        for scenario in proxied:
            check(config, scenario, None)
        scenarios += [s for s in proxied if config.wants(s["name"])]

        results = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": database,
            "cache": cache,
            "workers": config.workers,
            "seconds_per_run": config.seconds,
            "machine_before": machine(),
        }
        if scenarios:
            say(f"Measuring: {config.seconds} s at c16 and at c64 per scenario ...")
            results["workers_rss_kb_before"] = workers_rss(gunicorn.pid)
            baseline = measure(config, "nginx, the reference article as a static file", static_url)
            rows = [
                measure(
                    config,
                    s["name"],
                    f"http://127.0.0.1:{s.get('port', config.port)}{s['path']}",
                    cookies.get(s["name"]),
                )
                for s in scenarios
            ]
            if config.peer_url:
                results["peer"] = measure(config, f"peer: {config.peer_url}", config.peer_url)
            results["workers_rss_kb_after"] = workers_rss(gunicorn.pid)
            results["machine_after"] = machine()
            results["baseline"] = baseline
            results["scenarios"] = rows
            (config.var / "results.json").write_text(json.dumps(results, indent=2))
            say("")
            say(
                f"{database}, cache in {cache}, gunicorn {config.workers} sync workers, "
                f"wrk -t2 {config.seconds} s per run, loopback, "
                f"load average before {results['machine_before']['load_average'][0]:.1f}"
            )
            say(table(baseline, rows))
            say(
                "Worker resident memory (MB), before -> after: "
                + ", ".join(
                    f"{pid}: {kb / 1024:.0f} -> "
                    + (
                        f"{results['workers_rss_kb_after'][pid] / 1024:.0f}"
                        if results["workers_rss_kb_after"].get(pid)
                        else "gone"
                    )
                    for pid, kb in results["workers_rss_kb_before"].items()
                    if kb
                )
            )
            if config.peer_url:
                say(peer_table(results["peer"], rows))
            say(f"Results: {config.var / 'results.json'}; raw wrk output in {config.var / 'wrk'}")
        if config.soak_seconds:
            run_soak(config, gunicorn, dataset, cookies)
        if config.keep:
            keep_serving(config, dataset, static_url)
    except KeyboardInterrupt:
        say("\nInterrupted: stopping what this run started.")
    finally:
        processes.stop_all()


def run_soak(config, gunicorn, dataset, cookies):
    chosen = [s for s in dataset["scenarios"] if "halsa" not in s["path"]]
    say("")
    say(
        f"Memory soak: {len(chosen)} scenarios at once, 4 connections each, "
        f"{config.soak_seconds} s; each worker's resident memory every minute:"
    )
    samples, outputs = soak.soak(
        config.soak_seconds,
        [(config.base + s["path"], cookies.get(s["name"])) for s in chosen],
        lambda: workers_rss(gunicorn.pid),
        say,
        tool("wrk"),
    )
    served = [parse_wrk_output(output) for output in outputs]
    for scenario, result in zip(chosen, served, strict=True):
        say(
            f"  {scenario['name']}: {result.requests:,} requests, "
            f"{result.requests_per_second:,.0f} req/s, errors {result.errors or 'none'}"
        )
    middle = (len(samples) - 1) // 2
    for since, label in ((1, "minute 1"), (middle, f"minute {middle}")):
        growth = soak.growth_mb(samples, since=since)
        say(
            f"Growth from {label} to the end (MB): "
            + (", ".join(f"{pid}: {mb:+.1f}" for pid, mb in growth.items()) or "run too short")
        )
    (config.var / "soak.json").write_text(
        json.dumps(
            {
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "seconds": config.soak_seconds,
                "samples": samples,
                "served": {s["name"]: asdict(r) for s, r in zip(chosen, served, strict=True)},
                "machine": machine(),
            },
            indent=2,
        )
    )


def keep_serving(config, dataset, static_url):
    site_url = config.base + dataset["reference_path"]
    say("")
    say(f"Serving until Ctrl-C (at most {config.keep_seconds} s):")
    say(f"  the site               {config.base}/   (demo logins: load_demo's, {DEMO_PASSWORD})")
    say(f"  the reference article  {site_url}")
    say(f"  the same page, static  {static_url}")
    say("Side by side with the peers (after their setup scripts):")
    say(f'  PEERS="wordpress ghost static site={site_url}" {PEERS_DIR / "bench.sh"}')
    time.sleep(config.keep_seconds)


if __name__ == "__main__":
    main()
