"""Bad traffic and the server's life cycle, with raw JSON-RPC bytes (what no polite client sends)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, BinaryIO

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def message(payload: dict[str, Any]) -> bytes:
    return frame(json.dumps(payload).encode())


def read_message(stream: BinaryIO) -> dict[str, Any]:
    length = None
    while True:
        line = stream.readline()
        if not line:
            raise EOFError("serveren lukket forbindelsen")
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
        if line in (b"\r\n", b"\n") and length is not None:
            return json.loads(stream.read(length))


def response(stream: BinaryIO, msg_id: int) -> dict[str, Any]:
    """The response to ``msg_id``, skipping the server's notifications on the way."""
    while True:
        received = read_message(stream)
        if received.get("id") == msg_id and "method" not in received:
            return received


def initialize(msg_id: int = 1) -> bytes:
    return message({"jsonrpc": "2.0", "id": msg_id, "method": "initialize",
                    "params": {"processId": None, "rootUri": None, "capabilities": {}}})


@pytest.fixture
def server():
    stderr = tempfile.TemporaryFile()
    env = {**os.environ, "KLARSPRAK_CACHE_DIR": tempfile.mkdtemp(), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "klarsprak", "lsp"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=stderr, env=env)
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()
    stderr.close()


def send(process: subprocess.Popen, data: bytes) -> None:
    process.stdin.write(data)
    process.stdin.flush()


def test_malformed_messages_get_logged_not_fatal_and_shutdown_exits_cleanly(server):
    send(server, initialize())
    result = response(server.stdout, 1)["result"]
    assert result["capabilities"]["positionEncoding"] == "utf-16"
    assert result["capabilities"]["textDocumentSync"]["change"] == 2  # incremental
    send(server, message({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    send(server, frame(b'{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "par'))  # cut off
    send(server, frame(b"\xff\xfe not json at all"))
    send(server, message({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"nonsense": 1}}))
    assert response(server.stdout, 3)["error"]["code"] == -32602
    send(server, message({"jsonrpc": "2.0", "id": 4, "method": "klarsprak/ukjent", "params": {}}))
    assert response(server.stdout, 4)["error"]["code"] == -32601
    send(server, message({"jsonrpc": "2.0", "method": "textDocument/didChange",  # a document never opened
                          "params": {"textDocument": {"uri": "file:///x.md", "version": 2}, "contentChanges": [{"text": "x"}]}}))
    text = "Vi skriver vedrørende timen 😀.\n"
    send(server, message({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "untitled:Innlegg-1", "languageId": "markdown", "version": 1, "text": text}}}))
    send(server, message({"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": "untitled:Innlegg-1"}, "position": {"line": 0, "character": 1}}}))
    assert "error" not in response(server.stdout, 5)
    send(server, message({"jsonrpc": "2.0", "id": 6, "method": "shutdown"}))
    assert response(server.stdout, 6)["result"] is None
    send(server, message({"jsonrpc": "2.0", "method": "exit"}))
    assert server.wait(timeout=10) == 0


def test_exit_without_shutdown_is_exit_code_1(server):
    send(server, initialize())
    response(server.stdout, 1)
    send(server, message({"jsonrpc": "2.0", "method": "exit"}))
    assert server.wait(timeout=10) == 1


def test_editor_closing_the_pipe_ends_the_server(server):
    send(server, initialize())
    response(server.stdout, 1)
    server.stdin.close()
    assert server.wait(timeout=10) is not None


def test_tcp_transport(tmp_path: Path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "KLARSPRAK_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "klarsprak", "lsp", "--tcp", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=30)
                break
            except ConnectionRefusedError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        with connection, connection.makefile("rwb") as stream:
            stream.write(initialize())
            stream.flush()
            assert response(stream, 1)["result"]["serverInfo"]["name"] == "klarsprak"
            stream.write(message({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
            stream.flush()
            assert response(stream, 2)["result"] is None
            stream.write(message({"jsonrpc": "2.0", "method": "exit"}))
            stream.flush()
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
