import { expect, freshPage, send, SHOTS, test, watchAnswerGrowth, answerLengths } from "./fixtures";

test("a message streams back token by token, with token counts and tokens/s", async ({ page }) => {
  // long enough to span many screen updates even when the tiny model runs at hundreds of tok/s
  await freshPage(page, { maxTokens: 384, temperature: 0, preset: "precise", topP: 1, topK: 0, repetitionPenalty: 1 });
  await watchAnswerGrowth(page);
  const responsePromise = page.waitForResponse((r) => r.url().endsWith("/v1/chat/completions"));
  await send(page, "What is a control chart?");
  const response = await responsePromise;
  expect(response.headers()["content-type"]).toContain("text/event-stream");

  const answer = page.getByTestId("assistant-message").last();
  await expect(answer.getByTestId("stats")).toContainText("tok/s", { timeout: 60_000 });
  await expect(answer).toHaveAttribute("aria-busy", "false");
  const lengths = await answerLengths(page);
  // progressive: the text was seen at a shorter length before it was complete (SSE chunks that
  // arrive together on a busy machine render as one update, so two lengths are the floor)
  // (rendered length may dip when markdown closes a construct, so only the trend is checked)
  const growing = lengths.filter((n) => n > 0);
  expect(growing.length).toBeGreaterThanOrEqual(2);
  expect(growing[0]).toBeLessThan(Math.max(...growing));
  // token count comes from the usage chunk (no "≈")
  await expect(answer.getByTestId("stats")).toHaveText(/^\d+ tokens · \d+ prompt · [\d.]+ tok\/s/);
  await page.screenshot({ path: `${SHOTS}/chat-streamed.png` });
});

test("Stop (Escape) aborts the request mid-stream", async ({ page }) => {
  await freshPage(page, { maxTokens: 420, temperature: 0.8 }); // within the demo model's 512-token context
  const failed = new Promise<string>((resolve) =>
    page.on("requestfailed", (r) => {
      if (r.url().endsWith("/v1/chat/completions")) resolve(r.failure()?.errorText ?? "");
    }),
  );
  const started = page.waitForResponse((r) => r.url().endsWith("/v1/chat/completions"));
  await send(page, "Write a long explanation of design of experiments.");
  await started; // the stream is open (headers in); stop it before it can finish
  await page.keyboard.press("Escape");
  expect(await failed).toContain("ERR_ABORTED");
  const answer = page.getByTestId("assistant-message").last();
  await expect(answer.getByText("stopped")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send message" })).toBeVisible();
  // the answer ended early, and nothing arrives after the stop
  await expect(answer.getByText("finish: length")).toHaveCount(0);
  const before = await answer.textContent();
  await page.waitForTimeout(700);
  expect(await answer.textContent()).toBe(before);
  // the server freed the generation slot (havoc-serve's /health counts running requests)
  await expect
    .poll(async () => ((await (await page.request.get("/health")).json()) as { running?: number }).running ?? 0)
    .toBe(0);
  await page.screenshot({ path: `${SHOTS}/chat-stopped.png` });
});

test("a changed setting is in the next request body and survives a reload", async ({ page }) => {
  await freshPage(page);
  const bodies: Record<string, unknown>[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/v1/chat/completions") && r.method() === "POST") bodies.push(r.postDataJSON());
  });
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByLabel("Temperature", { exact: false }).and(page.locator("input[type=number]")).fill("0.35");
  await page.locator("#setting-topK").fill("7");
  await page.locator("#setting-maxTokens").fill("16");
  await page.locator("#setting-repetitionPenalty").fill("1.15");
  await page.locator("#setting-system").fill("You are terse.");
  await page.screenshot({ path: `${SHOTS}/settings.png` });
  await page.getByRole("button", { name: "Close settings" }).click();

  await send(page, "Define Cpk.");
  await expect(page.getByTestId("assistant-message").last()).toHaveAttribute("aria-busy", "false", { timeout: 60_000 });
  expect(bodies).toHaveLength(1);
  expect(bodies[0]).toMatchObject({
    temperature: 0.35,
    top_k: 7,
    max_tokens: 16,
    repetition_penalty: 1.15,
    stream: true,
    stream_options: { include_usage: true },
  });
  expect((bodies[0].messages as { role: string; content: string }[])[0]).toEqual({
    role: "system",
    content: "You are terse.",
  });

  await page.reload();
  await page.getByRole("button", { name: "Settings" }).click();
  await expect(page.locator("#setting-temperature")).toHaveValue("0.35");
  await expect(page.locator("#setting-topK")).toHaveValue("7");
});

