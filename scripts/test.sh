#!/usr/bin/env bash
# The second command: install what is missing, then lint, type-check and run every test.
# System packages it installs when absent (Debian, as root or through sudo):
#   postgresql  the server the test suite starts on a free loopback port for its PostgreSQL run
#   chromium    the browser the UI tests (tests/e2e, Playwright) drive; never a downloaded build
#   fonts-dejavu-core  the Unicode font the PDF report embeds (tests check Greek, Cyrillic, Arabic)
# Extra arguments go to pytest, e.g. scripts/test.sh -k graphql
set -euo pipefail
cd "$(dirname "$0")/.."
export CI="${CI:-}"

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  apt_install postgresql
fi
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  apt_install fonts-dejavu-core
fi

scripts/bootstrap.sh dev

# One command a line: under `set -e` a failure inside an `a && b` list does not stop the script,
# and a lint failure went on to the tests unnoticed.
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy
echo "== pytest (SQLite and PostgreSQL)"; .venv/bin/pytest "$@"
