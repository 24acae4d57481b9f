"""The web page's server: static files, ``POST /api/check``, the rule data and the rule pages.

``POST /api/check`` answers the very record ``check --format json`` prints for the text on standard
input (``files[0]``, path ``-``): the same engine, the same :meth:`FileResult.as_dict`.
The engine is synchronous and keeps caches, so checks run in the thread pool one at a time per
engine (a lock); the event loop stays free to serve files and other tabs meanwhile.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from klarsprak.core.errors import KlarsprakError
from klarsprak.engine.lint import Engine
from klarsprak.language.analysis import LIX_BANDS
from klarsprak.output.explain import explain_rule, rule_record
from klarsprak.text.frontmatter import KANALER, TYPER
from klarsprak.web.pages import rule_list_page, rule_page
from klarsprak.web.security import GuardMiddleware

log = logging.getLogger("klarsprak.web")

STATIC = Path(__file__).parent / "static"
MAX_BODY = 1024 * 1024  # 1 MB: far above any post, far below what could tie up the server
STDIN_PATH = "-"  # the path ``check -`` reports, so the API's record is the CLI's
REQUEST_KEYS = {"text", "kanal", "type", "malform"}
MALFORMER = ("auto", "nb", "nn")


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Checker:
    """One engine and the lock that keeps overlapping checks from sharing its caches and pipeline."""

    engine: Engine
    lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, text: str, meta: dict[str, str]) -> dict[str, Any]:
        with self.lock:
            return self.engine.check(text, STDIN_PATH, front_matter=meta).as_dict()

    def timed_check(self, text: str, meta: dict[str, str]) -> tuple[dict[str, Any], float]:
        """The record and the milliseconds spent on it (waiting for the lock included)."""
        started = time.perf_counter()
        record = self.check(text, meta)
        return record, (time.perf_counter() - started) * 1000

    def warm(self) -> None:
        """Load the bokmål, then the nynorsk pipeline before the first writer waits for them."""
        try:
            self.check("Hei.", {})
            with self.lock:
                self.engine.prepare("nn")
        except Exception as error:  # the first real check reports the problem
            log.error("klarte ikke å laste språkmodellen på forhånd: %s", error)


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


# -- POST /api/check ---------------------------------------------------------------------------
async def read_body(request: Request) -> bytes:
    """The body, refused at 1 MB while reading (a wrong or missing Content-Length changes nothing)."""
    too_big = ApiError(413, "teksten er for stor (grensen er 1 MB)")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def parse_request(content_type: str, body: bytes) -> tuple[str, dict[str, str]]:
    """Validate the JSON body: the text and the front-matter choices of the page's selectors."""
    kind, _, params = content_type.partition(";")
    charset = params.strip().lower().removeprefix("charset=").strip('"') if "charset" in params.lower() else "utf-8"
    if kind.strip().lower() != "application/json" or charset not in ("utf-8", "utf8"):
        raise ApiError(415, "send JSON (Content-Type: application/json) i UTF-8")
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ApiError(400, "forespørselen er ikke gyldig UTF-8") from None
    except json.JSONDecodeError as error:
        raise ApiError(400, f"ugyldig JSON (linje {error.lineno}, kolonne {error.colno})") from None
    if not isinstance(data, dict):
        raise ApiError(400, "send et JSON-objekt: {\"text\": \"…\"}")
    unknown = sorted(set(data) - REQUEST_KEYS)
    if unknown:
        raise ApiError(400, f"ukjent felt «{unknown[0]}» (gyldige: text, kanal, type, malform)")
    text = data.get("text")
    if not isinstance(text, str):
        raise ApiError(400, "feltet «text» mangler eller er ikke en tekst")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(400, "teksten er ikke gyldig Unicode (enslig surrogat)") from None
    if "\x00" in text:
        raise ApiError(400, "teksten inneholder NUL-tegn; det er ikke tekst")
    meta: dict[str, str] = {}
    for key, allowed in (("kanal", KANALER), ("type", TYPER), ("malform", MALFORMER)):
        value = data.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str) or value.lower() not in allowed:
            raise ApiError(400, f"ugyldig {key} «{value}» (gyldige: {', '.join(allowed)})")
        meta[key] = value.lower()
    return text, meta


