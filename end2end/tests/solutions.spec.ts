import type { Page, TestInfo } from "@playwright/test";
import { demo, expect, hydrated, open, strings, test } from "./support";

const en = strings("en");

async function apply(page: Page, testInfo: TestInfo) {
  if (!hydrated(testInfo)) await page.locator("aside .no-js-only").click();
}

test("solutions filter by NIST CSF function and deployment", async ({ page }, testInfo) => {
  await open(page, "/en/solutions", testInfo);
  const published = demo().filter((organization) => organization.status === "published");
  const total = published.reduce((sum, organization) => sum + organization.solutions.length, 0);
  await expect(page.locator("#results-summary")).toContainText(String(total));
  const nist = page.getByRole("group", { name: en.solutions.facet_nist });
  const detect = nist.locator("label").filter({ hasText: en.nist.detect });
  const expected = Number(await detect.locator(".facet-option__count").textContent());
  expect(expected).toBeGreaterThan(0);
  await detect.locator("input").check();
  await apply(page, testInfo);
  await expect(page).toHaveURL(/[?&]nist=detect/);
  await expect(page.locator("#results-summary")).toContainText(`${expected} `);

  // A second facet narrows further: its options count within the detecting solutions.
  const deployment = page.getByRole("group", { name: en.solutions.facet_deployment });
  const option = deployment.locator("label").first();
  const label = ((await option.locator(".facet-option__label").textContent()) ?? "").trim();
  const count = Number(await option.locator(".facet-option__count").textContent());
  expect(count).toBeLessThanOrEqual(expected);
  await option.locator("input").check();
  await apply(page, testInfo);
  await expect(page).toHaveURL(/nist=detect&deployment=/);
  await expect(page.locator(".solution-card")).toHaveCount(Math.min(count, 20));
  for (const meta of await page.locator(".solution-card .org-card__meta").allTextContents()) {
    expect(meta).toContain(label);
  }
});

test("a solution has its own page that links to its organization", async ({ page }, testInfo) => {
  await open(page, "/en/solutions?q=IEC%2062443%20assessment", testInfo);
  await page.getByRole("link", { name: "IEC 62443 assessment" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("IEC 62443 assessment");
  await expect(page.locator(".profile__facts")).toContainText(en.solutions.nist);
  await page.getByRole("link", { name: "Absheron Cyber Protection Company" }).click();
  await expect(page).toHaveURL(/\/en\/organizations\/abseron-kiber-muhafize-sirketi$/);
});

test("two solutions compare side by side, the choice kept in the URL", async ({ page }, testInfo) => {
  await open(page, "/en/solutions?q=monitoring", testInfo);
  const cards = page.locator(".solution-card");
  const names = [await cards.nth(0).locator(".org-card__name").textContent(), await cards.nth(1).locator(".org-card__name").textContent()];
  await cards.nth(0).getByRole("checkbox", { name: en.solutions.compare }).check();
  await cards.nth(1).getByRole("checkbox", { name: en.solutions.compare }).check();
  // Choosing solutions to compare is not a search: the list stays where it is.
  await expect(page).toHaveURL(/\/en\/solutions\?q=monitoring$/);
  await page.getByRole("button", { name: en.solutions.compare_selected }).click();
  await expect(page).toHaveURL(/\/en\/solutions\/compare\?s=[^&]+&s=[^&]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.solutions.compare_heading);
  const table = page.getByRole("table");
  await expect(table.getByRole("columnheader")).toHaveCount(3);
  for (const name of names) await expect(table).toContainText((name ?? "").trim());
  await expect(table.getByRole("rowheader", { name: en.solutions.nist })).toBeVisible();
});

test("on a phone the compare bar appears once a solution is ticked and never covers a card", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await open(page, "/en/solutions?q=monitoring", testInfo);
  const bar = page.getByRole("button", { name: en.solutions.compare_selected });
  await expect(bar).toBeHidden();
  const cards = page.locator(".solution-card");
  await cards.nth(0).getByRole("checkbox", { name: en.solutions.compare }).check();
  await expect(bar).toBeVisible();
  const count = Math.min(await cards.count(), 6);
  for (let index = 0; index < count; index++) {
    const checkbox = cards.nth(index).getByRole("checkbox", { name: en.solutions.compare });
    // Brought into view as a keyboard's focus brings it, the choice is clear of the bar.
    await checkbox.focus();
    const choice = (await cards.nth(index).locator(".solution-card__compare").boundingBox())!;
    const strip = (await page.locator(".compare-bar").boundingBox())!;
    const covered = choice.y + choice.height > strip.y && choice.y < strip.y + strip.height;
    expect(covered ? `card ${index} under the bar` : "clear").toBe("clear");
  }
});

test("comparing more than four keeps the first four and says so", async ({ page }, testInfo) => {
  const response = await page.request.get("/api/v1/solutions?lang=en");
  const slugs: string[] = (await response.json()).results.slice(0, 5).map((result: { slug: string }) => result.slug);
  await open(page, `/en/solutions/compare?${slugs.map((slug) => `s=${slug}`).join("&")}`, testInfo);
  await expect(page.getByRole("table").getByRole("columnheader")).toHaveCount(5);
  await expect(page.getByText(en.solutions.compare_too_many)).toBeVisible();
});
