import type { Page, TestInfo } from "@playwright/test";
import { demo, expect, hydrated, open, strings, test } from "./support";

const en = strings("en");

interface DemoStartup {
  kind: string;
  status: string;
  featured_position: number | null;
  name: { en: string };
  startup: { stage: string; looking_for: string[] } | null;
}
const startups = () =>
  (demo() as unknown as DemoStartup[]).filter((organization) => organization.status === "published" && organization.kind === "startup");

async function apply(page: Page, testInfo: TestInfo) {
  if (!hydrated(testInfo)) await page.locator("aside .no-js-only").click();
}

test("the showcase puts featured startups first, in the order staff set", async ({ page }, testInfo) => {
  await open(page, "/en/startups", testInfo);
  await expect(page.locator("#results-summary")).toContainText(String(startups().length));
  const featured = startups()
    .filter((startup) => startup.featured_position !== null)
    .sort((a, b) => (a.featured_position ?? 0) - (b.featured_position ?? 0))
    .map((startup) => startup.name.en);
  const cards = page.locator(".startup-card");
  const shown = await cards.locator(".startup-card__name").allTextContents();
  expect(shown.slice(0, featured.length).map((name) => name.trim())).toEqual(featured);
  await expect(cards.nth(0).locator(".badge--featured")).toHaveText(en.startups.featured);
  await expect(cards.nth(featured.length).locator(".badge--featured")).toHaveCount(0);
  // Each card says what the startup is looking for.
  await expect(cards.nth(0).locator(".startup-card__needs")).toContainText(en.need.investment);
});

test("the showcase filters by stage and by what startups look for", async ({ page }, testInfo) => {
  await open(page, "/en/startups", testInfo);
  const mvps = startups().filter((startup) => startup.startup?.stage === "mvp");
  await page.getByRole("group", { name: en.directory.facet_stage }).getByLabel(en.stage.mvp).check();
  await apply(page, testInfo);
  await expect(page).toHaveURL(/[?&]stage=mvp/);
  await expect(page.locator(".startup-card")).toHaveCount(mvps.length);
  const hiring = mvps.filter((startup) => startup.startup?.looking_for.includes("hiring"));
  const need = page.getByRole("group", { name: en.directory.facet_need });
  if (hiring.length > 0) {
    await need.getByLabel(en.need.hiring).check();
    await apply(page, testInfo);
    await expect(page).toHaveURL(/need=hiring/);
    await expect(page.locator(".startup-card")).toHaveCount(hiring.length);
  }
  await page.locator(".startup-card__name a").first().click();
  await expect(page).toHaveURL(/\/en\/organizations\/[a-z0-9-]+$/);
  await expect(page.getByRole("region", { name: en.profile.startup_heading })).toContainText(en.stage.mvp);
});

test("the landscape shows every published organization by category and narrows by kind", async ({ page }, testInfo) => {
  await open(page, "/en/landscape", testInfo);
  const published = demo().filter((organization) => organization.status === "published");
  await expect(page.locator(".landscape__summary")).toContainText(String(published.length));
  const groups = page.locator(".landscape__group");
  expect(await groups.count()).toBeGreaterThan(5);
  const tile = page.locator("a.tile").first();
  await expect(tile).toHaveAttribute("href", /^\/en\/organizations\/[a-z0-9-]+$/);

  await page.getByLabel(en.landscape.kind).selectOption("cert");
  if (!hydrated(testInfo)) await page.getByRole("button", { name: en.landscape.filters }).click();
  await expect(page).toHaveURL(/[?&]kind=cert/);
  const certs = published.filter((organization) => organization.kind === "cert").length;
  await expect(page.locator(".landscape__summary")).toContainText(`${certs} `);
  for (const title of await page.locator("a.tile").evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute("title")))) {
    expect(title).toContain(en.kind_one.cert);
  }
});

