import type { Page, TestInfo } from "@playwright/test";
import { expect, hydrated, open, published, strings, test } from "./support";

const en = strings("en");

/** The "N organizations" line above the results. */
const summary = (page: Page) => page.locator("#results-summary");

/** Submits the directory form: hydrated it follows choices by itself; without JavaScript the visitor presses Apply. */
async function apply(page: Page, testInfo: TestInfo) {
  if (!hydrated(testInfo)) await page.locator("aside .no-js-only").click();
}

/** Marks the window, so a later check can tell a client-side update from a page load. */
async function markWindow(page: Page) {
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
}
const stayed = (page: Page) => page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed === true);

test("search understands Azerbaijani letters typed without them, and highlights what matched", async ({ page }, testInfo) => {
  await open(page, "/az/organizations", testInfo);
  const search = page.getByRole("searchbox", { name: strings("az").directory.search_label });
  if (hydrated(testInfo)) await markWindow(page);
  await search.fill("sirket");
  if (!hydrated(testInfo)) await search.press("Enter");
  await expect(page).toHaveURL(/[?&]q=sirket/);
  const first = page.locator(".org-card").first();
  await expect(first.locator(".org-card__name")).toContainText("Abşeron Kiber Mühafizə Şirkəti");
  // The whole word the prefix matched is marked.
  await expect(first.locator(".org-card__name mark")).toHaveText("Şirkəti");
  // Hydrated, the results followed the typing without a page load.
  if (hydrated(testInfo)) expect(await stayed(page)).toBe(true);
});

test("Cyrillic finds Latin spellings, prefixes match, and one typo is forgiven", async ({ page }, testInfo) => {
  for (const [typed, expected] of [
    ["кибер", "Kiberqalxan"],
    ["kibertəh", "Kibertəhlükəsizlik Peşəkarları Birliyi"],
    ["kiberqalxna", "Kiberqalxan"],
  ]) {
    await open(page, `/az/organizations?q=${encodeURIComponent(typed)}`, testInfo);
    await expect(page.locator(".org-card__name").filter({ hasText: expected }).first()).toBeVisible();
  }
});

test("a facet filters the results, counts what each choice gives, and lives in the URL", async ({ page }, testInfo) => {
  await open(page, "/en/organizations", testInfo);
  const listings = published();
  await expect(summary(page)).toContainText(String(listings.length));
  const certs = listings.filter((organization) => organization.kind === "cert").length;
  const kind = page.getByRole("group", { name: en.directory.facet_kind });
  const cert = kind.locator("label").filter({ hasText: en.kind.cert });
  await expect(cert.locator(".facet-option__count")).toHaveText(String(certs));
  await cert.locator("input").check();
  await apply(page, testInfo);
  await expect(page).toHaveURL(/[?&]kind=cert(&|$)/);
  await expect(summary(page)).toContainText(`${certs} `);
  await expect(page.locator(".org-card")).toHaveCount(certs);
  for (const meta of await page.locator(".org-card__meta").allTextContents()) {
    expect(meta).toContain(en.kind_one.cert);
  }
  // The other facets now count within the chosen kind: the countries add up to the CERTs.
  const countries = page.getByRole("group", { name: en.directory.facet_country }).locator(".facet-option__count");
  const byCountry = (await countries.allTextContents()).map(Number);
  expect(byCountry.reduce((sum, count) => sum + count, 0)).toBe(certs);
});

