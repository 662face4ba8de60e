"""A throwaway Redis for fault-injection tests: started, stopped and frozen at will.

It runs on its own free port, so stopping it never touches the Redis that
other tests (or other test workers) use. A missing `redis-server` fails the
test: CI has it, and a skipped outage test proves nothing.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest

STARTUP_SECONDS = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            pytest.fail("redis-server is not installed; the Redis outage tests need it")
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="utgivare-redis-")
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own argument list
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                self.folder,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"redis-server did not start on port {self.port}")
            time.sleep(0.02)

    def stop(self) -> None:
        """Shut Redis down: new connections are refused, its data is gone."""
        if self.process is not None:
            if self.process.poll() is None:
                os.kill(self.process.pid, signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def freeze(self) -> None:
        """Redis stops answering but keeps its data and its port (a hung server)."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def raw(self):
        """A plain redis client for looking behind the cache's back."""
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)

    def _answers(self) -> bool:
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn,
        ):
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
        return False

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
