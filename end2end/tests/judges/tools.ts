import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** The repository's root, where `scripts/setup.sh --tests` makes the judges' Python environment. */
export const root = join(process.cwd(), "..");
export const venv = join(root, ".venv", "judges", "bin");

/** Runs an outside tool to its end; its whole output, to show when it finds something. */
export function run(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
