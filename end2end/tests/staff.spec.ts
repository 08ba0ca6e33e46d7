import type { Page, TestInfo } from "@playwright/test";
import { claimOwnListing, expect, field, hydrated, languages, open, seriousViolations, signedIn, staffPage, strings, test } from "./support";

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
  await field(page, en.editing.city).fill(city);
  await page.getByRole("button", { name: en.editing.save }).click();
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
  const summaryRow = staff.getByRole("row").filter({ hasText: `${en.editing.short_description} (EN)` });
  await expect(summaryRow.locator("ins").first()).toBeVisible();
  if (hydrated(testInfo)) expect(await seriousViolations(staff)).toEqual([]);
  await staff.getByLabel(en.editing.city, { exact: true }).check();
  await staff.getByRole("button", { name: en.curation.approve_chosen }).click();
  await expect(staff).toHaveURL(/decided=1$/);
  await expect(staff.getByText(en.curation.decided)).toBeVisible();
  // The page says what was decided: only the city.
  const decision = staff.locator(".staff__decided");
  await expect(decision.getByRole("heading", { name: en.curation.decision_published })).toBeVisible();
  await expect(decision.getByRole("listitem")).toHaveText([en.editing.city]);
  await expect(staff.getByRole("button", { name: en.curation.approve_all })).toHaveCount(0);

  // Only the chosen field is public.
  await open(page, `/en/organizations/${slug}`, testInfo);
  // The city it typed as "Xankəndi", named as English readers call it.
  await expect(page.locator(".profile")).toContainText("Khankendi");
  await expect(page.locator(".profile__summary")).toHaveText(publicSummary);

  // A rejection reaches the organization with its reason.
  await saveChange(page, testInfo, slug, "Best in the world, guaranteed.", "Xankəndi");
  await open(staff, "/en/staff", testInfo);
  await staff.locator(".staff__item").filter({ hasText: email }).getByRole("link").click();
  await staff.getByRole("button", { name: en.curation.reject }).click();
  await expect(staff.getByRole("alert")).toContainText(en.problem.required);
  const reason = "Claims of being the best need a source.";
  await staff.getByLabel(en.curation.reason).fill(reason);
  await staff.getByRole("button", { name: en.curation.reject }).click();
  await expect(staff).toHaveURL(/decided=1$/);
  await open(page, `/en/account/organizations/${slug}`, testInfo);
  await expect(page.getByText(en.editing.change_rejected)).toBeVisible();
  await expect(page.locator("blockquote")).toHaveText(reason);

  // Verifying shows the badge on the public profile.
  await open(staff, `/en/staff/listings/${slug}`, testInfo);
  await staff.getByRole("button", { name: en.curation.verify, exact: true }).click();
  await expect(staff).toHaveURL(/done=verify$/);
  await open(page, `/en/organizations/${slug}`, testInfo);
  await expect(page.locator(".profile__verified")).toContainText(en.card.verified);
});

/** Universities no other spec claims, one per project: their claims wait for staff. */
const claimed: Record<string, string> = {
  hydrated: "baki-kibernetika-ve-reqemsal-elmler-universiteti",
  "no-js": "gence-muhendislik-ve-innovasiya-universiteti",
};

test("a claim rejected without a reason comes back to it, the typed words kept and the field marked", async ({ browser }, testInfo) => {
  test.slow();
  const slug = claimed[testInfo.project.name];
  // Made by the e2e server script: sign-ups from one address are throttled, and other specs sign up.
  const email = `claimant-${testInfo.project.name}@claims.example`;
  const claimant = await signedIn(browser, testInfo, email);
  await open(claimant, `/en/organizations/${slug}`, testInfo);
  await claimant.getByRole("button", { name: en.editing.claim_button }).click();

  const staff = await staffPage(browser, testInfo, "claims-");
  for (const [lang, width, height] of [["en", 1280, 900], ["az", 390, 844], ["ru", 390, 844], ["en", 390, 844]] as const) {
    const words = strings(lang);
    await staff.setViewportSize({ width, height });
    await open(staff, `/${lang}/staff`, testInfo);
    const claim = staff.locator(".staff__item").filter({ hasText: email });
    await expect(claim).toHaveCount(1);
    await claim.getByRole("button", { name: words.curation.reject }).click();
    await expect(staff).toHaveURL(new RegExp(`/${lang}/staff#claim-\\d+$`));
    const refused = staff.locator(".staff__item").filter({ hasText: email });
    await expect(refused.getByRole("alert")).toContainText(words.problem.required);
    await expect(refused.getByLabel(words.curation.reason)).toHaveAttribute("aria-invalid", "true");
    await expect(staff.getByRole("alert")).toHaveCount(1);
    await staff.screenshot({ path: testInfo.outputPath(`refused-claim-${lang}-${width}.png`), fullPage: true });
    if (hydrated(testInfo) && lang === "en") expect(await seriousViolations(staff)).toEqual([]);
  }
  // With a reason the rejection goes through and the claim leaves the list.
  await open(staff, "/en/staff", testInfo);
  const claim = staff.locator(".staff__item").filter({ hasText: email });
  await claim.getByLabel(en.curation.reason).fill("The address is not at the university's domain.");
  await claim.getByRole("button", { name: en.curation.reject }).click();
  await expect(staff.locator(".staff__item").filter({ hasText: email })).toHaveCount(0);
});

