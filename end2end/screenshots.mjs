// Takes screenshots of pages at phone and desktop widths, for people to look at.
// Usage: node screenshots.mjs [base URL] [output dir] [path ...]
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const out = process.argv[3] ?? "screenshots";
const paths = process.argv.slice(4).length ? process.argv.slice(4) : ["/az", "/en", "/ru"];
const sizes = { phone: { width: 360, height: 780 }, desktop: { width: 1366, height: 900 } };

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
for (const scheme of ["light", "dark"]) {
  for (const [name, viewport] of Object.entries(sizes)) {
    const page = await browser.newPage({ viewport, colorScheme: scheme });
    for (const path of paths) {
      await page.goto(base + path, { waitUntil: "networkidle" });
      // Lazy images load only once scrolled to.
      await page.evaluate(async () => { for (const img of document.querySelectorAll("img[loading=lazy]")) img.loading = "eager"; });
      await page.waitForLoadState("networkidle");
      const file = `${out}/${path.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "root"}-${name}-${scheme}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      // Long pages are also cut into screens, which are easier to look at.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let top = 0, part = 1; top < height && height > viewport.height * 2; top += viewport.height * 2, part++) {
        const clip = { x: 0, y: top, width: viewport.width, height: Math.min(viewport.height * 2, height - top) };
        const partFile = file.replace(/\.png$/, `-part${part}.png`);
        await page.screenshot({ path: partFile, fullPage: true, clip });
      }
    }
    await page.close();
  }
}
await browser.close();
