// The Nu Html Checker (vnu-jar, the W3C's validator) over every page a visitor, an organization and
// forum staff can reach: each is crawled from its start page as the server sends it, then checked.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, signedIn, staffPage, test } from "../support";

const vnu = join(process.cwd(), "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

/** Path segments that name a page rather than a listing, a solution or a revision. */
const pageNames = new Set(
  "organizations startups solutions landscape forum compare account sign-up sign-in forgot-password reset new outbox verify staff revisions listings people taxonomy quality audit import about contact privacy terms pages".split(" "),
);
/** Pages of one shape (`/en/organizations/*`, say) checked per crawl: they share their markup. */
const perShape = 3;
const mostPages = 250;

/** What a link's page is like: its path with the listing, solution and revision names left out. */
function shape(path: string): string {
  return path
    .split("/")
    .map((segment, index) => (index >= 2 && !pageNames.has(segment) ? "*" : segment))
    .join("/");
}

/** Every page under `within` reachable from `start` through links, up to `perShape` of each shape, as the server sent them. */
async function crawl(who: string, request: APIRequestContext, start: string[], within = /^\//): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  const shapes = new Map<string, number>();
  const queue = [...start];
  const seen = new Set(queue);
  while (queue.length && pages.size < mostPages) {
    const address = queue.shift()!;
    const response = await request.get(address, { maxRedirects: 0 });
    if (!(response.headers()["content-type"] ?? "").startsWith("text/html")) continue;
    const html = await response.text();
    pages.set(`${who} ${address}`, html);
    for (const [, href] of html.matchAll(/<a [^>]*href="([^"]+)"/g)) {
      const url = new URL(href.replaceAll("&amp;", "&"), "http://site.invalid" + address);
      if (url.origin !== "http://site.invalid" || /^\/(api|logos|pkg)\/|\.(csv|atom|xml|txt|json)$/.test(url.pathname)) continue;
      if (!within.test(url.pathname)) continue;
      const next = url.pathname + url.search;
      const count = shapes.get(shape(url.pathname)) ?? 0;
      if (seen.has(next) || count >= perShape) continue;
      seen.add(next);
      shapes.set(shape(url.pathname), count + 1);
      queue.push(next);
    }
  }
  return pages;
}

/** The checker's errors on these pages, but for Leptos' `<!>` hydration markers (bogus comments to HTML). */
function check(pages: Map<string, string>, directory: string): string[] {
  mkdirSync(directory, { recursive: true });
  const addresses = new Map<string, string>();
  [...pages].forEach(([address, html], index) => {
    const file = join(directory, `${index}.html`);
    writeFileSync(file, html);
    addresses.set(file, address);
  });
  const run = spawnSync("java", ["-jar", vnu, "--errors-only", "--format", "json", "--exit-zero-always", ...addresses.keys()], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`vnu did not run: ${run.error ?? run.stderr}`);
  // The report is on stderr.
  const report: { messages: { url: string; message: string; extract?: string; lastLine?: number }[] } = JSON.parse(run.stderr);
  // One line per kind of error, with the first page that has it and how many others do.
  const found = new Map<string, string[]>();
  for (const message of report.messages.filter((message) => message.message !== "Bogus comment.")) {
    const address = addresses.get(new URL(message.url).pathname) ?? message.url;
    const pages = found.get(message.message) ?? [];
    found.set(message.message, [...pages, `${address}:${message.lastLine} (${message.extract ?? ""})`]);
  }
  return [...found].map(([message, [first, ...others]]) => `${message} at ${first} and ${others.length} more`);
}

test.describe.configure({ mode: "serial" });

test("every public, account and staff page is valid HTML", async ({ browser, playwright }, testInfo) => {
  const visitor = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const owner = (await signedIn(browser, testInfo, "owner-judges@people.example")).context().request;
  const staff = (await staffPage(browser, testInfo)).context().request;
  const pages = new Map([
    ...(await crawl("visitor", visitor, ["/az", "/en", "/ru", "/en/solutions/compare?solution=qalxan", "/en/no-such-page"])),
    // Signed in, the public pages are the same but for the header: only the account's own are read.
    ...(await crawl("owner", owner, ["/en/account", "/az/account"], /^\/[a-z]{2}\/account/)),
    ...(await crawl("staff", staff, ["/en/staff", "/az/staff"], /^\/[a-z]{2}\/staff/)),
  ]);
  const read = [...pages.keys()];
  console.log(`Nu Html Checker: ${read.length} pages`);
  for (const page of [
    "visitor /ru/organizations/*",
    "visitor /az/solutions/*",
    "visitor /en/*",
    "owner /en/account",
    "owner /en/account/organizations/*",
    "owner /en/account/organizations/*/solutions/*",
    "staff /en/staff/listings/*",
    "staff /az/staff/audit",
  ]) {
    const [who, path] = page.split(" ");
    expect(read.some((key) => key.startsWith(`${who} `) && shape(key.split(" ")[1].split("?")[0]) === path), `${page} is read`).toBe(true);
  }
  // The pages stay in the test's output directory, named by number, to look at when this fails.
  expect(check(pages, testInfo.outputPath("pages"))).toEqual([]);
});