test("the audit log and people pages fit a phone, each row a card that reads as words", async ({ browser }, testInfo) => {
  test.slow();
  const staff = await staffPage(browser, testInfo, "phone-");
  await staff.setViewportSize({ width: 360, height: 780 });
  for (const lang of languages) {
    const t = strings(lang);
    for (const path of ["/staff/audit", "/staff/people"]) {
      await open(staff, `/${lang}${path}`, testInfo);
      const width = await staff.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `/${lang}${path} is ${width} px wide`).toBeLessThanOrEqual(360);
      // Every cell of the first row is in sight, not in a table scrolled sideways.
      for (const cell of await staff.locator("tbody tr").first().locator("td").all()) {
        const box = await cell.boundingBox();
        expect(box && box.x + box.width, `a cell of ${path}`).toBeLessThanOrEqual(360);
      }
    }
    // This staff member's own second factor is their newest row, named in the page's language.
    await open(staff, `/${lang}/staff/audit?actor=staff-phone-${testInfo.project.name}@`, testInfo);
    await expect(staff.locator("tbody tr").first().locator("td").nth(2)).toHaveText(t.audit_action.account_two_factor_on);
  }
});

test("staff rewrite the terms, and a visitor reads them from the footer on a phone", async ({ browser }, testInfo) => {
  test.slow();
  // Each project keeps its own language's text, so the two never race over one page.
  const lang = hydrated(testInfo) ? "az" : "ru";
  const t = strings(lang);
  const staff = await staffPage(browser, testInfo, "pages-");
  await open(staff, "/en/staff/pages", testInfo);
  const panel = staff.locator(`#site-page-terms-${lang}`);
  await panel.locator("summary").click();
  const text = panel.getByLabel(en.curation.page_markdown);
  const addition = `Forum staff wrote this line (${testInfo.project.name}).`;
  await text.fill(`${await text.inputValue()}\n\n${addition}`);
  // A title left empty is refused with its reason, and the text typed is kept.
  await panel.getByLabel(en.curation.page_heading_field).fill(" ");
  await panel.getByRole("button", { name: en.curation.save }).click();
  const refused = staff.locator(`#site-page-terms-${lang}`);
  await expect(refused.getByRole("alert")).toContainText(en.problem.required);
  await expect(refused.getByLabel(en.curation.page_markdown)).toHaveValue(new RegExp(addition.replace(/[().]/g, "\\$&")));
  const title = `${t.site_page.terms} ${testInfo.project.name}`;
  await refused.getByLabel(en.curation.page_heading_field).fill(title);
  await refused.getByRole("button", { name: en.curation.save }).click();
  await expect(staff.getByRole("status")).toHaveText(en.curation.done);

  const visitor = await (await browser.newContext({ javaScriptEnabled: hydrated(testInfo) })).newPage();
  await visitor.setViewportSize({ width: 360, height: 780 });
  await open(visitor, `/${lang}`, testInfo);
  await visitor.locator(".site-footer").getByRole("link", { name: t.site_page.terms, exact: true }).click();
  await expect(visitor).toHaveURL(new RegExp(`/${lang}/terms$`));
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(visitor.locator(".site-page__text")).toContainText(addition);
  if (hydrated(testInfo)) expect(await seriousViolations(visitor)).toEqual([]);
  // The privacy statement's table of what is kept fits a phone in every language.
  for (const language of languages) {
    await open(visitor, `/${language}/privacy`, testInfo);
    const width = await visitor.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `/${language}/privacy is ${width} px wide`).toBeLessThanOrEqual(360);
    // Its one-word title ("Конфиденциальность") stays whole on one line.
    const lines = await visitor.locator("h1").evaluate((heading) => {
      const style = getComputedStyle(heading);
      return Math.round(heading.getBoundingClientRect().height / parseFloat(style.lineHeight));
    });
    expect(lines, `the title of /${language}/privacy`).toBe(1);
  }
});
