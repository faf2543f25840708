"""A faithful local emulator of the Adobe Workfront REST API and its event subscriptions.

``create_workfront_emulator()`` returns an ASGI app with its own SQLite store; run it over real
HTTP (tests do, on loopback) and point any Workfront client at
``http://HOST:PORT/attask/api/v21.0``. What is reproduced, and the sources, are in
``shared/reference/workfront-api.md`` §10; the emulator's own controls live under
``/__emulator__`` (see :mod:`mcc.sandbox.workfront.admin`).
"""

from mcc.sandbox.workfront.app import (
    DEFAULT_API_KEY,
    create_workfront_emulator,
    serve_workfront_emulator,
)

__all__ = ["DEFAULT_API_KEY", "create_workfront_emulator", "serve_workfront_emulator"]