test("back and forward walk through searches", async ({ page }, testInfo) => {
  await open(page, "/en/organizations", testInfo);
  const search = page.getByRole("searchbox", { name: en.directory.search_label });
  await search.fill("cert");
  await search.press("Enter");
  await expect(page).toHaveURL(/q=cert/);
  await expect(summary(page)).toContainText("«cert»");
  const certResults = await summary(page).textContent();
  await page.getByRole("group", { name: en.directory.facet_country }).locator("label").first().locator("input").check();
  await apply(page, testInfo);
  await expect(page).toHaveURL(/country=/);
  await page.goBack();
  // Without JavaScript the form also sends its default order, and lands at the results.
  await expect(page).toHaveURL(/\?q=cert(&sort=relevance)?(#results)?$/);
  await expect(summary(page)).toHaveText(certResults ?? "");
  await expect(search).toHaveValue("cert");
  await page.goBack();
  await expect(page).toHaveURL(/\/en\/organizations$/);
  await expect(search).toHaveValue("");
  await expect(summary(page)).toHaveText(`${published().length} organizations`);
  await page.goForward();
  await expect(search).toHaveValue("cert");
});

test("sorting by name orders the results alphabetically and paginates", async ({ page }, testInfo) => {
  await open(page, "/en/organizations?sort=name", testInfo);
  await expect(page.locator(".org-card")).toHaveCount(20);
  const pagination = page.getByRole("navigation", { name: en.directory.pagination });
  await pagination.getByRole("link", { name: "2", exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.locator(".org-card")).toHaveCount(20);
  await expect(pagination.getByRole("link", { name: "2", exact: true })).toHaveAttribute("aria-current", "page");
});

test("an empty result says so and offers to clear the filters", async ({ page }, testInfo) => {
  await open(page, "/en/organizations?q=zzzzqqqq&kind=cert", testInfo);
  await expect(page.getByRole("heading", { name: en.directory.empty_heading })).toBeVisible();
  await page.locator(".empty-state").getByRole("link", { name: en.directory.clear_filters }).click();
  await expect(page).toHaveURL(/\/en\/organizations\?q=zzzzqqqq$/);
  await page.locator(".empty-state").getByRole("link", { name: en.directory.clear_search }).click();
  await expect(page).toHaveURL(/\/en\/organizations$/);
  await expect(page.locator(".org-card").first()).toBeVisible();
});

test("nonsense in the address is left out, and the page says which", async ({ page }, testInfo) => {
  const response = await open(page, "/en/organizations?kind=bogus&page=abc&country=CERT", testInfo);
  expect(response?.status()).toBe(200);
  const warning = page.locator(".notice--warning");
  await expect(warning).toContainText(en.directory.ignored);
  await expect(warning).toContainText("kind=bogus");
  await expect(warning).toContainText("page=abc");
  await expect(summary(page)).toContainText(String(published().length));
});

test("the results download as CSV with the same filters", async ({ page }, testInfo) => {
  await open(page, "/en/organizations?kind=cert", testInfo);
  const link = page.getByRole("link", { name: en.directory.download_csv });
  await expect(link).toHaveAttribute("href", "/api/v1/organizations.csv?kind=cert&lang=en");
  const response = await page.request.get((await link.getAttribute("href")) ?? "");
  expect(response.headers()["content-type"]).toContain("text/csv");
  const rows = (await response.text()).trim().split("\n");
  expect(rows.length - 1).toBe(published().filter((organization) => organization.kind === "cert").length);
});

/** Whether the results' count line is on screen, top to bottom. */
async function countInView(page: Page) {
  const box = await summary(page).boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

test("a filter chosen far down the sidebar leaves the results and their count in view", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await open(page, "/en/organizations", testInfo);
  // The city list is at the foot of the sidebar: the sidebar scrolls on its own to reach it.
  const cities = page.getByRole("group", { name: en.directory.facet_city });
  // Found by its name: a chosen city moves to the top of the list.
  const name = (await cities.locator(".facet-option__label").nth(1).textContent())!;
  const city = cities.locator("label").filter({ has: page.locator(".facet-option__label", { hasText: new RegExp(`^${name}$`) }) });
  await city.scrollIntoViewIfNeeded();
  const chosen = Number(await city.locator(".facet-option__count").textContent());
  await city.locator("input").check();
  await apply(page, testInfo);
  await expect(page).toHaveURL(/[?&]city=/);
  await expect(summary(page)).toContainText(`${chosen} `);
  expect(await countInView(page)).toBe(true);
  // Beside the results, not beside an empty column.
  await expect(page.locator(".org-card").first()).toBeInViewport();
});

test("on a phone the filters are a panel above the results, and applying them shows the results", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await open(page, "/en/organizations", testInfo);
  const panel = page.locator("details#filters");
  const kind = page.getByRole("group", { name: en.directory.facet_kind });
  // Folded at first, above the results.
  await expect(kind).toBeHidden();
  const toggle = panel.locator("summary");
  expect((await toggle.boundingBox())!.y).toBeLessThan((await summary(page).boundingBox())!.y);
  await toggle.click();
  const certs = published().filter((organization) => organization.kind === "cert").length;
  await kind.locator("label").filter({ hasText: en.kind.cert }).locator("input").check();
  if (hydrated(testInfo)) {
    // The panel stays open while choosing, and its button counts what it will show.
    await expect(page).toHaveURL(/[?&]kind=cert(&|$)/);
    await expect(panel).toHaveAttribute("open", "");
    const show = page.getByRole("button", { name: `Show ${certs} results` });
    await expect(show).toBeInViewport();
    await show.click();
  } else {
    await panel.getByRole("button", { name: en.directory.apply_filters }).click();
    await expect(page).toHaveURL(/[?&]kind=cert.*#results$/);
  }
  await expect(summary(page)).toContainText(`${certs} `);
  await expect(kind).toBeHidden();
  await expect.poll(() => countInView(page)).toBe(true);
});

test("a city reads in the page's language, counts once, and is found by any of its names", async ({ page }, testInfo) => {
  const ru = strings("ru");
  const total = async () => Number((await summary(page).textContent())?.match(/\d+/)?.[0]);
  await open(page, "/ru/organizations?city=baku", testInfo);
  const inBaku = await total();
  // Other tests may move a listing or two; the demo has dozens in Baku.
  expect(inBaku).toBeGreaterThan(published().filter((organization) => organization.city === "Bakı").length - 5);
  await expect(page.locator(".org-card__meta").first()).toContainText("Баку, Азербайджан");
  // Each name finds every listing in Baku (and, a search being a search, perhaps a near spelling more).
  for (const typed of ["Baku", "Bakı", "Баку"]) {
    await open(page, `/ru/organizations?q=${encodeURIComponent(typed)}`, testInfo);
    expect(await total(), typed).toBeGreaterThanOrEqual(inBaku);
  }
  await open(page, "/ru/organizations", testInfo);
  const cities = page.getByRole("group", { name: ru.directory.facet_city });
  const baku = cities.locator("label").filter({ has: page.locator(".facet-option__label", { hasText: /^Баку$/ }) });
  await expect(baku.locator(".facet-option__count")).toHaveText(String(inBaku));
  await expect(cities.locator(".facet-option__label").filter({ hasText: /^(Bakı|Baku)$/ })).toHaveCount(0);
  await expect(cities.locator(".facet-option__label").filter({ hasText: /^Алматы$/ })).toHaveCount(1);
});
