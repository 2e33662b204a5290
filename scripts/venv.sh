#!/usr/bin/env bash
# Sourced by the other scripts: make sure .venv holds exactly what requirements/lock.txt pins
# (hashes checked, wheels only) and the package itself (editable, built by the locked hatchling
# without a separate build environment), so every install path installs the same, any day.
# Packages an older lock installed are removed. Does nothing when the lock and pyproject.toml have not changed since the last install.
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' 2>/dev/null; then
  echo "python3 is $(python3 -V 2>&1 || echo missing): the locked dependencies need Python 3.11.5 or newer" \
       "(Debian 12's own python3 is 3.11.2; the python:3.11-bookworm image or Debian 13 have a newer one)" >&2
  return 1 2>/dev/null || exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv .venv
  fi
fi
_lock_want=$(cat requirements/lock.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat .venv/.lock.sha256 2>/dev/null)" != "$_lock_want" ]; then
  _pip=(.venv/bin/python -m pip install --disable-pip-version-check --quiet --no-deps)
  _log=$(mktemp)
  if ! { "${_pip[@]}" --require-hashes --only-binary :all: -r requirements/lock.txt &&
         "${_pip[@]}" --no-build-isolation -e . &&
         { _extra=$(.venv/bin/python scripts/lock_versions.py);   # what an older lock left behind
           [ -z "$_extra" ] || .venv/bin/python -m pip uninstall --disable-pip-version-check -y $_extra; }
       } >"$_log" 2>&1; then
    cat "$_log" >&2; rm -f "$_log"; return 1 2>/dev/null || exit 1
  fi
  rm -f "$_log"
  echo "$_lock_want" > .venv/.lock.sha256
fi
unset _lock_want _pip _log _extra
