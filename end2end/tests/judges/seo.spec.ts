// Lighthouse's SEO audits on the pages people arrive at from a search engine, in Debian's Chromium.
// BENCHMARKS.md records the scores; this keeps them at 100.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { expect, test } from "../support";

const pages = [
  "/en",
  "/az/organizations",
  "/en/organizations/abseron-kiber-muhafize-sirketi",
  "/ru/solutions/iec-62443-uzre-qiymetlendirme",
  "/en/forum",
];

test("Lighthouse SEO is 100 on the home, directory, profile, solution and forum pages", async ({}, testInfo) => {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const scores: Record<string, number | string[]> = {};
    for (const path of pages) {
      const result = await lighthouse(`${testInfo.project.use.baseURL}${path}`, {
        port: chrome.port,
        onlyCategories: ["seo"],
        logLevel: "error",
        output: "json",
      });
      const lhr = result!.lhr;
      const seo = lhr.categories.seo;
      const failing = seo.auditRefs
        .map((ref) => lhr.audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 1)
        .map((audit) => `${audit.id}: ${audit.title}`);
      scores[path] = failing.length ? failing : Math.round((seo.score ?? 0) * 100);
    }
    console.log(`Lighthouse SEO scores: ${JSON.stringify(scores)}`);
    expect(scores).toEqual(Object.fromEntries(pages.map((path) => [path, 100])));
  } finally {
    await chrome.kill();
  }
});
