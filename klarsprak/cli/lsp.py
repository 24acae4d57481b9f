"""``klarsprak lsp``: the language server for VS Code, Neovim, Helix and any LSP editor.

pygls and the engine are imported inside the command, so ``klarsprak --help`` stays fast.
"""

from __future__ import annotations

import click

from klarsprak.cli.norsk import HELP, NorskCommand, help_option

LOG_LEVELS = ["error", "warning", "info", "debug"]


@click.command("lsp", cls=NorskCommand, context_settings=HELP)
@click.option("--stdio", is_flag=True, help="Snakk med editoren over standard inn/ut (standard).")
@click.option("--tcp", "port", type=click.IntRange(0, 65535), default=None, metavar="PORT",
              help="Lytt på en TCP-port i stedet for standard inn/ut.")
@click.option("--host", default="127.0.0.1", help="Adressen TCP-serveren lytter på (standard: 127.0.0.1).")
@click.option("--log-file", type=click.Path(dir_okay=False), default=None,
              help="Skriv logg til denne fila (standard: standard feil).")
@click.option("--log-level", type=click.Choice(LOG_LEVELS), default="warning",
              help="Hvor mye som logges (standard: warning).")
@help_option
def lsp_command(stdio: bool, port: int | None, host: str, log_file: str | None, log_level: str) -> None:
    """Start språkserveren (LSP) for editorer: funn mens du skriver, rettinger og forklaringer.

    Editoren starter den selv; se lsp/README.md for VS Code, Neovim og Helix.
    """
    import logging
    import os
    import sys

    handler: logging.Handler = logging.FileHandler(log_file, encoding="utf-8") if log_file else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, log_level.upper()))
    if log_level != "debug":
        logging.getLogger("pygls").setLevel(max(logging.WARNING, root.level))

    # Load spaCy and the bokmål model while pygls is imported and the editor says hello.
    import threading

    from klarsprak.language.nlp import preload

    threading.Thread(target=preload, args=("nb",), name="klarsprak-preload", daemon=True).start()
    from klarsprak.lsp.server import create_server

    server = create_server()
    if port is not None:
        server.start_tcp(host, port)
    else:
        # The protocol owns stdout: anything else printed by mistake goes to stderr instead.
        stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
        sys.stdout = sys.stderr
        server.start_io(stdin, stdout)
    # LSP: exit code 0 only when the editor asked for a shutdown before it said exit. A check still
    # running (say, the model loading) must not keep the editor waiting: give it a moment, then go.
    server.wait_idle(timeout=1.0)
    logging.shutdown()
    sys.stderr.flush()
    os._exit(0 if server.shutdown_requested else 1)
