import { expect, hydrated, open, strings, test } from "./support";

test("the language switcher keeps the page and changes every string", async ({ page }, testInfo) => {
  await open(page, "/az", testInfo);
  const switcher = page.getByRole("navigation", { name: strings("az").site.language });
  await expect(switcher.getByRole("link", { name: "Azərbaycanca" })).toHaveAttribute("aria-current", "true");
  await switcher.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/en$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(strings("en").home.heading);
  await expect(page.locator('a.kind-card[data-kind="cert"]')).toContainText(strings("en").kind.cert);
  await expect(page.getByRole("navigation", { name: strings("en").site.language }).getByRole("link", { name: "English" }))
    .toHaveAttribute("aria-current", "true");
  await page.getByRole("navigation", { name: strings("en").site.language }).getByRole("link", { name: "Русский" }).click();
  await expect(page).toHaveURL(/\/ru$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(strings("ru").home.heading);
});

test("links to the other languages keep the query", async ({ page }, testInfo) => {
  await open(page, "/en?ref=forum", testInfo);
  const switcher = page.getByRole("navigation", { name: strings("en").site.language });
  await expect(switcher.getByRole("link", { name: "Русский" })).toHaveAttribute("href", "/ru?ref=forum");
});

test("/ remembers the last language, else follows the browser, else Azerbaijani", async ({ browser, page }, testInfo) => {
  await open(page, "/ru", testInfo);
  await page.goto("/");
  await expect(page).toHaveURL(/\/ru$/);

  for (const [locale, expected] of [["en-GB", "en"], ["de-DE", "az"]]) {
    const context = await browser.newContext({ locale, javaScriptEnabled: hydrated(testInfo) });
    const fresh = await context.newPage();
    await fresh.goto("/");
    await expect(fresh).toHaveURL(new RegExp(`/${expected}$`));
    await expect(fresh.locator("html")).toHaveAttribute("lang", expected);
    await context.close();
  }
});

test("every page names its other-language versions", async ({ page }, testInfo) => {
  await open(page, "/en", testInfo);
  for (const lang of ["az", "en", "ru"]) {
    await expect(page.locator(`link[rel="alternate"][hreflang="${lang}"]`)).toHaveAttribute("href", new RegExp(`/${lang}$`));
  }
  await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute("href", /\/$/);
});
