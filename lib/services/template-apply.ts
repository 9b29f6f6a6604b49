import "server-only";
import { templateEntries } from "@/db/queries/templates";
import { authorize } from "@/lib/auth/authorize";
import type { ServiceContext } from "./context";
import { applyGrants, bumpRoleVersionIfChanged, lockRole } from "./role-grants";
import { MANAGE_TEMPLATES, templateOr404 } from "./templates";
import { permissionWrite } from "./write-transaction";
import { written } from "./written";

/**
 * Sets a template's grants on a role in one transaction (§2): allow codes granted (those the role
 * already has keep their scope and conditions), deny codes removed. A role write like any other:
 * the role's version, the grantor's holdings and approvals are checked by `applyGrants`.
 * Answers as the role grant routes do: 202 with approval ids when some grants need approval.
 */
export async function applyTemplate(ctx: ServiceContext, id: string, input: { role_id: string; version: number }) {
  const { principal } = ctx;
  await authorize(principal, MANAGE_TEMPLATES);
  await authorize(principal, "gatehouse.roles.manage");
  const { result, permVersion } = await permissionWrite(ctx, async (ctx) => {
    const template = await templateOr404(ctx.tx, ctx.tenantId, id);
    const role = await lockRole(ctx, input.role_id, input.version);
    const entries = await templateEntries(ctx.tx, [template.id]);
    const have = new Set(ctx.snapshot.grants.filter((g) => g.roleId === role.id).map((g) => g.code));
    const allow = entries
      .filter((e) => e.effect === "allow" && !have.has(e.code))
      .map((e) => ({ code: e.code, scope: "organization" as const }));
    const deny = entries.filter((e) => e.effect === "deny").map((e) => e.code);
    const change = await applyGrants(ctx, role, allow, deny);
    const version = await bumpRoleVersionIfChanged(ctx, role, change);
    // A template that changes nothing on the role (and asks for nothing) is a no-op: not audited.
    if (ctx.audit.length)
      ctx.audit.push({
        action: "template.applied",
        targetType: "role",
        targetId: role.id,
        after: {
          template_id: template.id,
          template: template.name,
          added: change.added,
          removed: change.removed,
          approval_ids: change.approvals.map((a) => a.id),
        },
      });
    return { ...change, version, templateId: template.id };
  });
  const body = {
    template_id: result.templateId,
    role_id: input.role_id,
    version: result.version,
    added: result.added,
    removed: result.removed,
  };
  return written(body, permVersion, { approvals: result.approvals });
}
