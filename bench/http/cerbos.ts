/**
 * Cerbos for the HTTP bench: the binary comes from npm (@cerbos/cerbos-<os>-<arch>), installed on
 * demand into bench/.cerbos (git-ignored) and nowhere else; a config and a resource policy are
 * generated there, and `cerbos server` is started on a free port.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Child, start, waitUntilUp } from "./children";

export const CERBOS_VERSION = "0.55";
const HOME = path.resolve("bench/.cerbos");
const PACKAGE = `@cerbos/cerbos-${process.platform}-${process.arch}`;

/** The binary's path and version, installed first if it is missing or not 0.55.x. */
export function ensureCerbos(log: (msg: string) => void): { binary: string; version: string } {
  const manifest = path.join(HOME, "node_modules", PACKAGE, "package.json");
  const installed = () =>
    existsSync(manifest) ? (JSON.parse(readFileSync(manifest, "utf8")) as { version: string; main: string }) : null;
  let pkg = installed();
  if (!pkg?.version.startsWith(`${CERBOS_VERSION}.`)) {
    log(`installing ${PACKAGE}@${CERBOS_VERSION} from npm into bench/.cerbos`);
    mkdirSync(HOME, { recursive: true });
    // A package.json of its own, so npm treats the folder as its root, not the project above it.
    writeFileSync(path.join(HOME, "package.json"), `${JSON.stringify({ private: true }, null, 2)}\n`);
    execFileSync(
      "npm",
      ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", HOME, `${PACKAGE}@${CERBOS_VERSION}`],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    pkg = installed();
    if (!pkg) throw new Error(`npm did not install ${PACKAGE}`);
  }
  return { binary: path.join(path.dirname(manifest), pkg.main), version: pkg.version };
}

export interface CerbosPolicy {
  /** The resource kind of the check. */
  resource: string;
  role: string;
  /** The actions the role is allowed; any other action is denied (Cerbos's default). */
  actions: string[];
}

/** The policy as YAML: one resource policy, one rule (strings quoted as JSON, which YAML reads). */
export function policyYaml({ resource, role, actions }: CerbosPolicy): string {
  const q = JSON.stringify;
  return [
    "apiVersion: api.cerbos.dev/v1",
    "resourcePolicy:",
    `  resource: ${q(resource)}`,
    `  version: "default"`,
    "  rules:",
    "    - actions:",
    ...actions.map((a) => `        - ${q(a)}`),
    "      effect: EFFECT_ALLOW",
    `      roles: [${q(role)}]`,
    "",
  ].join("\n");
}

/**
 * Writes the config and the policy, starts `cerbos server` and waits for /_cerbos/health. Audit
 * and telemetry off, errors-only logging, the policy folder read once (no watching); metrics stay
 * on, as Gatehouse keeps its own.
 */
export async function startCerbos(
  binary: string,
  policy: CerbosPolicy,
  ports: { http: number; grpc: number },
): Promise<{ child: Child; url: string; configFile: string; policyFile: string }> {
  const policies = path.join(HOME, "policies");
  rmSync(policies, { recursive: true, force: true });
  mkdirSync(policies, { recursive: true });
  const policyFile = path.join(policies, `${policy.resource}.yaml`);
  writeFileSync(policyFile, policyYaml(policy));
  const configFile = path.join(HOME, "config.yaml");
  writeFileSync(
    configFile,
    [
      "server:",
      `  httpListenAddr: "127.0.0.1:${ports.http}"`,
      `  grpcListenAddr: "127.0.0.1:${ports.grpc}"`,
      "storage:",
      "  driver: disk",
      "  disk:",
      `    directory: ${JSON.stringify(policies)}`,
      "    watchForChanges: false",
      "audit:",
      "  enabled: false",
      "telemetry:",
      "  disabled: true",
      "",
    ].join("\n"),
  );
  const child = start(
    "cerbos",
    binary,
    ["server", `--config=${configFile}`, "--log-level=error"],
    { ...process.env, CERBOS_NO_TELEMETRY: "1" },
    path.resolve(".data/bench-http-cerbos.log"),
  );
  const url = `http://127.0.0.1:${ports.http}`;
  await waitUntilUp(child, `${url}/_cerbos/health`, 30_000);
  return { child, url, configFile, policyFile };
}
