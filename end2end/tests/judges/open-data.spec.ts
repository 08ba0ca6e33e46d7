// The open data as outside tools read it: schemathesis tries the API against its own OpenAPI
// document (every check, a fixed seed), and extruct reads the structured data of every page in the
// sitemap (scripts/judges/structured_data.py says what it checks).
import { join } from "node:path";
import { expect, test } from "../support";
import { run, venv } from "./tools";

test("the API answers as its OpenAPI document says (schemathesis)", async ({}, testInfo) => {
  const base = `${testInfo.project.use.baseURL}/api/v1`;
  const { status, output } = run(join(venv, "st"), [
    "run",
    `${base}/openapi.json`,
    "--url",
    base,
    "--checks",
    "all",
    "--seed",
    "1",
    "--max-examples",
    "50",
    "--no-color",
  ]);
  expect(status, output).toBe(0);
});

test("every profile and solution describes itself to search engines (extruct)", async ({}, testInfo) => {
  const { status, output } = run(join(venv, "python"), ["scripts/judges/structured_data.py", testInfo.project.use.baseURL!]);
  expect(status, output).toBe(0);
});
