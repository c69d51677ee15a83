#!/usr/bin/env bash
# Prints the path of a Chromium or Chrome for the e2e run: $CHROMIUM_PATH if set, else one on PATH or in the usual
# places. Only as root on a system with apt-get does it install Debian's chromium; otherwise it stops with one line
# saying how to get one. Usage: bash test/e2e/find-chromium.sh [apt-log-file]
set -euo pipefail

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  [[ -x "$CHROMIUM_PATH" && ! -d "$CHROMIUM_PATH" ]] \
    || { echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable: point it at your chromium or google-chrome binary." >&2; exit 1; }
  echo "$CHROMIUM_PATH"
  exit 0
fi
for name in chromium chromium-browser google-chrome google-chrome-stable chrome; do
  if found="$(command -v "$name" 2>/dev/null)"; then echo "$found"; exit 0; fi
done
for found in /usr/bin/chromium /snap/bin/chromium /opt/google/chrome/chrome \
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" "/Applications/Chromium.app/Contents/MacOS/Chromium" \
  "$HOME"/.cache/ms-playwright/chromium-*/chrome-linux/chrome; do
  if [[ -x "$found" ]]; then echo "$found"; exit 0; fi
done
if [[ "$(id -u)" == 0 ]] && command -v apt-get > /dev/null; then
  log="${1:-/dev/null}"
  if apt-get update -qq > "$log" 2>&1 && apt-get install -y -qq chromium >> "$log" 2>&1 && [[ -x /usr/bin/chromium ]]; then
    echo /usr/bin/chromium
    exit 0
  fi
  echo "apt-get install chromium failed (log: $log): install Chromium or Google Chrome, or set CHROMIUM_PATH=/path/to/chrome, then rerun." >&2
  exit 1
fi
echo "No Chromium or Chrome found: install one (e.g. sudo apt-get install chromium, or Google Chrome) or set CHROMIUM_PATH=/path/to/chrome, then rerun." >&2
exit 1
