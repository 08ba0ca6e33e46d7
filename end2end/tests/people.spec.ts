import { expect, field, open, signedIn, strings, test } from "./support";

const en = strings("en");

/** The demo listing whose owner scripts/e2e-server.sh made, one per project. */
const listings: Record<string, string> = {
  hydrated: "demirqapi-ciso-klubu",
  "no-js": "ipek-kod-informasiya-tehlukesizliyi-assosiasiyasi",
};

test("an owner invites an editor, who can then edit the listing, and removes them again", async ({ browser }, testInfo) => {
  test.slow();
  const slug = listings[testInfo.project.name];
  const stamp = `${testInfo.project.name}-${Date.now()}`;
  const editor = `invitee-${testInfo.project.name}@people.example`;
  const page = await signedIn(browser, testInfo, `owner-${testInfo.project.name}@people.example`);
  const other = await signedIn(browser, testInfo, editor);
  await open(page, `/en/account/organizations/${slug}`, testInfo);

  const people = page.locator("#people");
  // An address the browser lets through but the server refuses: the message is next to the field,
  // and what was typed stays.
  await field(page, en.editing.invite_email).fill("someone@localhost");
  await people.getByRole("button", { name: en.editing.invite_button }).click();
  await expect(people.getByText(en.problem.invalid_email)).toBeVisible();
  await expect(field(page, en.editing.invite_email)).toHaveValue("someone@localhost");

  await field(page, en.editing.invite_email).fill(editor);
  await people.getByRole("button", { name: en.editing.invite_button }).click();
  await expect(people.getByText(en.editing.people_invited)).toBeVisible();
  const row = people.locator(".people__person").filter({ hasText: editor });
  await expect(row).toContainText(en.editing.role_editor);

  // The editor finds the listing in their account and can open its editor.
  await open(other, "/en/account", testInfo);
  await expect(other.locator(".my-organization")).toHaveCount(1);
  await open(other, `/en/account/organizations/${slug}`, testInfo);
  await expect(other.locator("#field-en-short_description")).toBeVisible();

  // An address without an account waits as invited.
  const newcomer = `newcomer-${stamp}@elsewhere.example`;
  await open(page, `/en/account/organizations/${slug}`, testInfo);
  await field(page, en.editing.invite_email).fill(newcomer);
  await people.getByRole("button", { name: en.editing.invite_button }).click();
  await expect(people.locator(".people__person").filter({ hasText: newcomer })).toContainText(en.editing.invited);

  await people.locator(".people__person").filter({ hasText: editor }).getByRole("button", { name: en.editing.remove_button }).click();
  await expect(people.getByText(en.editing.people_changed)).toBeVisible();
  await expect(people.locator(".people__person").filter({ hasText: editor })).toHaveCount(0);
  await open(other, "/en/account", testInfo);
  await expect(other.locator(".my-organization")).toHaveCount(0);
});
