#!/usr/bin/env bash
# Runs the unit and end-to-end tests under Node 22 and 24 as well (the project
# supports Node >= 20; the machines here run 20). The Node binaries come from
# the npm registry's official per-platform packages (node-<os>-<arch>), so no
# other download site is needed. Usage: scripts/test-other-nodes.sh [22 24 ...]
set -euo pipefail
cd "$(dirname "$0")/.."
versions=("$@")
[ ${#versions[@]} -eq 0 ] && versions=(22 24)
platform="node-$(node -p 'process.platform')-$(node -p 'process.arch')"
cache="${FRONTLINE_NODE_CACHE:-${TMPDIR:-/tmp}/frontline-nodes}"
for major in "${versions[@]}"; do
  dir="$cache/$major"
  if [ ! -x "$dir/node_modules/$platform/bin/node" ]; then
    mkdir -p "$dir"
    echo "fetching $platform@$major from the npm registry"
    (cd "$dir" && npm install --no-save --no-audit --no-fund --loglevel=error "$platform@$major" >/dev/null)
  fi
  bin="$dir/node_modules/$platform/bin"
  echo "== Node $("$bin/node" --version): unit and end-to-end tests"
  # vitest and the spawned binary both run on this Node (the e2e tests spawn process.execPath).
  PATH="$bin:$PATH" node node_modules/vitest/vitest.mjs run --project unit --project e2e
done
