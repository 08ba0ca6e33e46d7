import type { Page, TestInfo } from "@playwright/test";
import { claimOwnListing, expect, field, hydrated, open, seriousViolations, staffPage, strings, test } from "./support";

const en = strings("en");

/** Unverified demo startups without owners, one per project, with their website's domain. */
const listings: Record<string, { slug: string; domain: string }> = {
  hydrated: { slug: "acarliq", domain: "acharliq.example" },
  "no-js": { slug: "cibqoru", domain: "cibqoru.example" },
};

/** The organization saves a change to its English short description and city. */
async function saveChange(page: Page, testInfo: TestInfo, slug: string, summary: string, city: string) {
  await open(page, `/en/account/organizations/${slug}`, testInfo);
  await page.locator("#field-en-short_description").fill(summary);
  await field(page, en.editor.city).fill(city);
  await page.getByRole("button", { name: en.editor.save }).click();
  await expect(page).toHaveURL(/saved=pending$/);
}

test("staff approve a change field by field, reject one with a reason, and verify the listing", async ({ page, browser }, testInfo) => {
  test.slow();
  const { slug, domain } = listings[testInfo.project.name];
  const email = `owner-${Date.now()}@${domain}`;
  const publicSummary = await claimOwnListing(page, testInfo, slug, email);
  await saveChange(page, testInfo, slug, "A summary staff will not approve.", "Xankəndi");

  const staff = await staffPage(browser, testInfo);
  await open(staff, "/en/staff", testInfo);
  const queued = staff.locator(".staff__item").filter({ hasText: email });
  await expect(queued).toHaveCount(1);
  if (hydrated(testInfo)) expect(await seriousViolations(staff)).toEqual([]);
  await queued.getByRole("link").click();
  await expect(staff.getByRole("table")).toContainText("Xankəndi");
  // The new words of the summary are marked as inserted.
  const summaryRow = staff.getByRole("row").filter({ hasText: `${en.editor.short_description} (EN)` });
  await expect(summaryRow.locator("ins").first()).toBeVisible();
  if (hydrated(testInfo)) expect(await seriousViolations(staff)).toEqual([]);
  await staff.getByLabel(en.editor.city, { exact: true }).check();
  await staff.getByRole("button", { name: en.staff.approve_chosen }).click();
  await expect(staff).toHaveURL(/decided=1$/);
  await expect(staff.getByText(en.staff.decided)).toBeVisible();
  // The page says what was decided: only the city.
  const decision = staff.locator(".staff__decided");
  await expect(decision.getByRole("heading", { name: en.staff.decision_published })).toBeVisible();
  await expect(decision.getByRole("listitem")).toHaveText([en.editor.city]);
  await expect(staff.getByRole("button", { name: en.staff.approve_all })).toHaveCount(0);

  // Only the chosen field is public.
  await open(page, `/en/organizations/${slug}`, testInfo);
  await expect(page.locator(".profile")).toContainText("Xankəndi");
  await expect(page.locator(".profile__summary")).toHaveText(publicSummary);

  // A rejection reaches the organization with its reason.
  await saveChange(page, testInfo, slug, "Best in the world, guaranteed.", "Xankəndi");
  await open(staff, "/en/staff", testInfo);
  await staff.locator(".staff__item").filter({ hasText: email }).getByRole("link").click();
  await staff.getByRole("button", { name: en.staff.reject }).click();
  await expect(staff.getByRole("alert")).toContainText(en.problem.required);
  const reason = "Claims of being the best need a source.";
  await staff.getByLabel(en.staff.reason).fill(reason);
  await staff.getByRole("button", { name: en.staff.reject }).click();
  await expect(staff).toHaveURL(/decided=1$/);
  await open(page, `/en/account/organizations/${slug}`, testInfo);
  await expect(page.getByText(en.editor.change_rejected)).toBeVisible();
  await expect(page.locator("blockquote")).toHaveText(reason);

  // Verifying shows the badge on the public profile.
  await open(staff, `/en/staff/listings/${slug}`, testInfo);
  await staff.getByRole("button", { name: en.staff.verify, exact: true }).click();
  await expect(staff).toHaveURL(/done=verify$/);
  await open(page, `/en/organizations/${slug}`, testInfo);
  await expect(page.locator(".profile__verified")).toContainText(en.card.verified);
});
