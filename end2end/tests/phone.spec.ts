import { expect, field, languages, open, signedIn, strings, test } from "./support";

// A phone's screen (360 CSS pixels, the narrowest in common use): nothing wider than it, and every
// section of the site in sight in the header rather than scrolled away.
test.use({ viewport: { width: 360, height: 780 } });

const pages = ["", "/organizations", "/organizations?q=kiber&kind=company", "/startups", "/solutions", "/landscape", "/forum", "/organizations/qarmaq-ai", "/solutions/iec-62443-uzre-qiymetlendirme", "/account/sign-in"];

for (const lang of languages) {
  test(`pages fit a phone's screen in ${lang}, every section in sight`, async ({ page }, testInfo) => {
    const nav = strings(lang).nav;
    for (const path of pages) {
      await open(page, `/${lang}${path}`, testInfo);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `/${lang}${path} is ${width} px wide`).toBeLessThanOrEqual(360);
    }
    const sections = page.getByRole("navigation", { name: strings(lang).site.main_navigation }).getByRole("link");
    await expect(sections).toHaveText([nav.organizations, nav.startups, nav.solutions, nav.landscape, nav.forum]);
    for (const link of await sections.all()) await expect(link).toBeInViewport({ ratio: 1 });
  });
}

/** Words of these labels that the browser split over two lines, and labels cut at their box's edge. */
async function brokenWords(page: import("@playwright/test").Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((labels) =>
    labels.flatMap((label) => {
      const found: string[] = [];
      if (label.scrollWidth > label.clientWidth + 1) found.push(`cut: ${label.textContent}`);
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of (node.textContent ?? "").matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
          if (lines.size > 1) found.push(`split: ${match[0]}`);
        }
      }
      return found;
    }),
  );
}

for (const lang of languages) {
  test(`the home page keeps its words whole on a phone, and wider, in ${lang}`, async ({ page }, testInfo) => {
    await open(page, `/${lang}`, testInfo);
    for (const selector of [".kind-card__name", ".hero__stats dt", ".startup-card__name", "h1", "h2"]) {
      expect(await brokenWords(page, selector), selector).toEqual([]);
    }
    // And on a tablet and a desktop, where the tiles sit four to a row.
    for (const width of [800, 1024, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await brokenWords(page, ".kind-card__name"), `${width} px`).toEqual([]);
    }
  });
}

test.describe("on a desktop", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("a field's error makes its own cell taller, not its neighbours' inputs", async ({ browser }, testInfo) => {
    const en = strings("en");
    const page = await signedIn(browser, testInfo, "owner-judges@people.example");
    await open(page, "/en/account/organizations/abseron-kiber-muhafize-sirketi", testInfo);
    const inputs = page.locator(".editor__grid .field__input");
    // Every input but the refused one (its own border may change), by name.
    const heights = async () =>
      inputs.evaluateAll((all) =>
        all
          .filter((input) => input.getAttribute("name") !== "email")
          .map((input) => `${input.getAttribute("name")}: ${Math.round(input.getBoundingClientRect().height)}`),
      );
    const before = await heights();
    await field(page, en.editing.email).fill("not an address");
    await page.getByRole("button", { name: en.editing.save }).click();
    await expect(page.getByText(en.problem.invalid_email)).toBeVisible();
    // The refused form comes back as a new page: measure it once its stylesheet applies, as a person sees it.
    await page.waitForLoadState("load");
    expect(await heights()).toEqual(before);
  });
});
