import { readFile, writeFile } from "node:fs/promises";
import { Command, Option } from "commander";
import { parse } from "yaml";
import { policyJson, policyYaml } from "@/lib/services/policy-document";
import type { PolicyChange } from "@/lib/validation/policy";
import { type PolicyBackend, remoteBackend } from "./backend";
import { runCommand, userPath } from "./run";

export interface Where {
  url?: string;
  key?: string;
  as?: string;
  tenant?: string;
  json?: boolean;
}

/** `--url` (with an API key) talks to a server; otherwise the database, as `--as` in `--tenant`. */
async function backendOf(o: Where): Promise<PolicyBackend> {
  if (o.url) {
    const key = o.key ?? process.env.GATEHOUSE_API_KEY;
    if (!key) throw new Error("--url needs an API key: --key, or GATEHOUSE_API_KEY.");
    return remoteBackend(o.url, key);
  }
  if (!o.as || !o.tenant)
    throw new Error(
      "On the database, say who acts and where: --as <email> --tenant <slug> (or --url to use a server).",
    );
  const { localBackend } = await import("./local");
  return localBackend(o.as, o.tenant);
}

const line = (c: PolicyChange) => `${{ add: "+", remove: "-", change: "~" }[c.op]} ${c.kind} ${c.key}`;

function report(o: Where, result: { changes: PolicyChange[]; perm_version: number; approval_ids?: string[] }) {
  if (o.json) return console.log(JSON.stringify(result, null, 2));
  for (const c of result.changes) console.log(line(c));
  console.log(
    `${result.changes.length} change${result.changes.length === 1 ? "" : "s"} · perm_version ${result.perm_version}` +
      (result.approval_ids?.length ? ` · ${result.approval_ids.length} awaiting approval` : ""),
  );
}

/** Runs one command on its backend (closed after it, whatever happened). */
async function run(deps: Deps, o: Where, fn: (backend: PolicyBackend) => Promise<number | undefined>) {
  await runCommand(o, async () => {
    const backend = await deps.backendOf(o);
    try {
      return await fn(backend);
    } finally {
      await backend.close();
    }
  });
}

const readDocument = async (file: string): Promise<unknown> => parse(await readFile(userPath(file), "utf8"));

export function withWhere(command: Command) {
  return command
    .option("--url <url>", "a Gatehouse server to talk to (else the database the server uses)")
    .option("--key <key>", "the API key for --url (default: GATEHOUSE_API_KEY)")
    .option("--as <email>", "on the database: the user who acts (their permissions apply)")
    .option("--tenant <slug>", "on the database: the tenant")
    .option("--json", "machine-readable output");
}

/** What a command reaches outside itself; tests give their own (a backend on their database). */
export interface Deps {
  backendOf(o: Where): Promise<PolicyBackend>;
}

export function policyCommand(deps: Deps = { backendOf }) {
  const policy = new Command("policy").description("a tenant's policy as one document (docs/policy-as-code.md)");
  withWhere(policy.command("export"))
    .description("write the tenant's policy document")
    .option("-o, --output <file>", "write to a file (default: standard output)")
    .addOption(
      new Option("--format <format>", "yaml or json (default: the file's extension, else yaml)").choices([
        "yaml",
        "json",
      ]),
    )
    .option("--include-assignments", "with members' roles and overrides")
    .action((o: Where & { output?: string; format?: "yaml" | "json"; includeAssignments?: boolean }) =>
      run(deps, o, async (backend) => {
        const doc = await backend.export(!!o.includeAssignments);
        const format = o.format ?? (o.json || o.output?.endsWith(".json") ? "json" : "yaml");
        const text = format === "json" ? policyJson(doc) : policyYaml(doc);
        if (o.output) await writeFile(userPath(o.output), text);
        else process.stdout.write(text);
        return 0;
      }),
    );
  withWhere(policy.command("diff"))
    .description("what applying <file> would change (writes nothing)")
    .argument("<file>", "a policy document, YAML or JSON")
    .option("--exit-code", "exit 3 when there are changes (for CI)")
    .action((file: string, o: Where & { exitCode?: boolean }) =>
      run(deps, o, async (backend) => {
        const result = await backend.diff(await readDocument(file));
        report(o, result);
        return o.exitCode && result.changes.length ? 3 : 0;
      }),
    );
  withWhere(policy.command("apply"))
    .description("make the tenant's policy what <file> says, in one transaction")
    .argument("<file>", "a policy document, YAML or JSON")
    .option("--if-match <perm_version>", "only if the tenant is still at this perm_version (a diff's)", (v) => {
      if (!/^\d+$/.test(v)) throw new Error("--if-match takes a perm_version (a number)");
      return Number(v);
    })
    .action((file: string, o: Where & { ifMatch?: number }) =>
      run(deps, o, async (backend) => {
        report(o, await backend.apply(await readDocument(file), o.ifMatch ?? null));
        return 0;
      }),
    );
  return policy;
}
