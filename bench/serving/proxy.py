"""The shipped nginx config (deploy/nginx/utgivare.conf), rendered and started on loopback.

Used by `make bench-http` (the proxy scenario) and by the proxy test, so both run
exactly the file production installs, with only its placeholders filled in.
"""

import os
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

SITE_CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "utgivare.conf"
NGINX = "/usr/sbin/nginx"
PLACEHOLDERS = ("LISTEN", "UPSTREAM", "CACHE_DIR", "STATIC_ROOT", "MEDIA_ROOT")


def render_site(**values) -> str:
    """The site config with @NAME@ placeholders filled in; every one must be given."""
    text = SITE_CONFIG.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name.upper()}@", str(value))
    if any(f"@{name}@" in text for name in PLACEHOLDERS):
        raise ValueError("a placeholder of deploy/nginx/utgivare.conf was not filled in")
    return text


def write_config(home: Path, *, listen: str, upstream: str, static_root, media_root) -> Path:
    """nginx.conf in `home` that includes the rendered site config; returns its path."""
    home = Path(home)
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    (home / "cache").mkdir(parents=True, exist_ok=True)
    site = home / "utgivare.conf"
    site.write_text(
        render_site(
            listen=listen,
            upstream=upstream,
            cache_dir=home / "cache",
            static_root=static_root,
            media_root=media_root,
        )
    )
    temp = "\n".join(
        f"    {kind}_temp_path {home / 'tmp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Started as root (CI containers), workers would drop to `nobody` and could not
    # write the cache in our private directory.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = home / "nginx.conf"
    conf.write_text(
        f"""# Generated: the shipped site config behind a minimal main config, loopback only.
{user}worker_processes 2;
pid {home / "nginx.pid"};
error_log {home / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    types {{ text/html html; text/css css; application/javascript js; }}
    default_type application/octet-stream;
    access_log off;
    sendfile on;
{temp}
    include {site};
}}
"""
    )
    return conf


def command(home: Path, conf: Path) -> list:
    return [
        NGINX,
        "-p",
        str(home),
        "-e",
        str(Path(home) / "error.log"),
        "-c",
        str(conf),
        "-g",
        "daemon off;",
    ]


def start(home: Path, conf: Path, probe_url: str, *, timeout=15.0) -> subprocess.Popen:
    """Start nginx in the foreground and wait until `probe_url` answers through it."""
    process = subprocess.Popen(
        command(home, conf), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = Path(home) / "error.log"
            raise RuntimeError(
                f"nginx exited ({process.returncode}): {process.stderr.read().decode()} "
                f"{log.read_text() if log.exists() else ''}"
            )
        try:
            with urllib.request.urlopen(probe_url, timeout=2):  # noqa: S310 - loopback
                return process
        except urllib.error.HTTPError:
            return process  # nginx answers (the app may say 503 before its database is up)
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"nginx did not answer {probe_url} within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