test("landscape tiles are reached and opened with the keyboard", async ({ page }, testInfo) => {
  await open(page, "/en/landscape", testInfo);
  const tiles = page.locator("a.tile");
  await tiles.first().focus();
  await expect(tiles.first()).toBeFocused();
  if (hydrated(testInfo)) {
    // Arrow keys move between tiles; down lands on a tile below the current one.
    await page.keyboard.press("ArrowRight");
    await expect(tiles.nth(1)).toBeFocused();
    // Where the focused tile is on the page (focus may scroll it into view).
    const top = () => page.evaluate(() => (document.activeElement?.getBoundingClientRect().top ?? 0) + window.scrollY);
    const before = await top();
    await page.keyboard.press("ArrowDown");
    expect(await top()).toBeGreaterThan(before);
    await page.keyboard.press("Home");
    await expect(tiles.first()).toBeFocused();
  } else {
    // Without JavaScript, the tiles are plain links in reading order.
    await page.keyboard.press("Tab");
    await expect(tiles.nth(1)).toBeFocused();
  }
  const href = await page.evaluate(() => document.activeElement?.getAttribute("href"));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("landscape groups show their subcategories and whole names, on a phone too", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await open(page, "/en/landscape", testInfo);
  const group = page.locator(".landscape__group").first();
  const subcategory = group.getByRole("list", { name: en.directory.subcategories }).getByRole("link").first();
  await expect(subcategory).toBeVisible();
  const [name, count] = [await subcategory.evaluate((link) => link.firstChild?.textContent?.trim()), await subcategory.locator(".landscape__group-count").textContent()];
  // No name is cut short: each tile's text fits the box it is given.
  const clipped = await page.locator(".tile__name").evaluateAll((names) =>
    names.filter((name) => name.scrollHeight > name.clientHeight + 1 || name.scrollWidth > name.clientWidth + 1).map((name) => name.textContent));
  expect(clipped).toEqual([]);
  await subcategory.click();
  await expect(page).toHaveURL(/\/en\/organizations\?category=[a-z0-9-]+$/);
  await expect(page.locator("#results-summary")).toContainText(`${count} `);
  // The subcategory is the filter chosen (in the folded filters panel of the phone).
  const chosen = page.locator("#filters input[name=category]:checked");
  await expect(chosen).toHaveCount(1);
  await expect(page.locator("#filters label:has(input[name=category]:checked)")).toContainText(name ?? "");
});

test("the arrow-key hint appears for keyboard focus only", async ({ page }, testInfo) => {
  test.skip(!hydrated(testInfo), "without JavaScript the arrow keys do nothing, and no hint is shown");
  await open(page, "/en/landscape", testInfo);
  const hint = page.getByText(en.landscape.keyboard_hint);
  await expect(hint).toBeHidden();
  // A pointer on a tile is no keyboard.
  const tile = page.locator("a.tile").first();
  const box = (await tile.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await expect(tile).toBeFocused();
  await expect(hint).toBeHidden();
  await page.keyboard.press("Tab");
  await expect(page.locator("a.tile").nth(1)).toBeFocused();
  await expect(hint).toBeVisible();
  await page.keyboard.press("Escape");
});

test("the home page shows featured startups, charts that lead to the directory, and the newest listings", async ({ page }, testInfo) => {
  await open(page, "/en", testInfo);
  const featured = page.getByRole("region", { name: en.overview.featured_heading });
  await expect(featured.locator(".startup-card").first()).toContainText("Qarmaq AI");
  const charts = page.getByRole("region", { name: en.overview.charts_heading });
  const byKind = charts.getByRole("group", { name: en.overview.by_kind });
  const startupBar = byKind.getByRole("link", { name: new RegExp(`^${en.kind.startup} ${startups().length}$`) });
  await expect(startupBar).toBeVisible();
  await startupBar.click();
  await expect(page).toHaveURL(/\/en\/organizations\?kind=startup$/);
  await expect(page.locator("#results-summary")).toContainText(String(startups().length));
  await page.goBack();
  const recent = page.getByRole("region", { name: en.overview.recent_heading });
  await expect(recent.locator(".org-card")).toHaveCount(6);
});
