import { expect, open, strings, test } from "./support";

const en = strings("en");

test("the forum page shows the newest edition's panels and leads to each panel's startups", async ({ page }, testInfo) => {
  await open(page, "/en/forum", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.forum.heading);
  await expect(page.getByRole("heading", { level: 2, name: "National Cybersecurity Forum 2026" })).toBeVisible();
  const panels = page.locator(".forum__panel > h3");
  await expect(panels).toHaveCount(5);
  await expect(panels.nth(1)).toHaveText("Critical information infrastructure security issues");
  const startupsPanel = page.getByRole("region", { name: "Cyber security solutions and startups" });
  await expect(startupsPanel.locator(".org-card")).toHaveCount(9);
  await expect(startupsPanel.locator(".forum__count")).toContainText(en.forum.participants.replace("{{ count }}", "9"));
  await expect(page.locator(".forum__count").first()).toHaveText(/^Participants: \d+/);

  await startupsPanel.getByRole("link", { name: en.forum.startups_of_panel }).click();
  await expect(page).toHaveURL(/\/en\/startups\?panel=solutions-and-startups-2026$/);
  await expect(page.locator(".startup-card")).toHaveCount(6);
  await expect(page.getByRole("checkbox", { name: /Cyber security solutions and startups \(2026\)/ })).toBeChecked();

  // Dates read as on profiles; a panel's showcase link is there only when it leads to some startups.
  await open(page, "/en/forum", testInfo);
  await expect(page.locator(".forum__when time")).toHaveText("8 October 2026");
  const showcases = await page.getByRole("link", { name: en.forum.startups_of_panel }).evaluateAll((links) =>
    links.map((link) => (link as HTMLAnchorElement).getAttribute("href")!),
  );
  expect(showcases.length).toBeGreaterThan(0);
  for (const showcase of showcases) {
    await open(page, showcase, testInfo);
    await expect(page.locator(".startup-card").first(), showcase).toBeVisible();
  }

  await open(page, "/en/forum", testInfo);
  await page.getByRole("link", { name: "National Cybersecurity Forum 2025" }).click();
  await expect(page).toHaveURL(/edition=baku-2025$/);
  await expect(page.getByRole("heading", { level: 2, name: "National Cybersecurity Forum 2025" })).toBeVisible();
  await expect(page.locator(".forum__panel > h3")).toHaveCount(2);
});
