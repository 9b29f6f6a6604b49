import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Db, getDatabase } from "@/db";
import { pgliteDir } from "@/db/client";
import { findTenantBySlug } from "@/db/queries/tenants";
import { findUserByEmail } from "@/db/queries/users";
import { userPrincipal } from "@/lib/auth/principal";
import { resolveViewer } from "@/lib/auth/viewer";
import type { ServiceContext } from "@/lib/services/context";
import { exportPolicy } from "@/lib/services/policy";
import { applyPolicy, previewPolicy } from "@/lib/services/policy-apply";
import { policyDocument } from "@/lib/validation/policy";
import { type PolicyBackend, Refusal } from "./backend";

/**
 * A PGlite folder is one process's: a second one opening it corrupts it silently. An open PGlite
 * keeps a postmaster.pid in its folder (with a placeholder pid, -42) and removes it on close; a
 * real PostgreSQL's names its process. So a postmaster.pid means a server (`npm start`,
 * `npm run dev`) holds the folder — unless it names a process that is gone — and the CLI refuses,
 * pointing at `--url`.
 */
export function refuseHeldPglite() {
  if (process.env.DATABASE_URL) return;
  const pid = path.join(pgliteDir(), "postmaster.pid");
  if (!existsSync(pid)) return;
  const holder = Number(readFileSync(pid, "utf8").split("\n")[0]);
  if (Number.isInteger(holder) && holder > 0) {
    try {
      process.kill(holder, 0);
    } catch {
      return; // a stale file: nobody holds the folder
    }
  }
  throw new Refusal(409, {
    title: "The database is in use",
    detail: `Another process holds the PGlite folder ${pgliteDir()} (a running server?). Talk to it with --url and an API key, or stop it first. If nothing runs on it, it was not closed cleanly: delete its postmaster.pid.`,
  });
}

/**
 * Works on the database the server uses (DATABASE_URL, else the PGlite folder), as `email` in the
 * tenant `slug`: the same services as the API, so the same gate and rules — the user must hold
 * what the route would ask of them.
 */
export async function localBackend(email: string, slug: string): Promise<PolicyBackend> {
  refuseHeldPglite();
  const database = await getDatabase();
  const ctx = () => actingAs(database.db, email, slug);
  return {
    export: async (withMembers) => exportPolicy(await ctx(), withMembers ? { include: "assignments" } : {}),
    diff: async (doc) => previewPolicy(await ctx(), policyDocument.parse(doc)),
    apply: async (doc, ifMatch) => {
      const written = await applyPolicy(await ctx(), policyDocument.parse(doc), ifMatch);
      return {
        changes: written.body.changes,
        perm_version: written.permVersion!,
        ...(written.approvals.length ? { approval_ids: written.approvals.map((a) => a.id) } : {}),
      };
    },
    close: () => database.close(),
  };
}

/**
 * The service context of `email` acting in the tenant `slug`, on the database: the same services
 * as the API, so the same gate and rules — the user must hold what the route would ask of them.
 */
export async function actingAs(db: Db, email: string, slug: string): Promise<ServiceContext> {
  const [user, tenant] = await Promise.all([findUserByEmail(db, email), findTenantBySlug(db, slug)]);
  if (!user) throw new Refusal(404, { title: "Unknown user", detail: `No account ${email}.` });
  if (!tenant) throw new Refusal(404, { title: "Unknown tenant", detail: `No tenant with the slug ${slug}.` });
  const viewer = await resolveViewer(db, { userId: user.id, sessionVersion: user.sessionVersion }, tenant.id);
  if (!viewer || viewer.tenant?.id !== tenant.id)
    throw new Refusal(403, { title: "Forbidden", detail: `${email} may not act in ${slug}.` });
  return { db, principal: userPrincipal(viewer), meta: { ip: null, userAgent: "gatehouse-cli" } };
}
