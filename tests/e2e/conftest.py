"""Browser tests run when Debian's Chromium and Playwright are installed (scripts/test.sh installs
both); elsewhere they are skipped, except in CI, where a missing browser must fail loudly."""

from __future__ import annotations

import os
from importlib.util import find_spec

from tests.e2e import CHROMIUM

if (CHROMIUM.exists() and find_spec("playwright") is not None) or os.environ.get("CI"):
    from tests.e2e.fixtures import (
        anonymous_page,
        asana_mcc_server,
        backend_page,
        backend_server,
        browser,
        page,
        pytest_runtest_makereport,
        server,
        signed_in_state,
    )

    __all__ = [
        "anonymous_page", "asana_mcc_server", "backend_page", "backend_server", "browser", "page",
        "pytest_runtest_makereport", "server", "signed_in_state",
    ]  # fmt: skip
else:
    collect_ignore_glob = ["test_*.py", "fixtures.py", "pages.py"]
