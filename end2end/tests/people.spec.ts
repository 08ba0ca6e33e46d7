import { confirmEmail, expect, field, hydrated, open, signUp, strings, test } from "./support";

const en = strings("en");

/** Unverified demo listings without owners, one per project, with their website's domain. */
const listings: Record<string, { slug: string; domain: string }> = {
  hydrated: { slug: "demirqapi-ciso-klubu", domain: "demirqapi-ciso.example" },
  "no-js": { slug: "ipek-kod-informasiya-tehlukesizliyi-assosiasiyasi", domain: "ipakkod.example" },
};

test("an owner invites an editor, who can then edit the listing, and removes them again", async ({ page, browser }, testInfo) => {
  test.slow();
  const { slug, domain } = listings[testInfo.project.name];
  const stamp = `${testInfo.project.name}-${Date.now()}`;
  const owner = `owner-${stamp}@${domain}`;
  const editor = `editor-${stamp}@elsewhere.example`;
  await signUp(page, testInfo, owner);
  await confirmEmail(page, testInfo, owner);
  await open(page, `/en/organizations/${slug}`, testInfo);
  await page.getByRole("button", { name: en.editor.claim_button }).click();
  await expect(page).toHaveURL(new RegExp(`/en/account/organizations/${slug}$`));

  const other = await (await browser.newContext({ javaScriptEnabled: hydrated(testInfo) })).newPage();
  await signUp(other, testInfo, editor);
  await confirmEmail(other, testInfo, editor);

  const people = page.locator("#people");
  // An address the browser lets through but the server refuses: the message is next to the field,
  // and what was typed stays.
  await field(page, en.editor.invite_email).fill("someone@localhost");
  await people.getByRole("button", { name: en.editor.invite_button }).click();
  await expect(people.getByText(en.problem.invalid_email)).toBeVisible();
  await expect(field(page, en.editor.invite_email)).toHaveValue("someone@localhost");

  await field(page, en.editor.invite_email).fill(editor);
  await people.getByRole("button", { name: en.editor.invite_button }).click();
  await expect(people.getByText(en.editor.people_invited)).toBeVisible();
  const row = people.locator(".people__person").filter({ hasText: editor });
  await expect(row).toContainText(en.editor.role_editor);

  // The editor finds the listing in their account and can open its editor.
  await open(other, "/en/account", testInfo);
  await expect(other.locator(".my-organization")).toHaveCount(1);
  await open(other, `/en/account/organizations/${slug}`, testInfo);
  await expect(other.locator("#field-en-short_description")).toBeVisible();

  // An address without an account waits as invited.
  const newcomer = `newcomer-${stamp}@elsewhere.example`;
  await open(page, `/en/account/organizations/${slug}`, testInfo);
  await field(page, en.editor.invite_email).fill(newcomer);
  await people.getByRole("button", { name: en.editor.invite_button }).click();
  await expect(people.locator(".people__person").filter({ hasText: newcomer })).toContainText(en.editor.invited);

  await people.locator(".people__person").filter({ hasText: editor }).getByRole("button", { name: en.editor.remove_button }).click();
  await expect(people.getByText(en.editor.people_changed)).toBeVisible();
  await expect(people.locator(".people__person").filter({ hasText: editor })).toHaveCount(0);
  await open(other, "/en/account", testInfo);
  await expect(other.locator(".my-organization")).toHaveCount(0);
});
