#!/usr/bin/env bash
# The README's test command: installs the test-time tools the suite needs (Azurite, from npm) and runs
# every test. The Azurite integration tests start and stop their own emulator on free loopback ports.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f tools/azurite/package.json ]; then
  npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error
fi
dotnet test KpiPipeline.sln --nologo "$@"
