"""A faithful local emulator of the Asana REST API, its webhooks and its Events API.

``create_asana_emulator()`` returns an ASGI app with its own SQLite store; run it over real
HTTP (tests do, on loopback) and point any Asana client at ``http://HOST:PORT/api/1.0``; the
official ``asana`` SDK v5 works unchanged with ``Configuration.host`` set to that URL. What is
reproduced, and the sources, are in ``shared/reference/asana-api.md`` §9; the emulator's own
controls live under ``/__emulator__`` (see :mod:`mcc.sandbox.asana.admin`).
"""

from mcc.sandbox.asana.app import DEFAULT_TOKEN, create_asana_emulator, serve_asana_emulator

__all__ = ["DEFAULT_TOKEN", "create_asana_emulator", "serve_asana_emulator"]
