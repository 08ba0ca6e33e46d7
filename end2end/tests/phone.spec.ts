import { expect, languages, open, strings, test } from "./support";

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
