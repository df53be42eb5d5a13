#!/usr/bin/env bash
# Frontend CI, called by .ci/run as `bash frontend/ci.sh JUNIT_DIR`:
# npm ci, type-check + eslint, Vitest unit tests (JUnit: frontend-unit.xml), production build.
set -euo pipefail
OUT=${1:?usage: frontend/ci.sh JUNIT_DIR}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
cd "$(dirname "$0")"

echo "--- npm ci"
npm ci --no-audit --no-fund --loglevel=error
echo "--- lint (tsc + eslint)"
npm run --silent lint
echo "--- unit tests"
npx vitest run --reporter=default --reporter=junit --outputFile.junit="$OUT/frontend-unit.xml"
echo "--- build"
npm run --silent build
