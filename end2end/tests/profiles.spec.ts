import { expect, field, hydrated, open, password, published, seriousViolations, strings, test } from "./support";

const en = strings("en");

test("a profile shows everything a visitor needs, with metadata for search engines and link previews", async ({ page }, testInfo) => {
  await open(page, "/en/organizations?q=absheron", testInfo);
  await page.getByRole("link", { name: "Absheron Cyber Protection Company" }).click();
  await expect(page).toHaveURL(/\/en\/organizations\/abseron-kiber-muhafize-sirketi$/);
  await expect(page).toHaveTitle(en.profile.title.replace("{{ name }}", "Absheron Cyber Protection Company"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Absheron Cyber Protection Company");
  await expect(page.locator(".profile__verified")).toContainText(en.card.verified);
  // The city as English readers call it (the listing typed "Sumqayıt").
  await expect(page.locator(".profile__place")).toContainText("Sumgait, Azerbaijan");
  const facts = page.locator(".profile__facts");
  for (const fact of ["Sənaye zonası", "2013", "51-200", "ISO/IEC 27001", "IEC 62443", "Oil and gas"]) {
    await expect(facts).toContainText(fact);
  }
  await expect(page.getByRole("link", { name: /absheron-kiber\.example/ }).first()).toBeVisible();
  // The description is Markdown, rendered.
  await expect(page.locator(".prose").first()).not.toContainText("**");
  await expect(page.getByRole("heading", { name: en.profile.solutions })).toBeVisible();
  await expect(page.locator(".solution-item")).toHaveCount(2);
  await expect(page.getByRole("heading", { name: en.profile.related })).toBeVisible();
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", "Absheron Cyber Protection Company");
  const structured = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(structured["@type"]).toBe("Organization");
  expect(structured.name).toBe("Absheron Cyber Protection Company");
  expect(structured.url).toMatch(/\/en\/organizations\/abseron-kiber-muhafize-sirketi$/);
  expect(structured.sameAs).toContain("https://absheron-kiber.example");
});

test("a startup's profile carries its showcase facts", async ({ page }, testInfo) => {
  await open(page, "/en/organizations/qarmaq-ai", testInfo);
  const block = page.getByRole("region", { name: en.profile.startup_heading });
  await expect(block).toContainText("AI that spots phishing written in Azerbaijani at first glance.");
  await expect(block).toContainText(en.stage.early_traction);
  await expect(block).toContainText(en.need.investment);
  await expect(block).toContainText(en.need.partners);
  await expect(block).toContainText("600");
  await expect(block.getByRole("link", { name: en.profile.demo })).toHaveAttribute("href", "https://video.example/qarmaq-demo");
});

test("a profile reads in every language, and falls back when a text is missing", async ({ page }, testInfo) => {
  await open(page, "/ru/organizations/abseron-kiber-muhafize-sirketi", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Апшеронская компания киберзащиты");
  // The second solution has no Russian name: the English one stands in, marked as English.
  const fallback = page.locator(".solution-item__name [lang=en]");
  await expect(fallback).toHaveText("IEC 62443 assessment");
});

test("a text shown in another language than the page's says which, on cards and profiles", async ({ page }, testInfo) => {
  const ru = strings("ru");
  const untranslated = published().find((organization) => !organization.short_description.ru)!;
  await open(page, `/ru/organizations?q=${encodeURIComponent(untranslated.name.en)}`, testInfo);
  const card = page.locator(".org-card").filter({ hasText: untranslated.name.en }).first();
  const shown = card.locator(".org-card__summary > [lang]");
  const lang = (await shown.getAttribute("lang"))!;
  expect(["az", "en"]).toContain(lang);
  await expect(shown).toHaveText(untranslated.short_description[lang]);
  await expect(card.locator(".org-card__summary .lang-mark")).toHaveText(ru.language[`shown_in_${lang}`]);
  await card.locator(".org-card__name a").click();
  await expect(page.locator(".profile__summary .lang-mark")).toHaveText(ru.language[`shown_in_${lang}`]);
  await expect(page.getByRole("region", { name: ru.profile.about }).locator(".lang-mark")).toBeVisible();
  // A listing written in Russian has no mark on its own texts.
  await open(page, "/ru/organizations/abseron-kiber-muhafize-sirketi", testInfo);
  await expect(page.locator(".profile__summary .lang-mark")).toHaveCount(0);
  await expect(page.locator(".profile__summary > span")).not.toHaveAttribute("lang", /.+/);
});

test("on a phone a CERT's profile says how to report an incident and reach it before what it offers", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await open(page, "/en/organizations?q=SIPAR", testInfo);
  await page.locator(".org-card__name a").filter({ hasText: "SIPAR" }).first().click();
  const report = page.getByRole("link", { name: en.profile.report_incident });
  await expect(report).toHaveAttribute("href", "https://siper-cert.example/report");
  const call = page.getByRole("link", { name: new RegExp(`^${en.profile.call} \\+994`) });
  await expect(call).toHaveAttribute("href", /^tel:\+994/);
  await expect(page.getByText(`${en.profile.constituency}: Public bodies, businesses and citizens of Azerbaijan`)).toBeVisible();
  const solutions = (await page.locator("#solutions-heading").boundingBox())!.y;
  for (const link of [report, call, page.getByRole("link", { name: en.profile.send_email })]) {
    expect((await link.boundingBox())!.y).toBeLessThan(solutions);
  }
  if (hydrated(testInfo)) expect(await seriousViolations(page)).toEqual([]);
});

test("an unknown profile is a real 404 page with a search box", async ({ page }, testInfo) => {
  const response = await open(page, "/en/organizations/no-such-organization", testInfo);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.not_found.heading);
  await expect(page.locator("main").getByRole("search")).toBeVisible();
});

test("a visitor asked whether a listing is theirs signs in and comes back to claim it", async ({ page }, testInfo) => {
  await open(page, "/en/organizations/qarmaq-ai", testInfo);
  await expect(page.getByText(en.editing.claim_question)).toBeVisible();
  await page.getByRole("link", { name: en.editing.claim_sign_in }).click();
  await expect(page).toHaveURL(/\/en\/account\/sign-in\?next=/);
  await field(page, en.account.email).fill(`claimer-${testInfo.project.name}@people.example`);
  await field(page, en.account.password).fill(password);
  await page.getByRole("button", { name: en.account.sign_in_button }).click();
  await expect(page).toHaveURL(/\/en\/organizations\/qarmaq-ai$/);
  await expect(page.getByRole("button", { name: en.editing.claim_button })).toBeVisible();
});
