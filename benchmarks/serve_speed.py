"""How fast ``klarsprak serve`` is: start until usable, and server time per 300-word post once warm.

    python benchmarks/serve_speed.py [--runs 3] [--requests 60] [--browser]

Starts the real server process (``python -m klarsprak serve --no-browser``) as a user would.
* start: from process start until ``GET /`` answers, and until the first check is answered (the
  page is usable: the language model is loaded). With ``--browser``, also until the page in
  Chromium has loaded its script and settings (``body[data-ready]``).
* warm: server time (the ``Server-Timing`` header: the check itself, lock wait included) and the
  round trip, for 300-word posts: each request a new post (no cached paragraph), and typing (the
  same post with the last paragraph changed, as the page sends it while the writer types).
* concurrent: the same new posts from 4 clients at once (checks queue on the engine's lock).
Goals (issue 12): p95 server time <= 50 ms, usable <= 2 s. Numbers on a busy machine are noisy.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return env


def post_words() -> list[str]:
    """Words of the example posts (front matter and comments left out), bokmål and nynorsk."""
    words: list[str] = []
    for name in ("bokmal-darlig.md", "bokmal-god.md", "svar-darlig.md"):
        text = (ROOT / "examples" / name).read_text(encoding="utf-8")
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
        words += re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL).split()
    return words


def make_post(words: list[str], serial: int, n_words: int = 300) -> str:
    """A 300-word post in paragraphs of about 60 words; ``serial`` makes every paragraph new."""
    chosen = [words[(serial * 7 + i) % len(words)] for i in range(n_words)]
    paragraphs = [" ".join(chosen[i:i + 60]) + f" Sak {serial}-{i}." for i in range(0, n_words, 60)]
    return "\n\n".join(paragraphs) + "\n"


def request(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data


def check(port: int, text: str) -> tuple[float, float]:
    """(server ms, round-trip ms) for one check."""
    started = time.perf_counter()
    status, headers, _ = request(port, "POST", "/api/check", json.dumps({"text": text}).encode())
    round_trip = (time.perf_counter() - started) * 1000
    assert status == 200, status
    server = float(re.search(r"dur=([\d.]+)", headers["server-timing"]).group(1))
    return server, round_trip


def start(port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "klarsprak", "serve", "--no-browser", "--port", str(port)],
                            env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    process.wait(30)


def wait_for_page(port: int, deadline: float) -> None:
    while time.perf_counter() < deadline:
        try:
            if request(port, "GET", "/")[0] == 200:
                return
        except OSError:
            time.sleep(0.01)
    raise RuntimeError("the server never answered")


def measure_start(browser) -> dict[str, float]:
    """Seconds from process start; the browser (if any) is running before the clock starts."""
    port = free_port()
    page = browser.new_page() if browser is not None else None
    started = time.perf_counter()
    process = start(port)
    try:
        wait_for_page(port, started + 120)
        result = {"page served": time.perf_counter() - started}
        if page is not None:
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector("body[data-ready]")
            result["page ready in Chromium"] = time.perf_counter() - started
        check(port, "Vi viser til din henvendelse vedrørende timebestilling.")
        result["first check answered"] = time.perf_counter() - started
        return result
    finally:
        if page is not None:
            page.close()
        stop(process)


def measure_starts(runs: int, with_browser: bool) -> list[dict[str, float]]:
    if not with_browser:
        return [measure_start(None) for _ in range(runs)]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--headless", "--no-sandbox", "--disable-gpu", "--no-proxy-server"])
        try:
            return [measure_start(browser) for _ in range(runs)]
        finally:
            browser.close()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def summary(name: str, values: list[float]) -> str:
    return f"{name:<34} n={len(values):<4} median {statistics.median(values):6.1f} ms   p95 {p95(values):6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts to time")
    parser.add_argument("--requests", type=int, default=60, help="checks per warm measurement")
    parser.add_argument("--browser", action="store_true", help="also time the page in Chromium")
    args = parser.parse_args()

    starts = measure_starts(args.runs, args.browser)
    for key in starts[0]:
        values = [run[key] for run in starts]
        print(f"start → {key:<24} median {statistics.median(values):5.2f} s   max {max(values):5.2f} s  (runs={len(values)})")

    words = post_words()
    port = free_port()
    process = start(port)
    try:
        wait_for_page(port, time.perf_counter() + 120)
        for serial in range(5):  # warm: model loaded, first-use costs paid
            check(port, make_post(words, 10_000 + serial))
        print(f"post length: {len(make_post(words, 1).split())} words")
        new = [check(port, make_post(words, serial)) for serial in range(args.requests)]
        print(summary("new post each time: server", [s for s, _ in new]))
        print(summary("new post each time: round trip", [r for _, r in new]))
        base = make_post(words, 99_999)
        typing = [check(port, base + f"Og så skriver jeg ord nummer {i}.") for i in range(args.requests)]
        print(summary("typing (last paragraph): server", [s for s, _ in typing]))
        with ThreadPoolExecutor(max_workers=4) as pool:
            together = list(pool.map(lambda serial: check(port, make_post(words, 50_000 + serial)), range(args.requests)))
        print(summary("4 clients at once: server (+lock)", [s for s, _ in together]))
        print(summary("4 clients at once: round trip", [r for _, r in together]))
    finally:
        stop(process)


if __name__ == "__main__":
    main()
