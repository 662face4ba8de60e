"""The shipped nginx config (deploy/nginx/utgivare.conf) in front of the live test
server keeps the paywall's and the shared cache's promises:

- a page every reader may share is served from the proxy's cache;
- the meter still counts every read: an over-quota reader gets the teaser;
- a subscriber's (or any logged-in reader's) page never reaches an anonymous reader;
- no stored answer carries Set-Cookie;
- a published change shows through the proxy within seconds.
"""

import hashlib
import http.client
import shutil
import socket
import time
from pathlib import Path

import pytest
from bench.serving import proxy
from django.test import Client

from tests.factories import ArticlePageFactory, site_tree
from tests.paywall.helpers import FIRST_PARAGRAPH, PAYWALLED_SENTENCES
from tests.paywall.test_metered_reading import box
from tests.subscriptions.factories import SubscriptionFactory
from utgivare.core import caching, page_cache

pytestmark = pytest.mark.skipif(
    not Path(proxy.NGINX).exists(),
    reason=f"{proxy.NGINX} is not installed (Debian package nginx-light; .ci/run installs it)",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Proxy:
    def __init__(self, port):
        self.port = port

    def get(self, path, cookies=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {}
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read().decode()
        result = (response.status, response.headers, body)
        connection.close()
        return result


@pytest.fixture
def nginx(transactional_db, live_server, tmp_path, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 600
    # Proxy entries live one second here, so a publish must show within about that.
    monkeypatch.setattr(caching, "SHARED_SECONDS", 1)
    port = free_port()
    upstream = live_server.url.removeprefix("http://")
    conf = proxy.write_config(
        tmp_path / "nginx",
        listen=f"127.0.0.1:{port}",
        upstream=upstream,
        static_root=settings.STATIC_ROOT,
        media_root=settings.MEDIA_ROOT,
    )
    process = proxy.start(tmp_path / "nginx", conf, f"http://127.0.0.1:{port}/halsa/")
    yield Proxy(port), tmp_path / "nginx" / "cache"
    proxy.stop(process)
    page_cache._memo.clear()
    shutil.rmtree(tmp_path / "nginx", ignore_errors=True)


def stored_headers(cache_dir: Path) -> list[str]:
    """The header part of every answer nginx stored."""
    return [
        path.read_bytes().split(b"\r\n\r\n", 1)[0].decode("latin-1")
        for path in cache_dir.rglob("*")
        if path.is_file()
    ]


def wait_until_stored(cache_dir: Path, path: str, timeout=5.0):
    """Until nginx has put its answer for `path` in place. The last byte can reach us
    before the worker that fetched it renames its file into place; the other worker,
    asked in between, finds no entry (MISS). The file is named by the md5 of the key
    (`proxy_cache_key`, no language cookie), in folders `levels=1:2`."""
    name = hashlib.md5(f"http://127.0.0.1{path}|lang=".encode()).hexdigest()  # noqa: S324
    entry = cache_dir / name[-1] / name[-3:-1] / name
    deadline = time.monotonic() + timeout
    while not entry.exists():
        assert time.monotonic() < deadline, f"nginx stored no answer for {path}"
        time.sleep(0.01)


def test_shipped_proxy_config_keeps_the_paywall_and_shared_cache_rules(nginx):
    via, cache_dir = nginx
    tree = site_tree()
    section = tree["sections"][0]
    free = ArticlePageFactory(parent=section, title="Fri läsning", access_level="free")
    metered = [
        ArticlePageFactory(parent=section, title=f"Granskning del {i}", access_level="metered")
        for i in range(4)
    ]
    paid = ArticlePageFactory(
        parent=section, title="Bara för prenumeranter", access_level="subscribers"
    )

    # A shareable page: stored once, then served by nginx; an unrelated cookie changes nothing.
    assert via.get(free.url)[0] == 200
    wait_until_stored(cache_dir, free.url)
    status, headers, body = via.get(free.url, cookies={"_ga": "GA1.2.3"})
    assert status == 200 and headers["X-Proxy-Cache"] == "HIT"
    assert PAYWALLED_SENTENCES[0] in body

    # The meter counts every read through the proxy: the fourth metered piece is a teaser.
    reader = {}
    for number, article in enumerate(metered):
        status, headers, body = via.get(article.url, cookies=reader)
        assert status == 200
        assert headers["X-Proxy-Cache"] != "HIT"
        if number < 3:  # a counted read: the meter cookie comes back updated
            name, _eq, rest = headers["Set-Cookie"].partition("=")
            reader[name] = rest.split(";", 1)[0]
    assert FIRST_PARAGRAPH in body
    assert box(body) is not None
    assert not any(sentence in body for sentence in PAYWALLED_SENTENCES)

    # A subscriber reads the whole piece; an anonymous reader after them gets the teaser.
    subscriber_client = Client()
    subscriber = SubscriptionFactory().user
    subscriber_client.force_login(subscriber)
    session = {"sessionid": subscriber_client.cookies["sessionid"].value}
    for _ in range(2):
        status, headers, body = via.get(paid.url, cookies=session)
        assert PAYWALLED_SENTENCES[0] in body
        assert headers["X-Proxy-Cache"] in ("BYPASS", "MISS")
        via.get(free.url, cookies=session)
    for _ in range(2):
        status, headers, body = via.get(paid.url)
        assert status == 200
        assert not any(sentence in body for sentence in PAYWALLED_SENTENCES)
        status, headers, body = via.get(free.url)
        assert "/konto/logout/" not in body and subscriber.email not in body

    # Nothing nginx stored carries a cookie.
    stored = stored_headers(cache_dir)
    assert stored
    assert not [entry for entry in stored if "set-cookie" in entry.lower()]

    # A published change shows through the proxy within seconds, without a purge.
    free.title = "Fri läsning, rättad"
    free.save_revision().publish()
    deadline = time.monotonic() + 6
    while "Fri läsning, rättad" not in via.get(free.url)[2]:
        assert time.monotonic() < deadline, "the change did not show through the proxy"
        time.sleep(0.3)