test("the conversation survives a reload; regenerate and edit-and-resend replace the answer", async ({ page }) => {
  await freshPage(page, { maxTokens: 24, temperature: 0 , preset: "precise", topP: 1, topK: 0, repetitionPenalty: 1});
  await send(page, "What is a p-value?");
  const answer = page.getByTestId("assistant-message");
  await expect(answer.last()).toHaveAttribute("aria-busy", "false", { timeout: 60_000 });
  const text = await answer.last().getByTestId("answer-text").textContent();

  await page.reload();
  await expect(page.getByTestId("user-message")).toHaveText(/What is a p-value\?/);
  await expect(answer.last().getByTestId("answer-text")).toHaveText(text ?? "");
  await expect(page.getByRole("navigation", { name: "Conversations" })).toContainText("What is a p-value?");

  const bodies: { messages: { content: string }[] }[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/v1/chat/completions")) bodies.push(r.postDataJSON());
  });
  await page.getByRole("button", { name: "Regenerate answer" }).click();
  await expect(answer.last()).toHaveAttribute("aria-busy", "false", { timeout: 60_000 });
  await expect(answer).toHaveCount(1);

  await page.getByRole("button", { name: "Edit and resend" }).click();
  await page.getByLabel("Edit your message").fill("What is a confidence interval?");
  await page.getByRole("button", { name: "Save & resend" }).click();
  await expect(answer.last()).toHaveAttribute("aria-busy", "false", { timeout: 60_000 });
  await expect(page.getByTestId("user-message")).toHaveCount(1);
  await expect(page.getByTestId("user-message")).toContainText("What is a confidence interval?");
  expect(bodies.map((b) => b.messages[b.messages.length - 1].content)).toEqual([
    "What is a p-value?",
    "What is a confidence interval?",
  ]);
});

test("conversations: new, rename, delete", async ({ page }) => {
  await freshPage(page, { maxTokens: 8 });
  await send(page, "First question");
  await expect(page.getByTestId("assistant-message").last()).toHaveAttribute("aria-busy", "false", { timeout: 60_000 });
  const nav = page.getByRole("navigation", { name: "Conversations" });
  await page.getByRole("button", { name: "+ New conversation" }).click();
  await expect(page.getByTestId("user-message")).toHaveCount(0);
  await page.getByRole("button", { name: "Rename First question" }).click();
  await page.getByLabel("New name").fill("Renamed run");
  await page.getByLabel("New name").press("Enter");
  await expect(nav).toContainText("Renamed run");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Delete Renamed run" }).click();
  await expect(nav).not.toContainText("Renamed run");
  await page.reload();
  await expect(nav).not.toContainText("Renamed run");
});

test.describe("errors", () => {
  test.use({ allowConsole: [/Failed to load resource: the server responded with a status of 4\d\d/] });
  test("a 4xx from the server is shown with its message and field", async ({ page }) => {
    await freshPage(page, { maxTokens: 4096 });
    await send(page, "hello");
    const err = page.getByTestId("error");
    await expect(err).toBeVisible({ timeout: 30_000 });
    await expect(err).toHaveText(/^4\d\d · /);
    await expect(err).toContainText("max_tokens");
    await page.screenshot({ path: `${SHOTS}/chat-error.png` });
  });
});
