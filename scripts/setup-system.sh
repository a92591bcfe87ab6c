#!/usr/bin/env bash
# Installs the Debian packages the tests and the demo use, if missing: a real Prometheus (with
# promtool), node_exporter and VictoriaMetrics, Chromium for webview and VS Code tests, and what
# code-server's native modules build with; openssl makes the TLS tests' certificates. Idempotent.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
APT_PACKAGES=(prometheus prometheus-node-exporter victoria-metrics chromium build-essential python3 pkg-config libkrb5-dev ripgrep openssl)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "setup: installing Debian packages: ${missing[*]}"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
