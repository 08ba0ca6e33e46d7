import type { TestInfo } from "@playwright/test";
import { expect, field, linkIn, mailTo, open, password, signUp, strings, test, totpCode } from "./support";

const en = strings("en");

/** An address no other spec (or earlier run against the same server) has used. */
const freshAddress = (testInfo: TestInfo, what: string) =>
  `${what}-${testInfo.project.name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.example`;

test("sign up, confirm the address from the emailed link, sign out and back in", async ({ page }, testInfo) => {
  const email = freshAddress(testInfo, "aysel");
  await signUp(page, testInfo, email);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.account.account_title);
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText(en.account.email_unverified)).toBeVisible();

  const mail = await mailTo(email, en.mail.verify_subject);
  await open(page, linkIn(mail), testInfo);
  await page.getByRole("button", { name: en.account.verify_button }).click();
  await expect(page).toHaveURL(/\/en\/account\?confirmed=1$/);
  await expect(page.getByText(en.account.confirmed)).toBeVisible();
  await expect(page.getByText(en.account.email_verified)).toBeVisible();

  await page.getByRole("button", { name: en.account.sign_out_button, exact: true }).click();
  await expect(page).toHaveURL(/\/en$/);
  await expect(page.getByRole("link", { name: en.site.nav_sign_in })).toBeVisible();

  await open(page, "/en/account/sign-in", testInfo);
  await field(page, en.account.email).fill(email);
  await field(page, en.account.password).fill("not the password at all");
  await page.getByRole("button", { name: en.account.sign_in_button }).click();
  await expect(page.getByText(en.problem.wrong_credentials)).toBeVisible();
  await expect(field(page, en.account.email)).toHaveValue(email);
  await expect(field(page, en.account.password)).toHaveAttribute("aria-invalid", "true");
  await field(page, en.account.password).fill(password);
  await page.getByRole("button", { name: en.account.sign_in_button }).click();
  await expect(page).toHaveURL(/\/en\/account$/);
  await expect(page.getByText(email)).toBeVisible();
});

test("bad input gets a message next to each field and keeps the address typed", async ({ page }, testInfo) => {
  await open(page, "/en/account/sign-up", testInfo);
  await field(page, en.account.email).fill("aysel@cert");
  await field(page, en.account.password).fill("password12");
  await page.getByRole("button", { name: en.account.sign_up_button }).click();
  const emailError = page.locator("#field-email-error");
  await expect(emailError).toHaveText(en.problem.invalid_email);
  await expect(field(page, en.account.email)).toHaveAttribute("aria-describedby", /field-email-error/);
  await expect(field(page, en.account.email)).toHaveValue("aysel@cert");

  await field(page, en.account.email).fill(freshAddress(testInfo, "weak"));
  await field(page, en.account.password).fill("password12");
  await page.getByRole("button", { name: en.account.sign_up_button }).click();
  await expect(page.locator("#field-password-error")).toHaveText(en.problem.common_password);
  await expect(page.locator("#field-email-error")).toHaveCount(0);
});

test("a forgotten password is reset from the emailed link", async ({ page }, testInfo) => {
  const email = freshAddress(testInfo, "leyla");
  await signUp(page, testInfo, email);
  await page.getByRole("button", { name: en.account.sign_out_button, exact: true }).click();
  await expect(page).toHaveURL(/\/en$/);

  await open(page, "/en/account/sign-in", testInfo);
  await page.getByRole("link", { name: en.account.forgot_link }).click();
  await field(page, en.account.email).fill(email);
  await page.getByRole("button", { name: en.account.forgot_button }).click();
  await expect(page.getByText(en.account.forgot_sent)).toBeVisible();

  const mail = await mailTo(email, en.mail.reset_subject);
  await open(page, linkIn(mail), testInfo);
  await field(page, en.account.new_password).fill("short");
  await page.getByRole("button", { name: en.account.reset_button }).click();
  await expect(page.locator("#field-password-error")).toContainText("10");
  await field(page, en.account.new_password).fill("copper meadow violin 7");
  await page.getByRole("button", { name: en.account.reset_button }).click();
  await expect(page).toHaveURL(/\/en\/account\?password=1$/);
  await expect(page.getByText(en.account.password_changed)).toBeVisible();

  // The link worked once.
  await open(page, linkIn(mail), testInfo);
  await expect(page.getByText(en.problem.link_expired)).toBeVisible();
});

test("the account page sends visitors who are not signed in to sign in", async ({ page }, testInfo) => {
  await open(page, "/en/account", testInfo);
  await expect(page).toHaveURL(/\/en\/account\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.account.sign_in_title);
});

test("an authenticator app is set up, then asked for at sign-in", async ({ page }, testInfo) => {
  const email = freshAddress(testInfo, "totp");
  await signUp(page, testInfo, email);
  await page.getByRole("button", { name: en.account.two_factor_setup_button }).click();
  await expect(page.getByRole("img", { name: en.account.two_factor_qr_alt })).toBeVisible();
  const secret = (await page.locator(".totp-setup__secret code").textContent()) ?? "";
  await field(page, en.account.code).fill("000000" === totpCode(secret) ? "111111" : "000000");
  await page.getByRole("button", { name: en.account.two_factor_confirm_button }).click();
  await expect(page.locator("#field-code-error")).toHaveText(en.problem.wrong_code);
  await field(page, en.account.code).fill(totpCode(secret));
  await page.getByRole("button", { name: en.account.two_factor_confirm_button }).click();
  await expect(page.getByText(en.account.two_factor_on)).toBeVisible();

  await page.getByRole("button", { name: en.account.sign_out_button, exact: true }).click();
  await expect(page).toHaveURL(/\/en$/);
  await open(page, "/en/account/sign-in", testInfo);
  await field(page, en.account.email).fill(email);
  await field(page, en.account.password).fill(password);
  await page.getByRole("button", { name: en.account.sign_in_button }).click();
  await expect(page.getByText(en.account.code_lead)).toBeVisible();
  // The code of the step the setup used is spent; the next step's code is already accepted.
  await field(page, en.account.code).fill(totpCode(secret, 1));
  await page.getByRole("button", { name: en.account.code_button }).click();
  await expect(page).toHaveURL(/\/en\/account$/);
  await expect(page.getByText(email)).toBeVisible();
});
