#!/usr/bin/env bash
# Installs code-server (a real VS Code that runs on Node 20 without downloads) into the git-ignored
# .cache/ folder, for the integration tests and `npm run demo`. Idempotent: a second run only checks.
#
# Needs the Debian packages: build-essential python3 pkg-config libkrb5-dev ripgrep
# (kerberos and node-pty build from source; ripgrep stands in for @vscode/ripgrep's download).
# See /work/shared/docs/real-components.md for why each step is here.
set -euo pipefail

VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/.cache/code-server"
BIN="$DEST/node_modules/.bin/code-server"

installed_version() {
  node -p "require('$DEST/node_modules/code-server/package.json').version" 2>/dev/null || true
}

if [[ -x "$BIN" && "$(installed_version)" == "$VERSION" ]]; then
  echo "code-server $VERSION already installed: $BIN"
  exit 0
fi

RG="$(command -v rg || true)"
if [[ -z "$RG" ]]; then
  echo "ripgrep (rg) is missing: apt-get install -y --no-install-recommends ripgrep" >&2
  exit 1
fi

mkdir -p "$DEST/tmp"
# Its own package.json makes .cache/code-server the npm prefix, outside the extension's workspaces.
if [[ ! -f "$DEST/package.json" ]]; then
  echo '{ "name": "code-server-cache", "private": true }' > "$DEST/package.json"
fi

# @vscode/ripgrep's postinstall looks in $TMPDIR/vscode-ripgrep-cache-<ver>/ before downloading;
# a tarball holding Debian's rg satisfies it, so nothing is fetched from GitHub.
export TMPDIR="$DEST/tmp"
CACHE_DIR="$TMPDIR/vscode-ripgrep-cache-1.15.11"
TARBALL="$CACHE_DIR/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [[ ! -f "$TARBALL" ]]; then
  mkdir -p "$CACHE_DIR/stage"
  cp "$RG" "$CACHE_DIR/stage/rg"
  tar -czf "$TARBALL" -C "$CACHE_DIR/stage" rg
  rm -rf "$CACHE_DIR/stage"
fi

echo "Installing code-server $VERSION into $DEST (about 1.5 min) ..."
cd "$DEST"
# unsafe_perm: the postinstall refuses to run as root otherwise;
# yes: node-pty's postinstall runs `npx node-gyp`, which would wait for an answer.
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$VERSION"

if [[ "$(installed_version)" != "$VERSION" || ! -x "$BIN" ]]; then
  echo "code-server install failed" >&2
  exit 1
fi
echo "code-server $VERSION installed: $BIN"
