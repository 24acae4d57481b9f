"""``klarsprak serve``: the checks on a local web page, for writers who never open an editor.

Starlette, uvicorn and the engine are imported inside the command, so ``klarsprak check`` does not
pay for them at start.
"""

from __future__ import annotations

import click

from klarsprak.cli import HELP, NorskCommand, help_option

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
    from klarsprak.web.serve import serve

    serve(host=host, port=port, open_browser=not no_browser, config_path=config_path)
