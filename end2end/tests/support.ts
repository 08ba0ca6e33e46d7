import { test as base, expect, type Page, type TestInfo } from "@playwright/test";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const hydrated = (testInfo: TestInfo) => testInfo.project.name === "hydrated";

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
        const response = await request.response();
        if (response && response.status() >= 400 && request.resourceType() !== "document") {
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
  solutions: unknown[];
}

/** The demo data the server was seeded with, to compute what pages must show. */
export function demo(): DemoOrganization[] {
  return JSON.parse(readFileSync(join(root, "src", "server", "seed", "demo.json"), "utf8")).organizations;
}

export const published = () => demo().filter((organization) => organization.status === "published");
