import { expect, languages, open, published, strings, test } from "./support";

for (const lang of languages) {
  test(`home page shows the ecosystem's counts in ${lang}`, async ({ page }, testInfo) => {
    const text = strings(lang);
    const response = await open(page, `/${lang}`, testInfo);
    expect(response?.status()).toBe(200);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page).toHaveTitle(text.home.title);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.home.heading);
    await expect(page.getByRole("note")).toContainText(text.site.demo_notice);

    const listings = published();
    const totals = page.locator(".hero__stats dd");
    await expect(totals.nth(0)).toHaveText(String(listings.length));
    await expect(totals.nth(1)).toHaveText(String(listings.reduce((sum, o) => sum + o.solutions.length, 0)));
    await expect(totals.nth(2)).toHaveText(String(new Set(listings.map((o) => o.country)).size));

    for (const [kind, label] of Object.entries(text.kind)) {
      const count = listings.filter((organization) => organization.kind === kind).length;
      const card = page.locator(`a.kind-card[data-kind="${kind}"]`);
      await expect(card).toContainText(label);
      await expect(card.locator(".kind-card__count")).toContainText(String(count));
      await expect(card).toHaveAttribute("href", `/${lang}/organizations?kind=${kind}`);
    }
  });
}

test("the home page's search is a plain form that leads to the directory", async ({ page }, testInfo) => {
  await open(page, "/en", testInfo);
  const search = page.getByRole("search").filter({ has: page.locator("#home-search") });
  await expect(search).toHaveAttribute("action", "/en/organizations");
  await expect(search).toHaveAttribute("method", "get");
  await expect(page.getByLabel(strings("en").site.search_label)).toHaveAttribute("name", "q");
});
