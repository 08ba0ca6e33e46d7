import { expect, hydrated, open, strings, test } from "./support";

test("pages hydrate without errors, and read the same without JavaScript", async ({ page }, testInfo) => {
  await open(page, "/az", testInfo);
  const marked = page.locator("html[data-hydrated]");
  if (hydrated(testInfo)) {
    await expect(marked).toHaveCount(1);
    // Pages are server-rendered HTML with islands of interactivity: the home page has none, a
    // directory page has its live search form.
    await expect(page.locator("leptos-island")).toHaveCount(0);
    await open(page, "/az/organizations", testInfo);
    await expect(page.locator("leptos-island form[role=search]")).toHaveCount(1);
    await open(page, "/az", testInfo);
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
