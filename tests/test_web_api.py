"""``klarsprak serve``'s API against the real server process: the CLI's JSON, bad requests, security, concurrency."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import ROOT, run_cli
from tests.web_server import (
    Server,
    free_port,
    running_server,
    server_env,
    stop,
    wait_until_serving,
)

pytestmark = pytest.mark.slow

BOKMAL = ("Vi viser til din henvendelse vedrørende timebestilling 😀. Man må ta kontakt med fastlegen "
          "samt sende inn skjemaet.\n\nHilsen æøå-teamet\n")
NYNORSK = "Vi har fått mange spørsmål angåande koronavaksinen. Vi skal vareta tryggleiken din på nett.\n"


@pytest.fixture(scope="module")
def server():
    with running_server() as running:
        yield running


def json_header() -> dict[str, str]:
    return {"Content-Type": "application/json"}


# -- the same answers as the CLI ------------------------------------------------------------------
@pytest.mark.parametrize("text", [BOKMAL, NYNORSK, "Hei\r\nDette gjelder samt 🙂 emoji.\r\n"])
def test_check_answers_the_clis_json_record_for_the_same_text(server, text):
    status, record = server.check({"text": text})
    cli = run_cli("check", "--format", "json", "-", stdin=text.encode("utf-8"))
    assert cli.returncode in (0, 1), cli.stderr
    assert status == 200
    assert record == json.loads(cli.stdout)["files"][0]  # path "-" in both


def test_a_fix_range_in_code_points_points_at_the_word_after_an_emoji(server):
    status, record = server.check({"text": BOKMAL})
    found = next(d for d in record["diagnostics"] if d["rule"] == "byrakratisk-ord" and d["suggestions"][0]["text"] == "om")
    line = BOKMAL.split("\n")[found["line"] - 1]
    assert line[found["column"] - 1:found["end_column"] - 1] == "vedrørende"
    assert found["suggestions"][0] == {"text": "om", "safe": True, "fix": True}


def test_selectors_act_as_front_matter(server):
    long_post = "Les mer om vaksinen her. " * 15
    _, plain = server.check({"text": long_post})
    _, on_x = server.check({"text": long_post, "kanal": "x"})
    assert "kanal-lengde" not in {d["rule"] for d in plain["diagnostics"]}
    assert "kanal-lengde" in {d["rule"] for d in on_x["diagnostics"]}
    bokmal = "Hva gjør du hvis du ikke får time hos fastlegen? Her er noen råd til deg."
    _, free = server.check({"text": bokmal, "malform": "auto"})
    _, as_nn = server.check({"text": bokmal, "malform": "nn"})
    assert "malform-policy" not in {d["rule"] for d in free["diagnostics"]}
    assert "malform-policy" in {d["rule"] for d in as_nn["diagnostics"]}


def test_rules_are_the_clis_rules(server):
    status, _, body = server.request("GET", "/api/rules")
    cli = run_cli("rules", "--format", "json")
    assert status == 200 and json.loads(body) == json.loads(cli.stdout)


def test_one_rule_carries_the_explain_page_in_the_asked_malform(server):
    status, _, body = server.request("GET", "/api/rules/byrakratisk-ord?malform=nn")
    rule = json.loads(body)
    cli = run_cli("explain", "byrakratisk-ord", "--malform", "nn")
    assert status == 200
    assert rule["text"] == cli.stdout.decode("utf-8").rstrip("\n")
    assert "ikkje" in rule["explanation"]["nn"] and rule["fix_safe"] is True
    missing, _, body = server.request("GET", "/api/rules/finnes-ikke")
    assert missing == 404 and "ukjent regel" in json.loads(body)["error"]


def test_rule_page_is_html_in_the_asked_malform(server):
    status, headers, body = server.request("GET", "/regler/byrakratisk-ord?malform=nn")
    page = body.decode("utf-8")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert '<html lang="nn">' in page and "Kvifor" in page and "Strategien til Helsenorge seier" in page


# -- config as check finds it --------------------------------------------------------------------
def test_uses_the_content_repos_config_like_check(tmp_path):
    (tmp_path / ".klarsprak.yaml").write_text("ignore: [byrakratisk-ord]\n", encoding="utf-8")
    inner = tmp_path / "innlegg"
    inner.mkdir()
    with running_server(cwd=inner) as server:
        _, record = server.check({"text": BOKMAL})
    cli = run_cli("check", "--format", "json", "-", cwd=inner, stdin=BOKMAL.encode("utf-8"))
    rules = {d["rule"] for d in record["diagnostics"]}
    assert "byrakratisk-ord" not in rules and "tiltale" in rules
    assert record == json.loads(cli.stdout)["files"][0]


def test_config_option_and_a_bad_config_fails_in_one_line(tmp_path):
    config = tmp_path / "egen.yaml"
    config.write_text("ignore: [tiltale]\n", encoding="utf-8")
    with running_server("--config", str(config)) as server:
        _, record = server.check({"text": BOKMAL})
    assert "tiltale" not in {d["rule"] for d in record["diagnostics"]}
    config.write_text("fargerik: ja\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "klarsprak", "serve", "--no-browser", "--port", str(free_port()),
                             "--config", str(config)], env=server_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "ukjent nøkkel «fargerik»" in result.stderr and "Traceback" not in result.stderr


# -- bad requests -----------------------------------------------------------------------------------
BIG = json.dumps({"text": "a" * (1024 * 1024 + 10)}).encode()


@pytest.mark.parametrize(("body", "headers", "status", "words"), [
    (b'{"text": "Hei"}', {"Content-Type": "text/plain"}, 415, "application/json"),
    (b'{"text": "Hei"}', {}, 415, "application/json"),
    (b'{"text": "Hei"}', {"Content-Type": "application/json; charset=latin-1"}, 415, "UTF-8"),
    (b'{"text": "Hei"', json_header(), 400, "ugyldig JSON"),
    (b'["Hei"]', json_header(), 400, "JSON-objekt"),
    (b'{"tekst": "Hei"}', json_header(), 400, "ukjent felt"),
    (b'{"text": 42}', json_header(), 400, "«text»"),
    (b'{"text": "\\ud800 alene"}', json_header(), 400, "ikke gyldig Unicode"),
    ('{"text": "blåbær"}'.encode("latin-1"), json_header(), 400, "UTF-8"),
    (b'{"text": "Hei", "kanal": "myspace"}', json_header(), 400, "ugyldig kanal"),
    (b'{"text": "---\\nmalform: dansk\\n---\\nHei"}', json_header(), 400, "ugyldig malform"),
    (BIG, json_header(), 413, "1 MB"),
])
def test_bad_requests_get_a_norwegian_error(server, body, headers, status, words):
    got, response_headers, answer = server.request("POST", "/api/check", body, headers)
    assert got == status
    assert response_headers["content-type"].startswith("application/json")
    assert words in json.loads(answer)["error"]


def test_body_over_1_mb_is_refused_while_reading_without_content_length(server):
    chunk = b"a" * 65536
    chunks = [b'{"text": "'] + [chunk] * 17 + [b'"}']
    body = b"".join(f"{len(part):x}\r\n".encode() + part + b"\r\n" for part in chunks) + b"0\r\n\r\n"
    status, _, answer = server.request("POST", "/api/check", body,
                                       {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
    assert status == 413 and "for stor" in json.loads(answer)["error"]


@pytest.mark.parametrize(("headers", "status"), [
    ({"Host": "evil.example"}, 400),
    ({"Host": "evil.example:{port}"}, 400),  # DNS rebinding: a foreign name that resolves to 127.0.0.1
    ({"Origin": "http://evil.example"}, 403),  # another site posting from the writer's browser
    ({"Origin": "http://127.0.0.1:1"}, 403),
    ({"Origin": "null"}, 403),
    ({"Sec-Fetch-Site": "cross-site"}, 403),
    ({"Origin": "http://127.0.0.1:{port}"}, 200),
    ({"Host": "localhost:{port}", "Origin": "http://localhost:{port}"}, 200),
])
def test_foreign_host_or_origin_is_refused(server, headers, status):
    filled = {k: v.format(port=server.port) for k, v in headers.items()}
    got, _, _ = server.request("POST", "/api/check", b'{"text": "Hei"}', {"Content-Type": "application/json", **filled})
    assert got == status


def test_foreign_host_cannot_read_the_page_either(server):
    status, _, _ = server.request("GET", "/", headers={"Host": "rebind.example:80"})
    assert status == 400


def test_security_headers_on_page_and_api(server):
    for method, path, body in (("GET", "/", None), ("GET", "/static/app.js", None),
                               ("POST", "/api/check", b'{"text": "Hei"}')):
        _, headers, _ = server.request(method, path, body, {"Content-Type": "application/json"} if body else {})
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"


def test_the_page_names_no_outside_source():
    static = ROOT / "klarsprak" / "web" / "static"
    for path in static.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in text, path
        if path.suffix == ".html":
            assert "<script>" not in text and "style=" not in text and "<style" not in text


def test_wrong_method_and_unknown_path(server):
    assert server.request("GET", "/api/check")[0] == 405
    status, _, body = server.request("GET", "/finnes/ikke")
    assert status == 404 and json.loads(body)["error"] == "fant ikke siden"


# -- concurrency --------------------------------------------------------------------------------
def test_concurrent_checks_each_get_their_own_answer(server):
    texts = [f"Vi viser til henvendelsen din vedrørende time nummer {i}. Du får svar samt en SMS innen {i + 2} dager."
             for i in range(10)]
    texts += [f"Vi har fått {i} spørsmål angåande vaksinen, og vi skal vareta tryggleiken din." for i in range(10)]
    sequential = [server.check({"text": text})[1] for text in texts]
    with ThreadPoolExecutor(max_workers=12) as pool:
        parallel = list(pool.map(lambda text: server.check({"text": text})[1], texts * 2))
    assert parallel == sequential * 2
    assert {record["malform"] for record in parallel} == {"nb", "nn"}


# -- engine failure: a 500, and the server goes on ------------------------------------------------------
def test_an_engine_error_is_one_line_and_the_server_goes_on():
    """The real app on a real uvicorn, with an engine that fails on one text (as a bug would)."""
    import uvicorn

    from klarsprak.engine.lint import Engine
    from klarsprak.web.app import Checker, create_app
    from klarsprak.web.security import host_names

    class FailingEngine(Engine):
        def check(self, text, path=None, fmt=None, front_matter=None):
            if text == "krasj":
                raise RuntimeError("en feil i motoren")
            return super().check(text, path, fmt, front_matter)

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(Checker(FailingEngine()), host_names("127.0.0.1", port))
    uv = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="off"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not uv.started:
            time.sleep(0.02)
        server = Server(None, "127.0.0.1", port)  # type: ignore[arg-type]
        status, body = server.check({"text": "krasj"})
        assert status == 500
        assert "\n" not in body["error"] and body["error"].startswith("intern feil i sjekken")
        status, body = server.check({"text": "Vi viser til din henvendelse vedrørende timebestilling."})
        assert status == 200 and "byrakratisk-ord" in {d["rule"] for d in body["diagnostics"]}
    finally:
        uv.should_exit = True
        thread.join(10)


# -- the process as a user runs it ----------------------------------------------------------------------
def test_prints_the_address_and_stops_cleanly_on_ctrl_c(tmp_path):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "klarsprak", "serve", "--no-browser", "--port", str(port)],
                               cwd=tmp_path, env=server_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until_serving(process, "127.0.0.1", port)
    Server(process, "127.0.0.1", port).check({"text": BOKMAL})
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode in (0, 130)
    assert f"http://127.0.0.1:{port}/" in out
    assert "Traceback" not in err and "stoppet" in err
    assert list(tmp_path.iterdir()) == []  # the server never writes files


def test_busy_port_is_one_norwegian_line():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "klarsprak", "serve", "--no-browser", "--port", str(port)],
                                env=server_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "porten er i bruk" in result.stderr


def test_binding_beyond_loopback_warns_that_there_is_no_login():
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "klarsprak", "serve", "--no-browser", "--port", str(port),
                                "--host", "0.0.0.0"], env=server_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    wait_until_serving(process, "127.0.0.1", port)
    _, err = stop(process)
    assert "ingen innlogging" in err


def test_help_is_norwegian():
    result = run_cli("serve", "--help")
    text = result.stdout.decode()
    assert result.returncode == 0 and "--no-browser" in text and "Ikke åpne siden i nettleseren" in text


def test_check_does_not_import_the_web_stack():
    code = ("import sys; from klarsprak.cli.main import main; "
            "print(any(m.split('.')[0] in ('starlette', 'uvicorn') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], env=server_env(), capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
