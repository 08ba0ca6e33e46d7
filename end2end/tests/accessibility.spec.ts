import { expect, hydrated, open, seriousViolations, test } from "./support";

const pages = [
  "/az",
  "/en",
  "/ru",
  "/az/no-such-page",
  "/en/organizations",
  "/az/organizations?q=kiber&kind=cert",
  "/ru/organizations?q=zzzz",
  "/en/organizations/abseron-kiber-muhafize-sirketi",
  "/az/organizations/qarmaq-ai",
  "/en/startups",
  "/ru/startups?stage=mvp",
  "/en/solutions",
  "/az/solutions?nist=detect",
  "/en/solutions/compare",
  "/ru/solutions/iec-62443-uzre-qiymetlendirme",
  "/en/landscape",
  "/az/landscape?kind=startup",
  "/ru/forum",
  "/en/forum?edition=baku-2025",
  "/en/privacy",
  "/ru/privacy",
  "/az/about",
  "/en/account/sign-up",
  "/az/account/sign-in",
  "/ru/account/forgot-password",
  "/en/account/reset?token=expired",
];

for (const path of pages) {
  test(`${path} has no serious accessibility violations`, async ({ browser, page }, testInfo) => {
    if (hydrated(testInfo)) {
      await open(page, path, testInfo);
      expect(await seriousViolations(page)).toEqual([]);
      return;
    }
    // axe is itself JavaScript: check the server-rendered page with the app's scripts held back instead.
    const context = await browser.newContext({ javaScriptEnabled: true });
    const serverRendered = await context.newPage();
    await serverRendered.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.fulfill({ status: 204, body: "" }));
    await serverRendered.goto(path);
    await expect(serverRendered.locator("html[data-hydrated]")).toHaveCount(0);
    expect(await seriousViolations(serverRendered)).toEqual([]);
    await context.close();
  });
}
