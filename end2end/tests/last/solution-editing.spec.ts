import { expect, hydrated, open, seriousViolations, signedIn, staffPage, strings, test } from "../support";

const en = strings("en");

/** Unverified demo listings whose owners scripts/e2e-server.sh made, one per project. Approved
 * solutions are public, so this runs after the specs that count solutions. */
const listings: Record<string, string> = {
  "hydrated-last": "meyar-sertifikasiya-merkezi",
  "no-js-last": "sari-celek-kiber-mektebi",
};

test("an organization adds a solution, staff approve it, and its removal can be taken back", async ({ browser }, testInfo) => {
  test.slow();
  const slug = listings[testInfo.project.name];
  const owner = `owner-${testInfo.project.name}@solutions.example`;
  const name = `Audit Kit ${testInfo.project.name}`;
  const page = await signedIn(browser, testInfo, owner);
  await open(page, `/en/account/organizations/${slug}`, testInfo);
  const solutions = page.locator("#solutions");
  await solutions.getByRole("link", { name: en.editing.add_solution }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.editing.new_solution);
  if (hydrated(testInfo)) expect(await seriousViolations(page)).toEqual([]);

  // A bad address: its message is next to the field, and everything typed stays.
  await page.locator("#field-en-name").fill(name);
  await page.locator("#field-az-name").fill(`Audit dəsti ${testInfo.project.name}`);
  await page.locator("#field-en-description").fill("Checklists and **tools** for ISO 27001 audits.");
  await page.locator("#field-kind").selectOption("product");
  await page.locator("#field-url").fill("meyar dot example");
  await page.getByRole("button", { name: en.editing.save_solution }).click();
  await expect(page.locator("#field-url-error")).toHaveText(en.problem.invalid_url);
  await expect(page.locator("#field-en-name")).toHaveValue(name);
  await expect(page.locator("#field-kind")).toHaveValue("product");
  // The refused form came back as a new page: let it come alive before typing into it.
  if (hydrated(testInfo)) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });

  await page.locator("#field-url").fill("https://meyar-cert.example/audit-kit");
  await page.getByRole("button", { name: en.editing.save_solution }).click();
  await expect(page).toHaveURL(/solution=pending#solutions$/);
  await expect(solutions.getByText(en.editing.solution_pending)).toBeVisible();
  const row = solutions.locator(".solution-row").filter({ hasText: name });
  await expect(row).toContainText(en.editing.solution_added);
  // The public does not see it until staff approve.
  await open(page, `/en/organizations/${slug}`, testInfo);
  await expect(page.getByText(name)).toHaveCount(0);

  const staff = await staffPage(browser, testInfo, "solutions-");
  await open(staff, "/en/staff", testInfo);
  await staff.locator(".staff__item").filter({ hasText: owner }).getByRole("link").click();
  // The new solution reads as named fields under its own tick, not a `field: value` dump.
  const added = staff.locator("tbody.staff__solution").filter({ hasText: name });
  await expect(added.getByRole("rowheader", { name: `${en.curation.solution}: ${name} (${en.curation.review_solution_added})` })).toBeVisible();
  await expect(added.getByRole("row").filter({ hasText: `${en.editing.name} (EN)` }).locator("ins")).toHaveText(name);
  await staff.getByRole("button", { name: en.curation.approve_all }).click();
  await expect(staff).toHaveURL(/decided=1$/);

  await open(page, `/en/organizations/${slug}`, testInfo);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.locator("strong", { hasText: "tools" })).toBeVisible();

  // Removing waits for review too, and the owner can take it back.
  await open(page, `/en/account/organizations/${slug}`, testInfo);
  await row.getByRole("link", { name }).click();
  await page.getByRole("button", { name: en.editing.remove_solution }).click();
  await expect(page).toHaveURL(/solution=pending#solutions$/);
  await expect(row).toContainText(en.editing.solution_removed);
  await row.getByRole("link", { name }).click();
  await page.getByRole("button", { name: en.editing.withdraw_solution_change }).click();
  await expect(page).toHaveURL(/solution=pending#solutions$/);
  await expect(row).toBeVisible();
  await expect(row.locator(".badge--pending")).toHaveCount(0);
});
