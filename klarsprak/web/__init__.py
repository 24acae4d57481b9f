"""The web page behind ``klarsprak serve``: a Starlette app over the same engine as ``check``.

``app`` holds the routes and the JSON API, ``security`` the Host/Origin/size guard and headers,
``pages`` the rule pages, ``static/`` the page itself (plain HTML, CSS and JS, no build step).
The command that starts it lives in :mod:`klarsprak.cli.serve`.
"""
