#!/usr/bin/env bash
# Frontend CI, called by .ci/run as `bash frontend/ci.sh JUNIT_DIR`:
# npm ci, type-check + eslint, Vitest unit tests (JUnit: frontend-unit.xml), production build,
# Playwright e2e against a real havoc-serve (JUnit: frontend-e2e.xml).
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

echo "--- e2e (Playwright in Debian's chromium, against a real havoc-serve)"
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# A real havoc-serve on the `tiny` preset: configs/training/e2e.yaml trains it for about a minute
# on the handbook (tokenizer, data and model built from scratch in a temporary folder), so the
# model writes words and CI never waits for the demo checkpoint's longer run. Playwright starts
# `uv run havoc-serve --checkpoint ...`, which also serves the dist/ built above at `/`.
CKPT_ROOT=$(mktemp -d)
trap 'rm -rf "$CKPT_ROOT"' EXIT
(cd .. && uv run --locked havoc-train --config configs/training/e2e.yaml --out "$CKPT_ROOT/run" \
   --cache-dir "$CKPT_ROOT/cache" --no-progress | tail -n 4)
E2E_SERVE_ARGS="--checkpoint $CKPT_ROOT/run/final" E2E_BASE_URL=http://127.0.0.1:8765 \
  E2E_JUNIT="$OUT/frontend-e2e.xml" npx playwright test
