#!/usr/bin/env node
// `npx gatehouse …`: runs cli/main.ts with tsx, under the react-server condition (as npm run
// db:seed does: the services' `import "server-only"` is empty there), from the repository root
// (migrations, the PGlite folder and tsconfig paths are found from it); relative paths the user
// gives are resolved against the directory the command was run from.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const result = spawnSync(
  process.execPath,
  [
    "--conditions=react-server",
    "--import",
    import.meta.resolve("tsx"),
    path.join(root, "cli", "main.ts"),
    ...process.argv.slice(2),
  ],
  {
    stdio: "inherit",
    cwd: root,
    env: { ...process.env, GATEHOUSE_CLI_CWD: process.cwd(), TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
  },
);
process.exit(result.status ?? 1);
