"""Language-server latency: time to first diagnostics after ``didOpen`` and ``didChange`` → diagnostics.

Run: python benchmarks/lsp_latency.py [--edits 200] [--starts 3] [--interval-ms 40] [--post FILE]

It starts ``python -m klarsprak lsp`` as an editor would (stdio, no config file: every shipped pack),
opens a ~300-word bureaucratic post and measures, from the client's side of the pipe:

1. cold start: ``didOpen`` → first ``publishDiagnostics`` (and process start → it), fresh process each;
2. one edit at a time: a keystroke in the middle of a paragraph → the diagnostics for that version;
3. typing: a keystroke every ``--interval-ms``; for each keystroke, the time until diagnostics for
   that version or a newer one arrive (the server coalesces keystrokes that arrive while it checks).

The goal (issue 5) is p95 ≤ 50 ms for 2 and 3, and ≤ 2 s for 1 including model load.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

POST = """\
---
kanal: facebook
---
# Vedrørende endringer i ordningen for timebestilling hos fastlege

Helsedirektoratet informerer herved om at det i forbindelse med innføringen av den nye digitale \
løsningen for timebestilling vil foreligge enkelte endringer i hvordan du som pasient skal gå frem \
når du ønsker å bestille time hos din fastlege i løpet av de kommende månedene.

Det er av stor betydning at du er kjent med at henvendelser vedrørende timebestilling fortrinnsvis \
skal rettes via helsenorge.no, og at telefonhenvendelser kun skal benyttes dersom det foreligger \
særskilte behov som ikke kan ivaretas gjennom den digitale løsningen.

Vi gjør oppmerksom på at det kan forekomme noe ventetid i oppstartsfasen. Dette skyldes at samtlige \
legekontor skal implementere løsningen i løpet av kort tid. Vi beklager eventuelle ulemper dette \
måtte medføre for deg og dine pårørende.

Slik går du frem:

- Logg inn på helsenorge.no med BankID eller annen godkjent elektronisk identifikasjon.
- Velg «Timebestilling» og deretter fastlegekontoret ditt.
- Finn en ledig time som passer for deg, og bekreft bestillingen.

Dersom du har spørsmål vedrørende den nye ordningen, kan du ta kontakt med Veiledning helsenorge \
på telefon 23 32 70 00. Vi besvarer henvendelser på hverdager mellom klokken 08.00 og 15.30. Ta \
gjerne også en titt på våre nettsider, hvor du finner utfyllende informasjon om hvordan den nye \
løsningen fungerer og hvilke rettigheter du har som pasient.

Husk at du alltid kan ringe legevakten på 116 117 hvis du trenger hjelp utenom åpningstidene til \
fastlegen. Ved akutt sykdom eller skade ringer du 113. Vi minner om at det er viktig å avbestille \
timer du ikke kan benytte, slik at andre pasienter kan få tilbud om time. Avbestilling må skje \
senest 24 timer før avtalt time, ellers kan det påløpe et gebyr i henhold til gjeldende regelverk.

Med vennlig hilsen Helsedirektoratet 😀
"""


class Client:
    """A minimal LSP client over the server's stdio, timestamping every message it receives."""

    def __init__(self, env: dict[str, str], server_args: list[str]) -> None:
        self.started = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, "-m", "klarsprak", "lsp", *server_args], cwd=ROOT, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.published: list[tuple[float, int | None, int]] = []  # (time, version, diagnostics)
        self.arrived = threading.Condition()  # waiting without polling: the client must not steal CPU
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                elif line == b"\r\n" and length is not None:
                    break
            message = json.loads(stream.read(length))
            now = time.perf_counter()
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                with self.arrived:
                    self.published.append((now, params.get("version"), len(params["diagnostics"])))
                    self.arrived.notify_all()
            self.inbox.put((now, message))

    def send(self, payload: dict[str, Any]) -> float:
        body = json.dumps({"jsonrpc": "2.0", **payload}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return time.perf_counter()

    def request(self, method: str, params: Any) -> dict[str, Any]:
        self._next_id += 1
        msg_id = self._next_id
        self.send({"id": msg_id, "method": method, "params": params})
        while True:
            _, message = self.inbox.get(timeout=60)
            if message.get("id") == msg_id and "method" not in message:
                return message

    def wait_published(self, version: int, timeout: float = 60) -> tuple[float, int]:
        """Time and diagnostics count of the first publish for ``version`` or newer."""
        def found() -> tuple[float, int] | None:
            for when, published_version, count in self.published:
                if published_version is not None and published_version >= version:
                    return when, count
            return None

        with self.arrived:
            result = self.arrived.wait_for(found, timeout)
        if result is None:
            raise TimeoutError(f"no diagnostics for version {version}")
        return result

    def close(self) -> None:
        self.request("shutdown", None)
        self.send({"method": "exit"})
        self.process.wait(timeout=30)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux): a load-independent figure for cold start."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start(folder: Path, env: dict[str, str], text: str, server_args: list[str]) -> tuple[Client, float, float, int]:
    client = Client(env, server_args)
    client.request("initialize", {"processId": os.getpid(), "rootUri": folder.as_uri(), "capabilities": {}})
    client.send({"method": "initialized", "params": {}})
    uri = (folder / "innlegg.md").as_uri()
    opened = client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    when, count = client.wait_published(1)
    client.cpu_at_first = cpu_seconds(client.process.pid)
    return client, when - opened, when - client.started, count


