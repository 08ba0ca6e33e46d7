import { expect, hydrated, open, strings, test } from "./support";

test("pages hydrate without errors, and read the same without JavaScript", async ({ page }, testInfo) => {
  await open(page, "/az", testInfo);
  const marked = page.locator("html[data-hydrated]");
  if (hydrated(testInfo)) {
    await expect(marked).toHaveCount(1);
    // Interactive: a section link is followed by the client-side router, not a page load.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await page.locator("a.brand").first().click();
    await expect(page).toHaveURL(/\/az$/);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  } else {
    await expect(marked).toHaveCount(0);
  }
  // Server-rendered content is complete either way: no loading placeholders left behind.
  await expect(page.locator(".kind-card")).toHaveCount(Object.keys(strings("az").kind).length);
  await expect(page.locator(".hero__stats dd")).toHaveCount(3);
});

test("an unknown address is a real 404 with a way forward", async ({ page }, testInfo) => {
  const response = await open(page, "/en/no-such-page", testInfo);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(strings("en").not_found.heading);
  await expect(page.getByRole("search")).toHaveCount(2);
  await page.getByRole("link", { name: strings("en").not_found.home_link }).click();
  await expect(page).toHaveURL(/\/en$/);
});
