#!/usr/bin/env bash
# Installs what is missing for mcc: a .venv with the package and its pinned dependencies.
# Usage: scripts/bootstrap.sh [EXTRAS]   (e.g. "dev"). Re-installs only when pyproject.toml or the
# extras change, so running it before every command costs a second.
set -euo pipefail
cd "$(dirname "$0")/.."

extras="${1:-}"
python="${PYTHON:-python3}"

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "mcc needs Python 3.11 or newer (found: $("$python" --version 2>&1 || echo none))." >&2
  echo "Set PYTHON=/path/to/python3.11 and run again." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $("$python" --version)"
  "$python" -m venv .venv
fi

stamp=.venv/.mcc-installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1) extras=${extras}"

# Installed for this pyproject.toml with at least these extras? `scripts/test.sh` installs
# "dev", a superset of what `scripts/demo.sh` needs: the demo after the tests must not reinstall
# (offline, pip fails; online, it drops the dev tools the next test run installs again).
installed() {
  local have
  have="$(cat "$stamp" 2>/dev/null)" || return 1
  [ "${have%% *}" = "${want%% *}" ] || return 1
  local extra
  for extra in ${extras//,/ }; do
    case ",${have#*extras=}," in *",$extra,"*) ;; *) return 1 ;; esac
  done
}

if ! installed; then
  echo "Installing mcc${extras:+ [$extras]} into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras:+[$extras]}"
  echo "$want" > "$stamp"
fi
