#!/usr/bin/env node
// `npx gatehouse …`: runs cli/main.ts with tsx (cli/register.mjs: the services' `import
// "server-only"` is an empty module here, as under Vitest), from the repository root
// (migrations, the PGlite folder and tsconfig paths are found from it); relative paths the user
// gives are resolved against the directory the command was run from.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const result = spawnSync(
  process.execPath,
  ["--import", path.join(root, "cli", "register.mjs"), path.join(root, "cli", "main.ts"), ...process.argv.slice(2)],
  {
    stdio: "inherit",
    cwd: root,
    env: { ...process.env, GATEHOUSE_CLI_CWD: process.cwd(), TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
  },
);
process.exit(result.status ?? 1);
