import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const shots = process.argv.slice(2);
for (const spec of shots) {
  const [path, device] = spec.split("@");
  const phone = device === "phone";
  const page = await browser.newPage({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(`http://127.0.0.1:3200${path}`);
  const name = `/tmp/shot-${path.replace(/[^a-z0-9]+/gi, "_")}-${device}.png`;
  await page.screenshot({ path: name, fullPage: !phone });
  console.log(name);
  await page.close();
}
await browser.close();
