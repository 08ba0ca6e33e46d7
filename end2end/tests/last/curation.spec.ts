import type { Page } from "@playwright/test";
import { expect, hydrated, open, seriousViolations, staffPage, strings, test } from "../support";

// These change what other specs count (the showcase order, the taxonomy), so Playwright runs them
// after every other spec, one project at a time (see playwright.config.ts).
const en = strings("en");

// One staff member per project turns on their second factor once, then does both.
test.describe.configure({ mode: "serial" });
let staff: Page;
test.beforeAll(async ({ browser }, testInfo) => {
  staff = await staffPage(browser, testInfo);
});

/** A published demo startup nobody features, one per project. */
const startup: Record<string, { slug: string; name: string }> = {
  "hydrated-last": { slug: "setir-security", name: "Setir Security" },
  "no-js-last": { slug: "ufuq-cloud", name: "Ufuq Cloud" },
};

test("featuring a startup puts it on the showcase at the place staff chose", async ({ page }, testInfo) => {
  const { slug, name } = startup[testInfo.project.name];
  const names = async () => {
    await open(page, "/en/startups", testInfo);
    return (await page.locator(".startup-card .startup-card__name").allTextContents()).map((text) => text.trim());
  };
  const before = await names();
  expect(before.slice(0, 3)).not.toContain(name);

  await open(staff, `/en/staff/listings/${slug}`, testInfo);
  await staff.getByLabel(en.curation.position).fill("2");
  await staff.getByRole("button", { name: en.curation.feature, exact: true }).click();
  await expect(staff).toHaveURL(/done=feature$/);
  // The directory is rebuilt in the background when a rebuild is slow: the next visits show the change.
  await expect.poll(async () => (await names()).slice(0, 3)).toEqual([before[0], name, before[1]]);
  await expect(page.locator(".startup-card").nth(1).locator(".badge--featured")).toHaveText(en.startups.featured);

  await open(staff, `/en/staff/listings/${slug}`, testInfo);
  await staff.getByRole("button", { name: en.curation.unfeature }).click();
  await expect(staff).toHaveURL(/done=unfeature$/);
  await expect.poll(async () => (await names()).slice(0, 3)).toEqual(before.slice(0, 3));
});

test("staff add and rename a sector, and a category in use cannot be deleted", async ({}, testInfo) => {
  await open(staff, "/en/staff/taxonomy", testInfo);
  if (hydrated(testInfo)) expect(await seriousViolations(staff)).toEqual([]);

  const sectors = staff.locator("#sector");
  const slug = `space-${testInfo.project.name}`;
  await sectors.getByText(en.curation.add_term, { exact: true }).first().click();
  const add = sectors.locator("form").filter({ has: staff.locator('input[value="sector-add"]') });
  await add.getByLabel(en.curation.term_slug).fill(slug);
  await add.getByLabel(`${en.curation.term_name} (English)`).fill("Space systems");
  await add.getByLabel(`${en.curation.term_name} (Azərbaycanca)`).fill("Kosmik sistemlər");
  // Russian left empty: refused with a message, and what was typed stays.
  await add.getByLabel(`${en.curation.term_name} (Русский)`).fill(" ");
  await add.getByRole("button", { name: en.curation.add_term }).click();
  const refused = staff.locator("#sector form").filter({ has: staff.locator('input[value="sector-add"]') });
  await expect(staff.locator("#sector").getByRole("alert")).toContainText(en.problem.required);
  await expect(refused.getByLabel(en.curation.term_slug)).toHaveValue(slug);
  await refused.getByLabel(`${en.curation.term_name} (Русский)`).fill("Космические системы");
  await refused.getByRole("button", { name: en.curation.add_term }).click();
  await expect(staff).toHaveURL(/changed=sector/);
  const added = staff.locator(".staff__term").filter({ hasText: slug });
  await expect(added).toContainText("Space systems");

  await added.locator("summary").click();
  await added.getByLabel(`${en.curation.term_name} (English)`).fill("Space and satellite systems");
  await added.getByRole("button", { name: en.curation.save }).click();
  await expect(staff.locator(".staff__term").filter({ hasText: slug })).toContainText("Space and satellite systems");

  // The first category is used by demo listings: deleting it is refused with the reason.
  const used = staff.locator("#category .staff__term").first();
  await used.locator("summary").click();
  await used.getByRole("button", { name: en.curation.delete_term }).click();
  await expect(staff.locator("#category .staff__term").first().getByRole("alert")).toContainText(en.problem.has_children);
});

test("staff find a forum participant by its name and add it to a panel, then remove it", async ({}, testInfo) => {
  const { name } = startup[testInfo.project.name];
  await open(staff, "/en/staff/forum", testInfo);
  const panel = () => staff.locator(".staff__term").first();
  await expect(panel().locator(".staff__participants")).not.toContainText(name);
  // Typed in lower case, part of the name: the directory's search finds it.
  await panel().getByLabel(en.curation.find_participant).fill(name.split(" ")[0].toLowerCase());
  await panel().getByRole("button", { name: en.curation.search, exact: true }).click();
  await expect(staff).toHaveURL(/for=panel-\d+-find/);
  await expect(staff.getByRole("radio")).not.toHaveCount(0);
  if (hydrated(testInfo)) expect(await seriousViolations(staff)).toEqual([]);
  await panel().getByRole("radio", { name: new RegExp(name) }).check();
  await panel().getByRole("button", { name: en.curation.add_participant }).click();
  await expect(staff).toHaveURL(/changed=1/);
  await expect(panel().locator(".staff__participants")).toContainText(name);

  await panel().getByRole("button", { name: `${en.curation.remove_participant} ${name}` }).click();
  await expect(staff).toHaveURL(/changed=1/);
  await expect(panel().locator(".staff__participants")).not.toContainText(name);
});
