"""The real ``klarsprak serve`` process for the web tests: started as a user starts it, stopped with Ctrl+C."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env() -> dict[str, str]:
    python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": python_path, "PYTHONUNBUFFERED": "1"}
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(name, None)
    return env


@dataclass
class Server:
    process: subprocess.Popen
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
        """One HTTP request with exactly the headers given (plus Host, unless given)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.putrequest(method, path, skip_host=headers is not None and "Host" in headers,
                                  skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            if body is not None and not any(k.lower() in ("content-length", "transfer-encoding") for k in (headers or {})):
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders()
            if body is not None:
                connection.send(body)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def check(self, payload: dict, headers: dict[str, str] | None = None) -> tuple[int, dict]:
        status, _, body = self.request("POST", "/api/check", json.dumps(payload).encode("utf-8"),
                                       {"Content-Type": "application/json", **(headers or {})})
        return status, json.loads(body)


def wait_until_serving(process: subprocess.Popen, host: str, port: int, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"klarsprak serve stoppet: {process.stderr.read() if process.stderr else ''}")
        try:
            with socket.create_connection((host, port), timeout=1):
                connection = http.client.HTTPConnection(host, port, timeout=5)
                connection.request("GET", "/")
                if connection.getresponse().status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("klarsprak serve svarte ikke")


@contextmanager
def running_server(*args: str, cwd: Path | None = None, host: str = "127.0.0.1") -> Iterator[Server]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "klarsprak", "serve", "--no-browser", "--port", str(port), *args],
                               cwd=cwd, env=server_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_serving(process, host, port)
        yield Server(process, host, port)
    finally:
        stop(process)


def stop(process: subprocess.Popen, timeout: float = 20) -> tuple[str, str]:
    """Ctrl+C, as a writer stops it; the process must be gone afterwards."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    return out or "", err or ""
