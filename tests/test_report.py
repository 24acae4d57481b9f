"""``klarsprak report``: the nynorsk share per month against språklova § 13, as a manager sees it.

The history below has known answers: January 25 % nynorsk, February 75 %, March 2 of 3 (dates
from the first git commit for two of its posts), one post outside git (no date), one mixed post
and one too short to tell. The HTML page is rendered in headless Chromium and the bars measured.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from tests.content_helpers import cli, make_project

NB = "Du kan bytte fastlege to ganger i året. Hva lurer du på?"
NN = "Kva vaksinar har du fått? Du finn ei oversikt over vaksinane dine på nett."
MIXED = "Eg veit ikkje kva dei vil. Hva skjer nå? Jeg vet ikke hva de vil."
LONG = ("Vi minner om at du kan bestille time hos fastlegen din på nett, og at du kan se timene dine, "
        "reseptene dine og meldingene dine på samme sted hele døgnet.")


def post(text: str, **meta: str) -> str:
    head = "".join(f"{key}: {value}\n" for key, value in meta.items())
    return (f"---\n{head}---\n" if head else "") + text + "\n"


def git(folder: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Redaksjonen", "GIT_AUTHOR_EMAIL": "red@example.invalid",
           "GIT_COMMITTER_NAME": "Redaksjonen", "GIT_COMMITTER_EMAIL": "red@example.invalid"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("innhold"), "stivt, setningslengde")
    files = {
        "2025-01/a.md": post(NB + " Vi skriver vedrørende timen.", dato="2025-01-06"),
        "2025-01/b.md": post(NB, dato="2025-01-13"),
        "2025-01/c.md": post(LONG + " " + NB, dato="2025-01-20"),
        "2025-01/d.md": post(NN, dato="2025-01-27"),
        "2025-02/a.md": post(NB + " Vi skriver vedrørende frikort.", dato="2025-02-03"),
        "2025-02/b.md": post(NN, dato="2025-02-10"),
        "2025-02/c.md": post(NN, dato="2025-02-17"),
        "2025-02/d.md": post(NN, dato="2025-02-24"),
        "2025-02/blanda.md": post(MIXED, dato="2025-02-25"),
        "2025-03/kort-nn.md": post("👍", dato="2025-03-20", malform="nn"),
        "2025-03/kort.md": post("👍", dato="2025-03-21"),
        "git/nn.md": post(NN),
        "git/nb.md": post(NB),
    }
    for name, text in files.items():
        (root / "innlegg" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "innlegg" / name).write_text(text, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "mars", when="2025-03-15T12:00:00+01:00")
    (root / "innlegg" / "git" / "nb.md").write_text(post(NB + " Du finner svar på nett."), encoding="utf-8")
    git(root, "commit", "-q", "-am", "retting i april", when="2025-04-02T09:00:00+02:00")  # first commit still counts
    (root / "innlegg" / "ikke-committet.md").write_text(post(NB), encoding="utf-8")
    return root


def report(root: Path, *args: str) -> subprocess.CompletedProcess:
    return cli("report", *args, "innlegg", cwd=root)


def test_json_counts_shares_and_months(history):
    result = report(history, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["totals"] == {"posts": 14, "nb": 6, "nn": 6, "mixed": 1, "unknown": 1,
                              "nynorsk_share": 50.0, "bokmal_share": 50.0}
    months = {m["month"]: (m["posts"], m["nb"], m["nn"], m["mixed"], m["unknown"], m["nynorsk_share"]) for m in data["months"]}
    assert months == {
        "2025-01": (4, 3, 1, 0, 0, 25.0),
        "2025-02": (5, 1, 3, 1, 0, 75.0),
        "2025-03": (4, 1, 2, 0, 1, 66.7),  # two of them dated by their first commit (March, not April)
        None: (1, 1, 0, 0, 0, 0.0),
    }
    assert data["dates"] == {"front_matter": 11, "git": 2, "none": 1}
    assert sorted((item["path"], item["malform"]) for item in data["undecided"]) == [
        ("innlegg/2025-02/blanda.md", "mixed"), ("innlegg/2025-03/kort.md", "unknown")]
    assert [(r["rule"], r["findings"], r["posts"]) for r in data["top_rules"]] == [("stivt", 2, 2), ("setningslengde", 1, 1)]
    assert data["principles"] == [{"principle": "klart språk", "findings": 3}]
    assert data["meets_target"] is True


def test_text_table(history):
    result = report(history)
    out = result.stdout.decode()
    rows = {cells[0]: cells[1:] for line in out.splitlines() if (cells := re.split(r"\s{2,}", line.strip()))}
    assert rows["2025-01"][:7] == ["4", "3", "1", "0", "0", "25,0 %", "75,0 %"]
    assert rows["2025-02"][5] == "75,0 %" and rows["2025-02"][6] == "25,0 %"
    assert rows["uten dato"][-1] == "under målet for nynorsk"
    assert rows["I alt"][:7] == ["14", "6", "6", "1", "1", "50,0 %", "50,0 %"]
    assert "Nynorskdelen er 50,0 %" in out
    assert "innlegg/2025-02/blanda.md  blanding" in out


def test_min_nynorsk_sets_the_exit_code(history):
    assert report(history, "--min-nynorsk", "50").returncode == 0
    below = report(history, "--min-nynorsk", "50.1")
    assert below.returncode == 1
    assert "nynorskdelen er 50,0 %, under kravet på 50,1 %" in below.stderr.decode()


def test_calendar_rows_and_a_broken_file(tmp_path):
    project = make_project(tmp_path, "stivt")
    (project / "plan.csv").write_text(f"dato;malform;tekst\n2025-05-05;nn;{NN}\n2025-05-06;nb;{NB}\n", encoding="utf-8")
    (project / "ødelagt.md").write_bytes(b"Hei \xff\n")
    result = cli("report", "--format", "json", ".", cwd=project)
    assert result.returncode == 2  # like check: a file that cannot be read is an input error
    data = json.loads(result.stdout)
    assert data["months"] == [{"month": "2025-05", "posts": 2, "nb": 1, "nn": 1, "mixed": 0, "unknown": 0,
                               "nynorsk_share": 50.0, "bokmal_share": 50.0}]
    assert len(data["errors"]) == 1 and "ødelagt.md" in data["errors"][0]


# -- the HTML page in a real browser ----------------------------------------------------------------
def browser() -> str | None:
    return next((path for name in ("chromium", "chromium-browser", "google-chrome") if (path := shutil.which(name))), None)


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit RGB/RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line[c] for x in range(width) for c in range(x * channels, x * channels + 3)))
        previous = line
    return width, height, rows


def mask(rows: list[bytes], width: int, colour: str, tolerance: int = 6) -> list[list[bool]]:
    target = bytes.fromhex(colour.lstrip("#"))
    return [[all(abs(row[3 * x + c] - target[c]) <= tolerance for c in range(3)) for x in range(width)] for row in rows]


def runs(flags: list[bool], min_length: int = 1) -> list[tuple[int, int]]:
    found, start = [], None
    for index, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            if index - start >= min_length:
                found.append((start, index))
            start = None
    return found


@pytest.fixture(scope="module")
def screenshot(history, tmp_path_factory):
    exe = browser()
    if exe is None:
        pytest.skip("Chromium er ikke installert (apt-get install chromium); .ci/run installerer den")
    out = tmp_path_factory.mktemp("html")
    page = out / "rapport.html"
    result = report(history, "--format", "html", "--output", str(page))
    assert result.returncode == 0, result.stderr.decode()
    png = out / "rapport.png"
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--hide-scrollbars", "--force-device-scale-factor=1", f"--user-data-dir={out / 'profil'}",
                    "--window-size=1000,2600", f"--screenshot={png}", page.as_uri()],
                   capture_output=True, timeout=120, check=False)
    assert png.is_file(), "Chromium laget ikke noe skjermbilde"
    return page.read_text(encoding="utf-8"), read_png(png.read_bytes())


def test_html_is_self_contained(screenshot):
    html, _ = screenshot
    assert not re.search(r"<script|<link|<img|<iframe|\burl\(|@import", html, re.I)
    assert not re.search(r"""(src|href)\s*=""", html, re.I)
    assert 'lang="nb"' in html


def test_month_chart_is_drawn_to_scale(screenshot):
    from klarsprak.output.report_html import (
        BOKMAL_COLOUR,
        NYNORSK_COLOUR,
        TARGET_COLOUR,
    )

    _, (width, height, rows) = screenshot
    nynorsk = mask(rows, width, NYNORSK_COLOUR)
    columns = [any(nynorsk[y][x] for y in range(height)) for x in range(width)]
    bars = runs(columns, min_length=20)  # legend swatches are 12 px wide
    assert len(bars) == 3, bars  # January, February, March; the undated month has no nynorsk post

    def extent(bar: tuple[int, int]) -> tuple[int, int]:
        """The bar's filled run in its centre column, from the baseline up (the dashed target
        line, 3 px, may cross it)."""
        centre = (bar[0] + bar[1]) // 2
        bottom = max(y for y in range(height) if nynorsk[y][centre])
        top = bottom
        while any(nynorsk[y][centre] for y in range(max(top - 5, 0), top)):
            top = next(y for y in range(max(top - 5, 0), top) if nynorsk[y][centre])
        return top, bottom

    (jan_top, jan_bottom), (feb_top, feb_bottom), (mar_top, mar_bottom) = map(extent, bars)
    assert abs(jan_bottom - feb_bottom) <= 1 and abs(feb_bottom - mar_bottom) <= 1  # one baseline
    jan, feb, mar = (jan_bottom - jan_top + 1), (feb_bottom - feb_top + 1), (mar_bottom - mar_top + 1)
    assert feb / jan == pytest.approx(3.0, rel=0.05)  # 75 % against 25 %
    assert mar / jan == pytest.approx(66.7 / 25, rel=0.05)
    # bokmål is stacked on top of each bar, and the 25 % target line crosses January's bar top
    bokmal = mask(rows, width, BOKMAL_COLOUR)
    centre = (bars[0][0] + bars[0][1]) // 2
    assert bokmal[jan_top - 5][centre]
    target = mask(rows, width, TARGET_COLOUR)
    line_rows = [y for y in range(height) if sum(target[y]) > width * 0.3]
    assert line_rows and min(abs(y - jan_top) for y in line_rows) <= 3


def test_findings_charts_are_drawn(screenshot):
    from klarsprak.output.report_html import FINDINGS_COLOUR

    _, (width, height, rows) = screenshot
    purple = mask(rows, width, FINDINGS_COLOUR)
    bars = runs([sum(row) > 40 for row in purple], min_length=10)
    assert len(bars) == 3  # «klart språk» per principle, then «stivt» and «setningslengde» per rule
    lengths = [max(x for x in range(width) if purple[(top + bottom) // 2][x]) for top, bottom in bars]
    assert lengths[1] > lengths[2]  # stivt (2) is drawn longer than setningslengde (1)
