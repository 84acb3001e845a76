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
  # All unit tests, and the end-to-end files that reach what differs between Node
  # versions: node-pty's native build and the terminal (take-pty, sealed-pty),
  # node:crypto and the Digital Bazaar stack (certificates), worker_threads
  # (certificates, report), fetch to an LRS (lrs), child processes under sshd
  # (host-ssh), module loading of every command (cli, help). The whole end-to-end suite runs on Node 20, the
  # machines' version; running it three times would take CI past 20 minutes.
  PATH="$bin:$PATH" node node_modules/vitest/vitest.mjs run --project unit
  PATH="$bin:$PATH" node node_modules/vitest/vitest.mjs run --project e2e \
    tests/e2e/take-pty.test.ts tests/e2e/sealed-pty.test.ts tests/e2e/certificates.test.ts \
    tests/e2e/report.test.ts tests/e2e/host-ssh.test.ts tests/e2e/cli.test.ts tests/e2e/help.test.ts \
    tests/integration/lrs.test.ts
done
