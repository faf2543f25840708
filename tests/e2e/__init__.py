"""Browser tests (Playwright driving Debian's Chromium against a real `mcc serve`)."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; a downloaded browser is never used