async def api_check(request: Request) -> Response:
    checker: Checker = request.app.state.checker
    try:
        body = await read_body(request)
        text, meta = parse_request(request.headers.get("content-type", ""), body)
        record, millis = await run_in_threadpool(checker.timed_check, text, meta)
    except ApiError as error:
        return error_response(error.status, error.message)
    except KlarsprakError as error:  # e.g. a front matter value the engine does not know
        return error_response(400, error.detail)
    except Exception as error:  # a bug of ours: one line for the writer, the server goes on
        log.error("intern feil i sjekken: %s: %s", type(error).__name__, error)
        return error_response(500, "intern feil i sjekken; prøv igjen, og meld gjerne fra om det skjer igjen")
    return JSONResponse(record, headers={"cache-control": "no-store", "server-timing": f"check;dur={millis:.1f}"})


# -- rules ------------------------------------------------------------------------------------
def _active(engine: Engine) -> set[str]:
    return {rule.id for rule in engine.rules}


def _malform_param(request: Request) -> str:
    return "nn" if request.query_params.get("malform") == "nn" else "nb"


def rule_detail(engine: Engine, rule_id: str, malform: str) -> dict[str, Any]:
    rule = engine.rule(rule_id)
    if rule is None:
        raise HTTPException(404, f"ukjent regel «{rule_id}»")

    def examples(items) -> list[dict[str, Any]]:
        return [{"text": item.text, "malform": item.malform} for item in items]

    return {
        **rule_record(rule, _active(engine)),
        "kind": rule.kind, "source": rule.source, "fix_safe": rule.fix_safe,
        "explanation": {"nb": rule.explanation_for("nb").strip(), "nn": rule.explanation_for("nn").strip()},
        "examples": {"bad": examples(rule.bad), "good": examples(rule.good)},
        "text": explain_rule(rule, malform),
    }


async def api_rules(request: Request) -> Response:
    engine = request.app.state.checker.engine
    return JSONResponse([rule_record(rule, _active(engine)) for rule in engine.all_rules])


async def api_rule(request: Request) -> Response:
    engine = request.app.state.checker.engine
    return JSONResponse(rule_detail(engine, request.path_params["rule_id"], _malform_param(request)))


async def api_settings(request: Request) -> Response:
    """What the page needs besides findings: the channels and their limits, the LIX bands."""
    from klarsprak.checks.builtins.kanal import URL

    engine = request.app.state.checker.engine
    length_rule = engine.rule("kanal-lengde")
    options = length_rule.check.options if length_rule is not None else None
    return JSONResponse({
        "kanaler": list(KANALER), "typer": list(TYPER),
        "kanal_grenser": dict(options.limits) if options else {},
        "lenke_lengde": dict(options.url_length) if options else {},
        "lenke_monster": URL.pattern,
        "lix_band": [[None if math.isinf(limit) else limit, nb, nn] for limit, nb, nn in LIX_BANDS],
        "malform": engine.config.malform or "auto",
    })


async def rules_page(request: Request) -> Response:
    engine = request.app.state.checker.engine
    return HTMLResponse(rule_list_page(engine.all_rules, _active(engine), _malform_param(request)))


async def rule_html(request: Request) -> Response:
    engine = request.app.state.checker.engine
    rule = engine.rule(request.path_params["rule_id"])
    if rule is None:
        raise HTTPException(404, f"ukjent regel «{request.path_params['rule_id']}»")
    return HTMLResponse(rule_page(rule, _malform_param(request)))


async def index(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                        headers={"cache-control": "no-store"})


NORSK_STATUS = {404: "fant ikke siden", 405: "metoden er ikke tillatt her"}


async def http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    own = isinstance(error.detail, str) and error.detail.startswith("ukjent regel")
    message = error.detail if own else NORSK_STATUS.get(error.status_code, str(error.detail))
    return JSONResponse({"error": message}, status_code=error.status_code, headers=getattr(error, "headers", None))


def create_app(checker: Checker, allowed_hosts: frozenset[str]) -> Starlette:
    routes = [
        Route("/", index),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/rules", api_rules),
        Route("/api/rules/{rule_id}", api_rule),
        Route("/api/oppsett", api_settings),
        Route("/regler", rules_page),
        Route("/regler/{rule_id}", rule_html),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(GuardMiddleware, allowed_hosts=allowed_hosts)],
                    exception_handlers={HTTPException: http_error})
    app.state.checker = checker
    return app
