import { expect, freshPage, SHOTS, test } from "./fixtures";

test("keyboard: the first Tab reaches the skip link, which leads to the message box; Shift+Enter adds a line", async ({ page }) => {
  await freshPage(page);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to the message box" })).toBeFocused();
  await page.keyboard.press("Enter");
  const box = page.locator("#composer-input");
  await expect(box).toBeFocused();
  await box.click();
  await box.pressSequentially("line one");
  await box.press("Shift+Enter");
  await box.pressSequentially("line two");
  await expect(box).toHaveValue("line one\nline two");
  await expect(page.getByTestId("user-message")).toHaveCount(0);
});

test.describe("phone-sized screen", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("fits the width and opens the conversation list as a drawer", async ({ page }) => {
    await freshPage(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole("button", { name: "+ New conversation" })).toBeHidden();
    await page.getByRole("button", { name: "Open conversation list" }).click();
    await expect(page.getByRole("button", { name: "+ New conversation" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/phone-drawer.png` });
    await page.getByRole("button", { name: "Close conversation list" }).click();
    await page.screenshot({ path: `${SHOTS}/phone.png` });
  });
});

test("background animates, pauses when the tab is hidden", async ({ page }) => {
  await freshPage(page);
  const bg = page.locator(".background");
  await expect(bg).not.toHaveAttribute("data-scene", "loading");
  const state = await bg.getAttribute("data-scene");
  test.skip(state === "off", "no WebGL in this browser: the CSS background is shown instead");
  expect(state).toBe("running");
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await expect(bg).toHaveAttribute("data-scene", "paused");
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await expect(bg).toHaveAttribute("data-scene", "running");
  await page.screenshot({ path: `${SHOTS}/home.png` });
});

test.describe("reduced motion", () => {
  test.use({ reducedMotion: "reduce" });
  test("draws a single still frame", async ({ page }) => {
    await freshPage(page);
    const bg = page.locator(".background");
    await expect(bg).not.toHaveAttribute("data-scene", "loading");
    const state = await bg.getAttribute("data-scene");
    test.skip(state === "off", "no WebGL in this browser");
    expect(state).toBe("still");
  });
});
