import { defineConfig } from "@playwright/test";
import path from "node:path";

/**
 * E2E against a real havoc-serve. Playwright starts two servers:
 *   1. `uv run havoc-serve --port 8765` from the repo root (waits for /health);
 *   2. `vite preview` of the built UI on 4173, proxying /v1 and /health to it.
 * Set E2E_BASE_URL (e.g. http://127.0.0.1:8765) to test the UI as havoc-serve serves it instead,
 * and E2E_REUSE_SERVER=1 to use servers that are already running.
 *
 * No browser is downloaded: Debian's /usr/bin/chromium is driven through playwright-core.
 * chromium.launch() gives every run a fresh temporary profile (its own --user-data-dir).
 */
const repoRoot = path.resolve(import.meta.dirname, "..");
const apiPort = Number(process.env.E2E_API_PORT ?? 8765);
const uiPort = Number(process.env.E2E_UI_PORT ?? 4173);
const external = process.env.E2E_BASE_URL;
const reuse = process.env.E2E_REUSE_SERVER === "1";
const serveArgs = process.env.E2E_SERVE_ARGS ?? "";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/artifacts",
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [
    ["list"],
    ["junit", { outputFile: process.env.E2E_JUNIT ?? "test-results/frontend-e2e.xml" }],
  ],
  use: {
    baseURL: external ?? `http://127.0.0.1:${uiPort}`,
    headless: true,
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: `uv run havoc-serve --port ${apiPort} ${serveArgs}`.trim(),
      cwd: repoRoot,
      url: `http://127.0.0.1:${apiPort}/health`,
      // The first run on a machine trains the embedded demo checkpoint (minutes on 2 cores).
      timeout: 1_800_000,
      reuseExistingServer: reuse,
      stdout: "pipe",
      stderr: "pipe",
    },
    ...(external
      ? []
      : [
          {
            command: `npx vite preview --host 127.0.0.1 --port ${uiPort} --strictPort`,
            cwd: import.meta.dirname,
            url: `http://127.0.0.1:${uiPort}/`,
            timeout: 60_000,
            reuseExistingServer: reuse,
            env: { HAVOC_API: `http://127.0.0.1:${apiPort}` },
          },
        ]),
  ],
});
