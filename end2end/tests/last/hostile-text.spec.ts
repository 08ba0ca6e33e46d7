import { expect, field, hydrated, open, signedIn, strings, test } from "../support";

const en = strings("en");

/** Verified demo listings whose owners scripts/e2e-server.sh made, one per project: their changes
 * publish at once, as an attacker who owns a verified listing would have it. This runs last since it
 * renames them. */
const listings: Record<string, string> = {
  "hydrated-last": "sandiq-melumat-muhafizesi",
  "no-js-last": "saq-infosec",
};

/** Texts that would run a script were any page to write them as markup. */
const titleBreaker = "Probe</title><script>alert('title')</script><title>";
const attributeBreaker = `"><img src=x onerror="alert('attribute')">`;
const markdownScript = "Plain words <script>alert('markdown')</script> and [a link](javascript:alert('link')) <img src=x onerror=alert('img')>";

test("hostile texts an owner publishes stay text on every page that shows them", async ({ browser }, testInfo) => {
  test.slow();
  const slug = listings[testInfo.project.name];
  const owner = `hostile-${testInfo.project.name}@security.example`;
  const page = await signedIn(browser, testInfo, owner);
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });

  await open(page, `/en/account/organizations/${slug}`, testInfo);
  await page.locator("#field-en-name").fill(titleBreaker);
  await page.locator("#field-en-short_description").fill(attributeBreaker);
  await page.locator("#field-en-description").fill(markdownScript);
  await field(page, en.editing.city).fill("<svg onload=alert('city')>");
  await page.getByRole("button", { name: en.editing.save }).click();
  await expect(page).toHaveURL(/saved=published$/);
  await expect(page).toHaveTitle(new RegExp(titleBreaker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));

  await open(page, `/en/account/organizations/${slug}`, testInfo);
  await page.locator("#solutions").getByRole("link", { name: en.editing.add_solution }).click();
  await page.locator("#field-en-name").fill(`${titleBreaker} kit`);
  await page.locator("#field-az-name").fill(attributeBreaker);
  await page.locator("#field-en-description").fill(markdownScript);
  await page.getByRole("button", { name: en.editing.save_solution }).click();
  await expect(page).toHaveURL(/solution=published#solutions$/);

  // The public profile: the name is the page's title and heading, as text.
  await open(page, `/en/organizations/${slug}`, testInfo);
  await expect(page).toHaveTitle(new RegExp(`^${titleBreaker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(titleBreaker);
  await expect(page.locator(".profile__summary")).toHaveText(attributeBreaker);
  await expect(page.locator(".prose").getByText("Plain words")).toBeVisible();
  await expect(page.locator(".prose script, .prose img[onerror], a[href^='javascript:']")).toHaveCount(0);

  await page.getByRole("link", { name: `${titleBreaker} kit` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${titleBreaker} kit`);
  await expect(page.locator("script:not([nonce]):not([type='application/ld+json'])")).toHaveCount(0);

  for (const path of ["/en/organizations?q=Probe", "/en/solutions?q=Probe", "/en/landscape", "/en", "/az/organizations?q=Probe"]) {
    await open(page, path, testInfo);
    await expect(page.locator("img[onerror], svg[onload]")).toHaveCount(0);
  }
  expect(dialogs, "no injected script ran").toEqual([]);
});
