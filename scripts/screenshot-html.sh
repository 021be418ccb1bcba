#!/usr/bin/env bash
# Render the HTML report in headless Chromium and save a PNG, to look at what a reviewer sees.
#
#   scripts/screenshot-html.sh [OUT.png] [WIDTHxHEIGHT] [-- PATH...]
#
# Lints PATH... (default: examples/ and tests/fixtures/samples/jiangnan-subdistrict-2017.txt)
# with --format html into a temporary file, then screenshots it (default /tmp/xxgk-report.png,
# 1280x2000).  An existing HTML file can be shown instead with HTML=report.html.
# Needs Debian's chromium and a CJK font (as root: apt-get install -y chromium fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/xxgk-report.png}
size=${2:-1280x2000}
shift $(( $# < 2 ? $# : 2 ))
[ "${1:-}" = "--" ] && shift
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(examples/ tests/fixtures/samples/jiangnan-subdistrict-2017.txt)
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "no chromium: apt-get install -y chromium fonts-noto-cjk" >&2
    exit 2
fi
html=${HTML:-}
if [ -z "$html" ]; then
    html=$(mktemp --suffix=.html)
    xxgk=.venv/bin/xxgk-lint
    [ -x "$xxgk" ] || xxgk=xxgk-lint
    "$xxgk" check --format html "${paths[@]}" > "$html" || [ $? -eq 1 ]  # 1: findings, as expected
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --screenshot="$out" \
    --window-size="${size/x/,}" "file://$(realpath "$html")" 2>/dev/null
echo "$out (from $html)"
