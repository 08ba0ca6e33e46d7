import { expect, open, strings, test, type Language } from "./support";

/** Each public page and the heading it shows in a language. */
const pages: { path: string; heading: (lang: Language) => string }[] = [
  { path: "organizations", heading: (lang) => strings(lang).directory.heading },
  { path: "startups", heading: (lang) => strings(lang).startups.heading },
  { path: "solutions", heading: (lang) => strings(lang).solutions.heading },
  { path: "landscape", heading: (lang) => strings(lang).landscape.heading },
  { path: "forum", heading: (lang) => strings(lang).forum.heading },
  { path: "solutions/compare", heading: (lang) => strings(lang).solutions.compare_heading },
  {
    path: "solutions/iec-62443-uzre-qiymetlendirme",
    // No Russian name: Russian readers get the English one.
    heading: (lang) => ({ az: "IEC 62443 üzrə qiymətləndirmə", en: "IEC 62443 assessment", ru: "IEC 62443 assessment" })[lang],
  },
  {
    path: "organizations/abseron-kiber-muhafize-sirketi",
    heading: (lang) => ({ az: "Abşeron Kiber Mühafizə Şirkəti", en: "Absheron Cyber Protection Company", ru: "Апшеронская компания киберзащиты" })[lang],
  },
];

for (const { path, heading } of pages) {
  test(`the language switch on /${path} keeps the page and its question`, async ({ page }, testInfo) => {
    const query = path.includes("/") ? "" : "?sort=name";
    await open(page, `/az/${path}${query}`, testInfo);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading("az"));
    for (const [lang, name] of [["en", "English"], ["ru", "Русский"]] as const) {
      const switcher = page.getByRole("navigation", { name: strings(lang === "en" ? "az" : "en").site.language });
      await switcher.getByRole("link", { name }).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/${path}${query.replace("?", "\\?")}$`));
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading(lang));
    }
  });
}
