#!/usr/bin/env bash
# End-to-end tests in real n8n installs (npm run test:e2e). Prints each phase's time and, last, "N passed, N failed";
# exits non-zero on any failure. Only the npm registry and Debian's package mirror are used.
#   E2E_VERSIONS=2.8.4 bash test/e2e/run.sh     # one version only
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
versions="${E2E_VERSIONS:-2.8.4,2.40.7}"
logs="$root/.cache/logs"
mkdir -p "$logs"
run_started=$(date +%s)

phase() { echo; echo "▶ $*"; phase_started=$(date +%s); }
phase_done() { echo "  ⏱ $(( $(date +%s) - phase_started )) s"; }
fail() { echo "$*" >&2; echo; echo "0 passed, 1 failed"; exit 1; }

# The browser first: without one, stop now (one line saying how to get one) rather than after the installs.
CHROMIUM_PATH="$(bash test/e2e/find-chromium.sh "$logs/apt.log")" || exit 1
export CHROMIUM_PATH
# PostgreSQL and Redis for the queue-mode run (test/e2e/queue.ts, n8n 2.40.7), found or installed the same way.
if [[ ",$versions," == *",2.40.7,"* ]]; then bash test/e2e/queue-services.sh "$logs/apt.log" || exit 1; fi

phase "n8n installs ($versions) into .cache/n8n, in parallel"
pids=()
for version in ${versions//,/ }; do
  bash test/e2e/install-n8n.sh "$version" > "$logs/install-$version.log" 2>&1 &
  pids+=("$!:$version")
done
for entry in "${pids[@]}"; do
  if ! wait "${entry%%:*}"; then
    tail -n 40 "$logs/install-${entry#*:}.log" >&2
    fail "installing n8n ${entry#*:} failed (log: $logs/install-${entry#*:}.log)"
  fi
  tail -n 1 "$logs/install-${entry#*:}.log"
done
phase_done

phase "browser tools: the Chromium or Chrome found (CHROMIUM_PATH, PATH, usual places) and playwright-core (in .cache/e2e-tools, not a dependency)"
if [[ ! -f .cache/e2e-tools/node_modules/playwright-core/package.json ]]; then
  npm install --prefix .cache/e2e-tools --no-audit --no-fund --loglevel=error playwright-core > "$logs/playwright.log" 2>&1 \
    || fail "npm install playwright-core failed (log: $logs/playwright.log)"
fi
echo "  $("$CHROMIUM_PATH" --version 2>/dev/null || echo "$CHROMIUM_PATH"), playwright-core $(node -p "require('./.cache/e2e-tools/node_modules/playwright-core/package.json').version")"
phase_done

phase "build and pack the package"
npm run build > "$logs/build.log" 2>&1 || { tail -n 30 "$logs/build.log" >&2; fail "npm run build failed"; }
pack_dir="$(mktemp -d)"
# --ignore-scripts: prepack would build a second time.
tarball="$pack_dir/$(npm pack --ignore-scripts --silent --pack-destination "$pack_dir" | tail -n 1)"
echo "  $tarball"
phase_done

status=0
node --import tsx test/e2e/main.ts --tarball "$tarball" --versions "$versions" || status=$?
if [[ ",$versions," == *",2.40.7,"* ]]; then node --import tsx test/e2e/queue.ts --tarball "$tarball" || status=1; fi
echo "e2e run took $(( $(date +%s) - run_started )) s"
exit "$status"
