"""``klarsprak serve``: start and stop the web page's server (uvicorn on a socket we bind ourselves).

Starlette, uvicorn and the engine are imported inside the command, so ``klarsprak check`` does not
pay for them at start.

Binding first lets a busy port or a wrong address end in one Norwegian line (exit 2) instead of
uvicorn's English log, and ``--port 0`` print the port the system chose.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import webbrowser
from pathlib import Path

import click

from klarsprak.cli.norsk import HELP, NorskCommand, fail, help_option
from klarsprak.core.errors import KlarsprakError

DEFAULT_PORT = 8765


@click.command("serve", cls=NorskCommand, context_settings=HELP)
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=False,
              help=f"Porten siden lytter på (standard: {DEFAULT_PORT}; 0 = en ledig port).")
@click.option("--host", default="127.0.0.1",
              help="Adressen siden lytter på (standard: 127.0.0.1, bare denne maskinen). Siden har ingen innlogging.")
@click.option("--no-browser", is_flag=True, help="Ikke åpne siden i nettleseren.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Bruk denne konfigurasjonsfila i stedet for nærmeste .klarsprak.yaml.")
@help_option
def serve_command(port: int, host: str, no_browser: bool, config_path: str | None) -> None:
    """Start nettsiden: lim inn et utkast og se funn, forklaringer og rettinger i nettleseren.

    Siden bruker .klarsprak.yaml fra mappa du står i, slik som «klarsprak check». Ctrl+C stopper den.
    """
    serve(host=host, port=port, open_browser=not no_browser, config_path=config_path)


def load_checker(config_path: str | None):
    """The engine ``check`` would use here: ``--config`` or the nearest ``.klarsprak.yaml`` above the folder."""
    from klarsprak.engine.runner import Project
    from klarsprak.web.app import Checker

    forced = Path(config_path) if config_path else None
    if forced is not None and not forced.is_file():
        fail(f"{config_path}: fant ikke konfigurasjonsfila")
    project = Project(forced)
    try:
        return Checker(project.engine(project.config_path_for(Path.cwd())))
    except KlarsprakError as error:
        fail(str(error))


def bind(host: str, port: int) -> socket.socket:
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror:
        fail(f"ukjent adresse «{host}» for --host")
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as error:
        sock.close()
        reason = "porten er i bruk; velg en annen med --port" if error.errno == 98 else error.strerror
        fail(f"kan ikke lytte på {host}:{port}: {reason}")
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def is_loopback(sock: socket.socket) -> bool:
    return ipaddress.ip_address(sock.getsockname()[0]).is_loopback


def serve(host: str, port: int, open_browser: bool, config_path: str | None) -> None:
    import uvicorn

    from klarsprak.web.app import create_app
    from klarsprak.web.security import host_names

    checker = load_checker(config_path)
    sock = bind(host, port)
    port = sock.getsockname()[1]
    threading.Thread(target=checker.warm, name="klarsprak-warm", daemon=True).start()
    if not is_loopback(sock):
        click.echo(f"klarsprak: advarsel: siden har ingen innlogging. Alle som når {host}:{port}, kan bruke den. "
                   "Bruk bare et nett du stoler på.", err=True)
    shown = "127.0.0.1" if is_loopback(sock) and host in ("127.0.0.1", "localhost") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
    app = create_app(checker, host_names(host, port))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                                           server_header=False, timeout_graceful_shutdown=2))
    click.echo(f"klarsprak: siden kjører på {url}  (Ctrl+C stopper)")
    sys.stdout.flush()
    if open_browser:
        threading.Thread(target=_open_when_ready, args=(server, url), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    click.echo("klarsprak: stoppet", err=True)


def _open_when_ready(server, url: str) -> None:
    import time

    for _ in range(100):
        if server.started:
            webbrowser.open(url)
            return
        time.sleep(0.05)
