import "server-only";
import { eq } from "drizzle-orm";
import { catalogByCodes, dependencyEdges, findCatalogPermissionByCode } from "@/db/queries/catalog";
import { permissionDependencies, permissions } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import { tenantOf } from "@/lib/auth/principal";
import { ApiError } from "@/lib/errors";
import { tenantDecisions } from "@/lib/permissions/server";
import { catalogPermissionOr404, VIEW_PERMISSIONS } from "./catalog";
import { type CatalogContext, catalogWrite } from "./catalog-transaction";
import type { ServiceContext } from "./context";
import { written } from "./written";

/** `{depends_on, required_by}` of a code, each with `is_granted` for the user asked about (default: the caller). */
export async function permissionDependenciesOf(ctx: ServiceContext, code: string, userId: string | undefined) {
  const { db, principal } = ctx;
  await authorize(principal, VIEW_PERMISSIONS);
  const tenantId = tenantOf(principal);
  const subject = userId ?? principal.userId;
  if (!subject)
    throw ApiError.badRequest("Send user_id: an API key is nobody's permissions.", [
      { path: "query.user_id", message: "Required for API keys" },
    ]);
  // Asking about someone else is reading their permissions.
  if (subject !== principal.userId) await authorize(principal, "gatehouse.users.view");
  const permission = await findCatalogPermissionByCode(db, tenantId, code);
  if (!permission) throw ApiError.notFound("permission");
  const [edges, compiled] = await Promise.all([dependencyEdges(db, tenantId), tenantDecisions(tenantId, [subject])]);
  const granted = (c: string) => compiled?.decide(subject, c).granted ?? false;
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : 1);
  return {
    code,
    permission_id: permission.permission.id,
    user_id: subject,
    depends_on: edges
      .filter((e) => e.code === code)
      .map((e) => ({ code: e.dependsOn, name: e.dependsOnName, is_granted: granted(e.dependsOn) }))
      .sort(byCode),
    required_by: edges
      .filter((e) => e.dependsOn === code)
      .map((e) => ({ code: e.code, name: e.name, is_granted: granted(e.code) }))
      .sort(byCode),
  };
}

/** A path `from` → … → `to` along depends_on edges, or null. */
function pathBetween(edges: Map<string, string[]>, from: string, to: string): string[] | null {
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length) {
    const at = queue.shift()!;
    if (at === to) {
      const path = [to];
      while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
      return path;
    }
    for (const next of edges.get(at) ?? []) if (!previous.has(next)) previous.set(next, at), queue.push(next);
  }
  return null;
}

/** Replaces a permission's depends_on set: known codes of its own catalog, not itself, no cycle (§3.5). */
export async function setPermissionDependencies(ctx: ServiceContext, id: string, codes: string[]) {
  const { db, principal } = ctx;
  const found = await catalogPermissionOr404(db, tenantOf(principal), id);
  const owner = found.permission.tenantId === null ? "global" : "tenant";
  const { result, permVersion } = await catalogWrite(
    ctx,
    owner,
    "change the dependencies of global permissions",
    (ctx: CatalogContext) => replaceDependencies(ctx, id, codes),
  );
  return written(result, permVersion);
}

/** Sets a permission's depends_on inside a catalog write: known codes of its catalog, no cycle, not a system permission. */
export async function replaceDependencies(ctx: CatalogContext, id: string, codes: string[]) {
  const [self] = await ctx.tx.select().from(permissions).where(eq(permissions.id, id)).for("update");
  if (!self || self.tenantId !== ctx.owner) throw ApiError.notFound("permission");
  if (self.isSystem)
    throw ApiError.unprocessable(`${self.code} is a system permission: its dependencies cannot be changed.`, {
      permission_id: id,
    });
  if (codes.includes(self.code))
    throw ApiError.unprocessable(`${self.code} cannot depend on itself.`, { cycle: [self.code, self.code] });
  // A global permission may depend on global ones only: a tenant's code means nothing to other tenants.
  const targets = await catalogByCodes(ctx.tx, ctx.owner, codes);
  const unknown = codes.filter((c) => !targets.some((t) => t.code === c));
  if (unknown.length)
    throw ApiError.unprocessable(`Unknown permission codes: ${unknown.join(", ")}.`, { unknown_codes: unknown });
  const edges = await dependencyEdges(ctx.tx, ctx.owner);
  const graph = new Map<string, string[]>();
  for (const e of edges) if (e.code !== self.code) graph.set(e.code, [...(graph.get(e.code) ?? []), e.dependsOn]);
  for (const target of codes) {
    const back = pathBetween(graph, target, self.code);
    if (back)
      throw ApiError.unprocessable(`Depending on ${target} would make a cycle: ${[self.code, ...back].join(" → ")}.`, {
        cycle: [self.code, ...back],
      });
  }
  const before = edges
    .filter((e) => e.code === self.code)
    .map((e) => e.dependsOn)
    .sort();
  const after = [...codes].sort();
  // The same set: nothing to write, audit or bump.
  if (after.join() === before.join()) return { permission_id: id, code: self.code, depends_on: after };
  await ctx.tx.delete(permissionDependencies).where(eq(permissionDependencies.permissionId, id));
  if (targets.length)
    await ctx.tx.insert(permissionDependencies).values(targets.map((t) => ({ permissionId: id, dependsOnId: t.id })));
  ctx.audit.push({
    action: "permission.dependencies.updated",
    targetType: "permission",
    targetId: id,
    permissionCode: self.code,
    before: { depends_on: before },
    after: {
      depends_on: after,
      added: after.filter((c) => !before.includes(c)),
      removed: before.filter((c) => !after.includes(c)),
    },
  });
  return { permission_id: id, code: self.code, depends_on: after };
}
