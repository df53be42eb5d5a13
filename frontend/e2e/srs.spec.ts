import { expect, freshPage, send, SHOTS, test } from "./fixtures";

const STAGES = ["MODE", "GROUND", "PLAN", "EXECUTE", "ARGUE", "ARBITER", "AUDIT", "ANSWER"];

// Two production lines' fill weights (g); line B runs about 0.8 g heavier.
const CSV = [
  "line,weight",
  ...[500.1, 499.8, 500.4, 500.0, 499.6, 500.3, 499.9, 500.2, 500.5, 499.7].map((w) => `A,${w}`),
  ...[500.9, 501.2, 500.7, 501.0, 500.6, 501.4, 500.8, 501.1, 500.5, 501.3].map((w) => `B,${w}`),
].join("\n");

test("reasoning mode streams all eight stages for a CSV question, then the answer", async ({ page }) => {
  await freshPage(page);
  const health = (await (await page.request.get("/health")).json()) as { srs?: boolean };
  expect(health.srs, "havoc-serve must have the reasoning stack (havoc-srs) loaded").toBe(true);
  const bodies: Record<string, unknown>[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/v1/srs")) bodies.push(r.postDataJSON());
  });
  await page.locator("#csv-input").setInputFiles({ name: "fill.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await expect(page.getByTestId("attachment")).toContainText("fill.csv");
  await expect(page.getByRole("switch")).toBeChecked();

  // Watch the stages arrive: record how many finished stages exist at each DOM change.
  await page.evaluate(() => {
    const w = window as unknown as { __stageCounts: number[] };
    w.__stageCounts = [];
    new MutationObserver(() => {
      const n = document.querySelectorAll('[data-testid="srs-stage"]').length;
      if (w.__stageCounts[w.__stageCounts.length - 1] !== n) w.__stageCounts.push(n);
    }).observe(document.body, { subtree: true, childList: true });
  });

  await send(page, "Is the mean weight different between line A and line B?");
  const answer = page.getByTestId("assistant-message").last();
  await expect(answer).toHaveAttribute("aria-busy", "false", { timeout: 120_000 });
  await expect(answer.getByTestId("error")).toHaveCount(0);

  const stages = answer.getByTestId("srs-stage");
  await expect(stages).toHaveCount(8);
  expect(await stages.evaluateAll((els) => els.map((e) => e.getAttribute("data-stage")))).toEqual(STAGES);
  await expect(answer.getByTestId("answer-text")).not.toBeEmpty();

  // live: the trace was seen with fewer than eight stages before it completed
  const counts = await page.evaluate(() => (window as unknown as { __stageCounts: number[] }).__stageCounts);
  expect(counts.some((n) => n > 0 && n < 8)).toBe(true);

  expect(bodies).toHaveLength(1);
  expect(bodies[0]).toEqual({
    question: "Is the mean weight different between line A and line B?",
    data_csv: CSV,
    data_name: "fill.csv",
    stream: true,
    use_model: true,
  });

  // every stage expands to its details
  const execute = stages.filter({ has: page.locator('[data-stage="EXECUTE"]') }).or(answer.locator('[data-stage="EXECUTE"]'));
  await execute.first().locator("summary").click();
  await page.screenshot({ path: `${SHOTS}/srs-trace.png`, fullPage: true });
});

test.describe("reasoning mode when the server refuses", () => {
  test.use({ allowConsole: [/Failed to load resource: the server responded with a status of 503/] });
  test("shows the server's 503 error object", async ({ page }) => {
    await freshPage(page);
    // The real server always has havoc-srs; a 503 (e.g. a draining server) is simulated here.
    await page.route("**/v1/srs", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({
          error: { message: "the reasoning stack is not available", type: "service_unavailable", param: null, code: 503 },
        }),
      }),
    );
    await page.getByRole("switch").check();
    await send(page, "Is the mean weight different between line A and line B?");
    const err = page.getByTestId("assistant-message").last().getByTestId("error");
    await expect(err).toHaveText(/^503 · .*not available/);
  });
});

test("each SRS status gets its own badge, label and explanation; an unknown one is shown as it comes", async ({ page }) => {
  await freshPage(page);
  const statuses = ["answered", "explained", "needs_input", "out_of_scope", "failed", "deferred"];
  let next = 0;
  // The real server's statuses depend on the question; each one is played back here in turn.
  await page.route("**/v1/srs", (route) => {
    const status = statuses[next++];
    const events = [
      { type: "stage", id: "srs-x", index: 0, stage: "MODE", status: "ok", summary: "a question" },
      { type: "answer", id: "srs-x", status, markdown: `**The answer, status ${status}.**`, answer: {} },
    ];
    route.fulfill({
      status: 200,
      contentType: "text/event-stream",
      body: events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join("") + "data: [DONE]\n\n",
    });
  });
  await page.getByRole("switch").check();
  for (const status of statuses) {
    await send(page, `Question with status ${status}`);
    const badge = page.getByTestId("assistant-message").last().getByTestId("srs-status");
    await expect(badge).toHaveAttribute("data-status", status);
  }
  const shown = await page.getByTestId("srs-status").evaluateAll((els) =>
    els.map((el) => {
      const b = el.querySelector(".srs-status-badge") as HTMLElement;
      return { label: b.textContent, color: getComputedStyle(b).color, text: el.textContent };
    }),
  );
  expect(shown.map((s) => s.label)).toEqual([
    "Answered",
    "Explained",
    "Needs input",
    "Out of scope",
    "Failed",
    "deferred",
  ]);
  expect(new Set(shown.slice(0, 5).map((s) => s.color)).size).toBe(5);
  for (const s of shown) expect((s.text ?? "").length).toBeGreaterThan((s.label ?? "").length + 20);
  await page.screenshot({ path: `${SHOTS}/srs-statuses.png`, fullPage: true });
});
