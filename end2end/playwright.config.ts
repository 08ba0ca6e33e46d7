import { defineConfig } from "@playwright/test";

// Browser tests against a freshly seeded server. Every spec runs twice: hydrated, and with JavaScript
// disabled. Chromium is Debian's (/usr/bin/chromium): Playwright never downloads a browser here.
const port = Number(process.env.QALA_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests",
  fullyParallel: true,
  workers: Number(process.env.QALA_E2E_WORKERS ?? 2),
  forbidOnly: !!process.env.CI,
  retries: 0,
  // CI runs on a busy 2-core machine, beside the server and its database: a long journey (sign in,
  // several forms, a hydrated page each) once ran past Playwright's 30 s default there. Each step
  // still waits for something a user would see; these are the ceilings, not pauses.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // Specs under tests/last change what other specs count (the showcase order, the taxonomy), so they
  // run after all the others, one project after the other.
  projects: [
    { name: "hydrated", use: { javaScriptEnabled: true }, testIgnore: /(last|judges)\// },
    { name: "no-js", use: { javaScriptEnabled: false }, testIgnore: /(last|judges)\// },
    {
      name: "hydrated-last",
      use: { javaScriptEnabled: true },
      testMatch: /last\/.*\.spec\.ts/,
      dependencies: ["hydrated", "no-js"],
    },
    {
      name: "no-js-last",
      use: { javaScriptEnabled: false },
      testMatch: /last\/.*\.spec\.ts/,
      dependencies: ["hydrated-last"],
    },
    // Outside judges (the Nu checker, schemathesis, extruct, Lighthouse) on the site as the other specs
    // left it, hostile texts included. Alone: `npx playwright test --project judges --no-deps`.
    {
      name: "judges",
      use: { javaScriptEnabled: false },
      testMatch: /judges\/.*\.spec\.ts/,
      dependencies: ["no-js-last"],
      timeout: 600_000,
    },
  ],
  webServer: {
    command: "scripts/e2e-server.sh",
    cwd: "..",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: { QALA_E2E_PORT: String(port) },
  },
});