def keystroke(client: Client, uri: str, version: int, line: int, column: int) -> float:
    """Type a letter at (line, column) on odd versions and delete it again on even ones."""
    end = column if version % 2 else column + 1
    change = {"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": end}},
              "text": "e" if version % 2 else ""}
    return client.send({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"p50 {statistics.median(ordered) * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms   "
            f"max {ordered[-1] * 1000:6.1f} ms   (n={len(ordered)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--interval-ms", type=float, default=40.0)
    parser.add_argument("--post", type=Path, default=None)
    parser.add_argument("--log-file", default=None, help="the server logs each check's timing here")
    args = parser.parse_args()
    text = args.post.read_text(encoding="utf-8") if args.post else POST
    lines = text.splitlines()
    line = next(i for i, l in enumerate(lines) if l.startswith("Vi gjør oppmerksom"))
    column = lines[line].index("ventetid")

    folder = Path(tempfile.mkdtemp(prefix="klarsprak-bench-"))
    env = {**os.environ, "KLARSPRAK_CACHE_DIR": str(folder / "cache"), "PYTHONPATH": str(ROOT)}
    words = len([w for w in text.split() if any(c.isalpha() for c in w)])
    print(f"Innlegg: {words} ord, {len(text)} tegn. Maskin: {os.cpu_count()} kjerner, "
          f"last {os.getloadavg()[0]:.1f}.")

    opens, spawns = [], []
    client = None
    for attempt in range(args.starts):
        if client is not None:
            client.close()
        server_args = ["--log-file", args.log_file, "--log-level", "info"] if args.log_file else []
        client, after_open, after_spawn, count = start(folder, env, text, server_args)
        opens.append(after_open)
        spawns.append(after_spawn)
        print(f"  kaldstart {attempt + 1}: didOpen → diagnostikk {after_open:.2f} s, "
              f"prosessstart → diagnostikk {after_spawn:.2f} s ({count} funn; serveren brukte "
              f"{client.cpu_at_first:.2f} s CPU-tid så langt)")
    print(f"Første diagnostikk etter didOpen: median {statistics.median(opens):.2f} s, "
          f"etter prosessstart: median {statistics.median(spawns):.2f} s")

    uri = (folder / "innlegg.md").as_uri()
    version = 1
    single = []
    for _ in range(args.edits):
        version += 1
        sent = keystroke(client, uri, version, line, column)
        when, _ = client.wait_published(version)
        single.append(when - sent)
    print(f"Ett tastetrykk om gangen, didChange → publishDiagnostics: {percentiles(single)}")

    typed = []
    sent_at: dict[int, float] = {}
    first = version + 1
    for _ in range(args.edits):
        version += 1
        sent_at[version] = keystroke(client, uri, version, line, column)
        time.sleep(args.interval_ms / 1000)
    client.wait_published(version)
    for typed_version in range(first, version + 1):
        when, _ = client.wait_published(typed_version)
        typed.append(when - sent_at[typed_version])
    shown = len({v for _, v, _ in client.published if v is not None and v >= first})
    print(f"Skriving (et tastetrykk hvert {args.interval_ms:.0f}. ms), tastetrykk → diagnostikk som dekker det: "
          f"{percentiles(typed)}; {shown} av {args.edits} versjoner publisert")
    client.close()


if __name__ == "__main__":
    main()
