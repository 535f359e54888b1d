#!/usr/bin/env bash
# The README's test command: installs the test-time tools the suite needs (Azurite from npm, Chromium from Debian) and runs
# every test. The Azurite integration tests start and stop their own emulator on free loopback ports.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f tools/azurite/package.json ]; then
  npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error
fi
# The board-pack browser tests render the page in headless Chromium (Debian's package; we run as root, CI too).
if ! command -v chromium >/dev/null; then apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test KpiPipeline.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line for CI: the totals over every test assembly.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: $passed passed, $failed failed"
exit "$status"
