import { claimOwnListing, expect, field, hydrated, open, seriousViolations, strings, test } from "./support";

const en = strings("en");

/** Unverified demo listings without owners, one per project, with their website's domain. */
const listings: Record<string, { slug: string; domain: string }> = {
  hydrated: { slug: "korfez-uygulama-guvenligi-a-s", domain: "korfez-appsec.example" },
  "no-js": { slug: "nusay-informasiya-tehlukesizliyi", domain: "nusay-infosec.example" },
};

/** A 1x1 PNG. */
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

test("an organization claims its listing, edits it in two languages, uploads a logo and sees the change pending", async ({ page }, testInfo) => {
  // A whole journey, from signing up to a pending change: longer than one page's budget.
  test.slow();
  const { slug, domain } = listings[testInfo.project.name];
  const email = `editor-${Date.now()}@${domain}`;
  // The address is at the listing's own domain, so the claim is approved at once.
  const publicSummary = await claimOwnListing(page, testInfo, slug, email);
  // The editor is a page people work in for a while: it must be as accessible as the public ones.
  if (hydrated(testInfo)) expect(await seriousViolations(page)).toEqual([]);

  await page.locator("#field-en-short_description").fill("Application security, from code review to WAF.");
  await page.locator("#field-az-short_description").fill("Tətbiq təhlükəsizliyi: kod təhlilindən WAF-a qədər.");
  await page.getByRole("button", { name: en.editing.save }).click();
  await expect(page).toHaveURL(/saved=pending$/);
  await expect(page.getByText(en.editing.saved_pending)).toBeVisible();
  await expect(page.locator("#field-en-short_description")).toHaveValue("Application security, from code review to WAF.");
  // The public keeps seeing the approved version until staff review the change.
  await open(page, `/en/organizations/${slug}`, testInfo);
  await expect(page.locator(".profile__summary")).toHaveText(publicSummary);

  await open(page, `/en/account/organizations/${slug}`, testInfo);
  await field(page, en.editing.website).fill("not a website");
  await field(page, en.editing.city).fill("Aşqabat");
  await page.getByRole("button", { name: en.editing.save }).click();
  await expect(page.locator("#field-website-error")).toHaveText(en.problem.invalid_url);
  await expect(field(page, en.editing.website)).toHaveValue("not a website");
  await expect(field(page, en.editing.city)).toHaveValue("Aşqabat");

  await page.locator("#field-logo").setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>") });
  await page.getByRole("button", { name: en.editing.upload_logo }).click();
  await expect(page.locator("#field-logo-error")).toHaveText(en.problem.unsupported_image);
  await page.locator("#field-logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: en.editing.upload_logo }).click();
  await expect(page).toHaveURL(/logo=pending$/);
  await expect(page.getByText(en.editing.saved_pending)).toBeVisible();
  // The logo waiting for review is previewed, captioned as such, and really loads.
  const preview = page.locator(".logo-editor__logo--pending");
  await expect(preview.locator("figcaption")).toHaveText(en.editing.logo_pending);
  await expect.poll(() => preview.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  if (hydrated(testInfo)) expect(await seriousViolations(page)).toEqual([]);

  await open(page, "/en/account", testInfo);
  const mine = page.locator(".my-organization");
  await expect(mine).toHaveCount(1);
  await expect(mine.getByText(en.editing.change_pending)).toBeVisible();
  if (hydrated(testInfo)) expect(await seriousViolations(page)).toEqual([]);
});
