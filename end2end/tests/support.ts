import AxeBuilder from "@axe-core/playwright";
import { test as base, type Browser, expect, type Page, type TestInfo } from "@playwright/test";
import { createHmac } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const hydrated = (testInfo: TestInfo) => testInfo.project.use.javaScriptEnabled !== false;

/** Any browser console error (a hydration mismatch, a failed request) fails the spec. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use, testInfo) => {
      const errors: string[] = [];
      // Without JavaScript the browser declines the app's scripts; that is the point, not a failure.
      const declined = (url: string) => !hydrated(testInfo) && /\.(js|wasm)$/.test(new URL(url).pathname);
      page.on("console", (message) => {
        // Failed loads are recorded below with their address; a 404 page's own status is expected.
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
          errors.push(message.text());
        }
      });
      page.on("pageerror", (error) => errors.push(error.message));
      // Name the address of a failed subresource (the console message alone does not).
      page.on("requestfinished", async (request) => {
        // A request that finishes as the test closes its page has no answer left to read.
        const response = await request.response().catch(() => null);
        // A form's server function answering 422 (a field to fix) is the form working, not an error.
        const formAnswer = response?.status() === 422 && new URL(request.url()).pathname.startsWith("/api/");
        if (response && response.status() >= 400 && request.resourceType() !== "document" && !formAnswer) {
          errors.push(`${response.status()} ${request.url()}`);
        }
      });
      page.on("requestfailed", (request) => {
        // Leaving a page cancels what it was still loading (lazy logos, say): not a failure either.
        const cancelled = request.failure()?.errorText === "net::ERR_ABORTED";
        if (!declined(request.url()) && !cancelled) errors.push(`${request.failure()?.errorText} ${request.url()}`);
      });
      await use(errors);
      expect(errors, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export const languages = ["az", "en", "ru"] as const;
export type Language = (typeof languages)[number];


/** The newest mail to an address whose text has `containing` (the e2e server writes mail as files), once it is there. */
export async function mailTo(address: string, containing: string): Promise<string> {
  const port = Number(process.env.QALA_E2E_PORT ?? 3100);
  const directory = `/tmp/qala-e2e-mail-${port}`;
  for (let waited = 0; waited < 45_000; waited += 250) {
    const files = existsSync(directory) ? readdirSync(directory).filter((name) => name.endsWith(`-${address}.txt`)).sort() : [];
    const mails = files.map((name) => readFileSync(join(directory, name), "utf8")).filter((mail) => mail.includes(containing));
    if (mails.length) return mails[mails.length - 1];
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no mail to ${address} with ${containing}`);
}

/** The path and query of the first link to this site in a mail. */
export function linkIn(mail: string): string {
  const match = mail.match(/https?:\/\/[^\s/]+(\/[^\s]+)/);
  if (!match) throw new Error(`no link in ${mail}`);
  return match[1];
}

/** Opens a page and, in the hydrated project, waits until it is interactive. */
export async function open(page: Page, path: string, testInfo: TestInfo) {
  const response = await page.goto(path);
  if (hydrated(testInfo)) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  return response;
}

/** The interface strings of a language, as the app ships them. */
export function strings(lang: Language): Record<string, Record<string, string>> {
  return JSON.parse(readFileSync(join(root, "locales", `${lang}.json`), "utf8"));
}

interface DemoOrganization {
  kind: string;
  status: string;
  country: string;
  city?: string;
  name: Record<string, string>;
  short_description: Record<string, string>;
  solutions: unknown[];
}

/** The demo data the server was seeded with, to compute what pages must show. */
export function demo(): DemoOrganization[] {
  return JSON.parse(readFileSync(join(root, "src", "server", "seed", "demo.json"), "utf8")).organizations;
}

export const published = () => demo().filter((organization) => organization.status === "published");

/** The code an authenticator app shows for a base32 secret (RFC 6238: SHA-1, 6 digits, 30 s), `stepsAhead` steps from now. */
export function totpCode(secret: string, stepsAhead = 0): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of secret.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30) + stepsAhead));
  const digest = createHmac("sha1", key).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  const value = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, "0");
}

/** A password every spec's accounts use. */
export const password = "amber harbour lantern 42";

/** A form field by its exact label. */
export const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** Creates an account in English and lands on its page, signed in. */
export async function signUp(page: Page, testInfo: TestInfo, email: string) {
  const en = strings("en");
  await open(page, "/en/account/sign-up", testInfo);
  await field(page, en.account.email).fill(email);
  await field(page, en.account.password).fill(password);
  await page.getByRole("button", { name: en.account.sign_up_button }).click();
  await expect(page).toHaveURL(/\/en\/account$/);
}

/** Signs up at the listing's website domain, confirms the address and claims the listing, which that
 * domain makes approved at once; lands on its editor. Returns the public summary before any change. */
export async function claimOwnListing(page: Page, testInfo: TestInfo, slug: string, email: string): Promise<string> {
  const en = strings("en");
  await signUp(page, testInfo, email);
  await confirmEmail(page, testInfo, email);
  await open(page, `/en/organizations/${slug}`, testInfo);
  const publicSummary = (await page.locator(".profile__summary").textContent()) ?? "";
  await page.getByRole("button", { name: en.editing.claim_button }).click();
  await expect(page).toHaveURL(new RegExp(`/en/account/organizations/${slug}$`));
  return publicSummary;
}

/** Confirms the signed-in account's address from the link mailed to it. */
export async function confirmEmail(page: Page, testInfo: TestInfo, email: string) {
  const en = strings("en");
  await open(page, linkIn(await mailTo(email, en.mail.verify_subject)), testInfo);
  await page.getByRole("button", { name: en.account.verify_button }).click();
  await expect(page).toHaveURL(/confirmed=1$/);
}

/** Serious and critical WCAG 2.1 A/AA violations on the page, in both colour schemes. */
export async function seriousViolations(page: Page) {
  const found: string[] = [];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    for (const violation of results.violations) {
      if (violation.impact === "serious" || violation.impact === "critical") {
        found.push(`${scheme} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
      }
    }
  }
  return found;
}


/** Signs an account made by the e2e server script in, on a browser of its own. */
export async function signedIn(browser: Browser, testInfo: TestInfo, email: string): Promise<Page> {
  const en = strings("en");
  const context = await browser.newContext({ javaScriptEnabled: hydrated(testInfo) });
  const page = await context.newPage();
  await open(page, "/en/account/sign-in", testInfo);
  await field(page, en.account.email).fill(email);
  await field(page, en.account.password).fill(password);
  await page.getByRole("button", { name: en.account.sign_in_button }).click();
  await expect(page).toHaveURL(/\/en\/account$/);
  return page;
}

/** Signs forum staff in (an admin made by the e2e server script for this project, one per spec that
 * needs one: the second factor is turned on once) and turns on their second factor. */
export async function staffPage(browser: Browser, testInfo: TestInfo, spec = ""): Promise<Page> {
  const en = strings("en");
  const page = await signedIn(browser, testInfo, `staff-${spec}${testInfo.project.name}@qala.example`);
  await page.getByRole("button", { name: en.account.two_factor_setup_button }).click();
  const secret = (await page.locator(".totp-setup__secret code").textContent()) ?? "";
  await field(page, en.account.code).fill(totpCode(secret));
  await page.getByRole("button", { name: en.account.two_factor_confirm_button }).click();
  await expect(page.getByText(en.account.two_factor_on)).toBeVisible();
  return page;
}
