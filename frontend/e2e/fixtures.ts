import { test as base, expect, type Page } from "@playwright/test";
import path from "node:path";

export const SHOTS = path.resolve(import.meta.dirname, "..", "test-results");

/**
 * Every test collects console errors and uncaught page errors and fails if any appeared.
 * A test that provokes an HTTP error on purpose lists the resource-load message it expects.
 */
export const test = base.extend<{ consoleErrors: string[]; allowConsole: RegExp[] }>({
  allowConsole: [[], { option: true }],
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });
    page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
    await use(errors);
  },
});

test.afterEach(async ({ consoleErrors, allowConsole }) => {
  const unexpected = consoleErrors.filter((e) => !allowConsole.some((re) => re.test(e)));
  expect(unexpected, "console errors").toEqual([]);
});

export { expect };

export async function freshPage(page: Page, settings?: Record<string, unknown>): Promise<void> {
  await page.goto("/");
  await page.evaluate((s) => {
    localStorage.clear();
    if (s) localStorage.setItem("havoc.settings.v1", JSON.stringify(s));
  }, settings ?? null);
  await page.reload();
  await expect(page.getByTestId("health")).toHaveAttribute("data-state", "ok");
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByLabel(/^(Message|Question for the reasoning stack)$/);
  await box.fill(text);
  await box.press("Enter");
}

/** Record the answer's text length on every DOM change, to see tokens arrive one by one. */
export async function watchAnswerGrowth(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __lengths: number[] };
    w.__lengths = [];
    const obs = new MutationObserver(() => {
      const answers = document.querySelectorAll('[data-testid="assistant-message"] [data-testid="answer-text"]');
      const last = answers[answers.length - 1];
      const n = last?.textContent?.length ?? 0;
      if (w.__lengths[w.__lengths.length - 1] !== n) w.__lengths.push(n);
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

export async function answerLengths(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __lengths: number[] }).__lengths);
}
