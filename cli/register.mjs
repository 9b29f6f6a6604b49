// Loaded with --import before cli/main.ts: `server-only` resolves to an empty module (its default
// export throws outside a react-server bundle; Vitest aliases it the same way), and tsx compiles
// the TypeScript.
import { register } from "node:module";
import "tsx";

register(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function resolve(s, c, next) { return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(s, c); }',
    ),
);
