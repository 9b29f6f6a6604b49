/**
 * docs/design.md §3.2, rule by rule, on the acme fixture: membership gate, then unknown, inactive,
 * plan, superadmin, override, role, none, then dependency, mfa and deprecation.
 */
import { describe, expect, it } from "vitest";
import { compileSnapshot } from "./engine";
import { acme, NOW, TENANT, withChanges } from "./testing/fixtures";
import { referenceDecide } from "./testing/reference";
import type { Decision, DecisionContext, TenantSnapshot } from "./types";

interface Row {
  name: string;
  user: string;
  code: string;
  context?: DecisionContext;
  world?: TenantSnapshot;
  expected: Partial<Decision>;
}

function check(rows: Row[]) {
  it.each(rows.map((r) => [r.name, r] as const))("%s", (_, row) => {
    const world = row.world ?? acme();
    const decision = compileSnapshot(world).decide(row.user, row.code, row.context, NOW);
    expect(decision).toMatchObject(row.expected);
    // The naive model agrees on every table row too.
    expect(decision).toStrictEqual(referenceDecide(world, row.user, row.code, row.context, NOW));
  });
}

const granted = (reason: Decision["reason"]) => ({ granted: true, reason });
const denied = (reason: Decision["reason"]) => ({ granted: false, reason });

describe("membership: a user who is not an active member is denied everything (super-admins excepted)", () => {
  check([
    {
      name: "not a member of the tenant → none",
      user: "zoe",
      code: "sites.list.view",
      expected: { ...denied("none"), via: null },
    },
    {
      name: "disabled member holding Admin → none",
      user: "erin",
      code: "sites.list.view",
      expected: { ...denied("none"), via: null },
    },
    {
      name: "a non-member asking about an unknown code still gets none",
      user: "zoe",
      code: "nope.nope",
      expected: denied("none"),
    },
    {
      name: "super-admin who is not a member → superadmin",
      user: "dave",
      code: "sites.list.view",
      expected: { ...granted("superadmin"), via: { kind: "superadmin" } },
    },
    {
      name: "super-admin whose membership is inactive → superadmin",
      user: "hank",
      code: "sites.detail.view",
      expected: granted("superadmin"),
    },
  ]);
});

describe("rule 1 — unknown: the code is in neither the global catalog nor the tenant's", () => {
  check([
    {
      name: "a code nobody defined",
      user: "carol",
      code: "sites.teleport",
      expected: { ...denied("unknown"), via: null, requires_mfa: false },
    },
    {
      name: "an ancestor that is not itself in the catalog, even if granted",
      user: "alice",
      code: "sites.detail",
      expected: denied("unknown"),
    },
    { name: "an invalid code", user: "carol", code: "Sites.List", expected: denied("unknown") },
    {
      name: "another tenant's custom permission",
      user: "carol",
      code: "other.secret.view",
      expected: denied("unknown"),
    },
    { name: "even for a super-admin", user: "dave", code: "sites.teleport", expected: denied("unknown") },
    {
      name: "the tenant's own custom permission is known (Admin holds it)",
      user: "carol",
      code: "acme.widgets.view",
      expected: granted("role"),
    },
  ]);
});

describe("rule 2 — inactive: an inactive permission is denied; a deprecated one is still decided", () => {
  check([
    {
      name: "inactive, even for Admin",
      user: "carol",
      code: "sites.archive",
      expected: { ...denied("inactive"), via: { kind: "inactive", code: "sites.archive" } },
    },
    { name: "inactive, even for a super-admin", user: "dave", code: "sites.archive", expected: denied("inactive") },
    {
      name: "deprecated: decided, names its replacement",
      user: "carol",
      code: "sites.list.old_export",
      expected: { ...granted("role"), deprecated: true, replacement: "sites.list.export" },
    },
    {
      name: "deprecated and not granted: still names its replacement",
      user: "bob",
      code: "sites.list.old_export",
      expected: { ...denied("none"), deprecated: true, replacement: "sites.list.export" },
    },
    {
      name: "not deprecated: no replacement",
      user: "bob",
      code: "sites.list.view",
      expected: { deprecated: false, replacement: null },
    },
  ]);
});

describe("rule 3 — plan: the most specific active menu item owning the code must be in the plan", () => {
  const invoicesVia = {
    kind: "plan" as const,
    menu_item: "invoices",
    resource: "sales.invoices",
    plans: ["professional", "enterprise"],
  };
  check([
    {
      name: "Invoices (sales.invoices) is not in Basic, though Sales is",
      user: "ivy",
      code: "sales.invoices.view",
      expected: { ...denied("plan"), via: invoicesVia },
    },
    {
      name: "sales.orders is only under Sales, which Basic includes",
      user: "ivy",
      code: "sales.orders.view",
      expected: granted("role"),
    },
    {
      name: "Reports is not in Basic",
      user: "gina",
      code: "reports.finance.view",
      expected: {
        ...denied("plan"),
        via: { kind: "plan", menu_item: "reports", resource: "reports", plans: ["enterprise"] },
      },
    },
    {
      name: "but the more specific Public reports is",
      user: "gina",
      code: "reports.public.view",
      expected: granted("role"),
    },
    {
      name: "plan gating applies to super-admins and Admin too",
      user: "dave",
      code: "sales.invoices.create",
      expected: denied("plan"),
    },
    {
      name: "an inactive menu item gates nothing",
      user: "alice",
      code: "sites.detail.view",
      expected: granted("role"),
    },
    {
      name: "codes under no menu item are not gated",
      user: "ivy",
      code: "billing.view",
      expected: denied("dependency"),
    },
    {
      name: "no plan: no plan gating",
      user: "ivy",
      code: "sales.invoices.view",
      world: withChanges((s) => void (s.plan = null)),
      expected: granted("role"),
    },
    {
      name: "an item in the plan beside another on the same resource: reachable",
      user: "ivy",
      code: "sales.invoices.view",
      world: withChanges((s) => {
        s.menuItems.push({
          id: "mi-invoices-2",
          code: "invoices_lite",
          name: "Invoices lite",
          resource: "sales.invoices",
          permissionCode: null,
          isActive: true,
        });
        s.planMenuItemIds.push("mi-invoices-2");
      }),
      expected: granted("role"),
    },
  ]);
});

describe("rule 4 — superadmin", () => {
  check([
    {
      name: "any known, active, plan-included code",
      user: "dave",
      code: "sites.detail.tabs.billing",
      expected: { ...granted("superadmin"), requires_mfa: true },
    },
    {
      name: "the tenant's custom permission",
      user: "dave",
      code: "acme.widgets.view",
      expected: granted("superadmin"),
    },
    {
      name: "a super-admin flagged on the member row",
      user: "hank",
      code: "billing.view",
      expected: granted("superadmin"),
    },
  ]);
});

const override = (userId: string, code: string, effect: "allow" | "deny", expiresAt: number | null = null) => ({
  userId,
  code,
  effect,
  expiresAt,
});

describe("rule 5 — override: the most specific unexpired override decides", () => {
  const denyParentAllowChild = withChanges((s) => {
    s.overrides.push(override("alice", "sites", "deny"), override("alice", "sites.detail.view", "allow"));
  });
  const allowParentDenyChild = withChanges((s) => {
    s.overrides.push(
      override("bob", "sites", "allow", NOW + 60_000),
      override("bob", "sites.detail.tabs.billing", "deny"),
    );
  });
  check([
    {
      name: "deny on a parent beats the role",
      user: "alice",
      code: "sites.list.view",
      world: denyParentAllowChild,
      expected: { ...denied("override"), via: { kind: "override", code: "sites", effect: "deny", expires_at: null } },
    },
    {
      name: "allow on a child beats deny on its parent",
      user: "alice",
      code: "sites.detail.view",
      world: denyParentAllowChild,
      expected: {
        ...granted("override"),
        via: { kind: "override", code: "sites.detail.view", effect: "allow", expires_at: null },
      },
    },
    {
      name: "deny on a child beats allow on its parent",
      user: "bob",
      code: "sites.detail.tabs.billing",
      world: allowParentDenyChild,
      expected: denied("override"),
    },
    {
      name: "allow on a parent grants the rest of the subtree (and names its expiry)",
      user: "bob",
      code: "sites.detail.tabs.meters",
      world: allowParentDenyChild,
      expected: {
        ...granted("override"),
        via: { kind: "override", code: "sites", effect: "allow", expires_at: new Date(NOW + 60_000).toISOString() },
      },
    },
    {
      name: "an override expiring exactly now is expired",
      user: "bob",
      code: "sites.list.view",
      world: withChanges((s) => void s.overrides.push(override("bob", "sites.list.view", "deny", NOW))),
      expected: granted("role"),
    },
    {
      name: "an override expiring 1 ms from now still counts",
      user: "bob",
      code: "sites.list.view",
      world: withChanges((s) => void s.overrides.push(override("bob", "sites.list.view", "deny", NOW + 1))),
      expected: denied("override"),
    },
    {
      name: "an allow override does not beat the plan",
      user: "bob",
      code: "sales.invoices.view",
      world: withChanges((s) => void s.overrides.push(override("bob", "sales", "allow"))),
      expected: denied("plan"),
    },
    {
      name: "an override does not bind a super-admin",
      user: "dave",
      code: "sites.list.view",
      world: withChanges((s) => void s.overrides.push(override("dave", "sites", "deny"))),
      expected: granted("superadmin"),
    },
  ]);
});

describe("rule 6 — role: a held role (or one it inherits) grants the code or an ancestor", () => {
  check([
    {
      name: "direct grant on the code",
      user: "bob",
      code: "sites.list.view",
      expected: {
        ...granted("role"),
        via: { kind: "role", role_id: "r-viewer", role: "Viewer", code: "sites.list.view", scope: "organization" },
      },
    },
    {
      name: "grant on an ancestor covers the subtree; inherited one level",
      user: "alice",
      code: "sites.detail.tabs.meters",
      expected: {
        via: {
          kind: "role",
          role_id: "r-lead",
          role: "Engineer Lead",
          through_role: "Field Engineer",
          code: "sites.detail",
          scope: "team",
        },
      },
    },
    {
      name: "inherited two levels",
      user: "alice",
      code: "sites.list.view",
      expected: {
        via: {
          kind: "role",
          role_id: "r-viewer",
          role: "Viewer",
          through_role: "Field Engineer",
          code: "sites.list.view",
          scope: "organization",
        },
      },
    },
    {
      name: "diamond: Auditor → Reporter → Viewer and Auditor → Viewer",
      user: "gina",
      code: "sites.list.view",
      expected: {
        via: {
          kind: "role",
          role_id: "r-viewer",
          role: "Viewer",
          through_role: "Auditor",
          code: "sites.list.view",
          scope: "organization",
        },
      },
    },
    {
      name: "Admin (grantsAll) holds every catalog code at global scope",
      user: "carol",
      code: "sites.detail.tabs.meters",
      expected: {
        via: { kind: "role", role_id: "r-admin", role: "Admin", code: "sites.detail.tabs.meters", scope: "global" },
      },
    },
    {
      name: "a role assignment expiring exactly now is expired",
      user: "bob",
      code: "sites.list.view",
      world: withChanges((s) => void (s.userRoles.find((u) => u.userId === "bob")!.expiresAt = NOW)),
      expected: denied("none"),
    },
    {
      name: "a role assignment expiring 1 ms from now still counts",
      user: "bob",
      code: "sites.list.view",
      world: withChanges((s) => void (s.userRoles.find((u) => u.userId === "bob")!.expiresAt = NOW + 1)),
      expected: granted("role"),
    },
    {
      name: "a cycle in inheritance (forbidden by the database) does not hang",
      user: "alice",
      code: "sites.list.view",
      world: withChanges((s) => void s.roles.find((r) => r.id === "r-viewer")!.parentIds.push("r-field")),
      expected: granted("role"),
    },
  ]);
});

describe("rule 6 — which grant `via` names", () => {
  const both = withChanges((s) => {
    s.grants.push({ roleId: "r-billing", code: "sites.list.view", scope: "personal", conditions: null });
    s.grants.push({ roleId: "r-empty", code: "sites.list", scope: "global", conditions: null });
    s.userRoles.push(
      { userId: "bob", roleId: "r-billing", expiresAt: null },
      { userId: "bob", roleId: "r-empty", expiresAt: null },
    );
    s.userRoles.push(
      { userId: "gina", roleId: "r-viewer", expiresAt: null },
      { userId: "gina", roleId: "r-field", expiresAt: null },
    );
  });
  check([
    {
      name: "most specific code first, then role name (Billing Clerk < Viewer); scope is the widest holding",
      user: "bob",
      code: "sites.list.view",
      world: both,
      expected: {
        via: { kind: "role", role_id: "r-billing", role: "Billing Clerk", code: "sites.list.view", scope: "global" },
      },
    },
    {
      name: "a direct assignment is preferred over inheritance for the same role",
      user: "gina",
      code: "sites.list.view",
      world: both,
      expected: {
        via: { kind: "role", role_id: "r-viewer", role: "Viewer", code: "sites.list.view", scope: "organization" },
      },
    },
    {
      name: "otherwise through the first assigned role by name (Auditor < Field Engineer)",
      user: "gina",
      code: "reports.public.view",
      world: both,
      expected: {
        via: {
          kind: "role",
          role_id: "r-reporter",
          role: "Reporter",
          through_role: "Auditor",
          code: "reports",
          scope: "organization",
        },
      },
    },
  ]);
});

describe("rule 7 — none", () => {
  check([
    {
      name: "an active member whom nothing grants the code",
      user: "bob",
      code: "sites.detail.view",
      expected: { ...denied("none"), via: null },
    },
    {
      name: "a member without roles",
      user: "frank",
      code: "billing.view",
      world: withChanges((s) => void (s.userRoles = s.userRoles.filter((u) => u.userId !== "frank"))),
      expected: denied("none"),
    },
  ]);
});

describe("dependency: granted only if every (transitive) dependency is granted too", () => {
  check([
    {
      name: "edit needs view; alice has both through Engineer Lead",
      user: "alice",
      code: "sites.detail.edit",
      expected: granted("role"),
    },
    {
      name: "a dependency denied by an override makes the permission denied, naming it",
      user: "alice",
      code: "sites.detail.edit",
      world: withChanges((s) => void s.overrides.push(override("alice", "sites.detail.view", "deny"))),
      expected: { ...denied("dependency"), via: { kind: "dependency", code: "sites.detail.view" } },
    },
    {
      name: "transitive, depth first: billing.pay → billing.view → customers.view is missing before treasury.view (direct ones in code order)",
      user: "ivy",
      code: "billing.pay",
      expected: { ...denied("dependency"), via: { kind: "dependency", code: "customers.view" }, requires_mfa: true },
    },
    {
      name: "the walk reaches the second direct dependency once the first branch is granted",
      user: "ivy",
      code: "billing.pay",
      world: withChanges(
        (s) => void s.grants.push({ roleId: "r-billing", code: "customers", scope: "organization", conditions: null }),
      ),
      expected: { via: { kind: "dependency", code: "treasury.view" } },
    },
    {
      name: "a dependency on a code not in the catalog is missing",
      user: "bob",
      code: "sites.list.view",
      world: withChanges((s) => void s.dependencies.push({ code: "sites.list.view", dependsOn: "sites.ghost" })),
      expected: { via: { kind: "dependency", code: "sites.ghost" } },
    },
    {
      name: "an inactive dependency is missing",
      user: "carol",
      code: "sites.list.view",
      world: withChanges((s) => void s.dependencies.push({ code: "sites.list.view", dependsOn: "sites.archive" })),
      expected: { via: { kind: "dependency", code: "sites.archive" } },
    },
    {
      name: "super-admins are subject to dependencies (a plan-gated one)",
      user: "dave",
      code: "sales.orders.view",
      world: withChanges(
        (s) => void s.dependencies.push({ code: "sales.orders.view", dependsOn: "sales.invoices.view" }),
      ),
      expected: { ...denied("dependency"), via: { kind: "dependency", code: "sales.invoices.view" } },
    },
    {
      name: "an override allow is subject to dependencies",
      user: "bob",
      code: "sites.detail.edit",
      world: withChanges((s) => void s.overrides.push(override("bob", "sites.detail.edit", "allow"))),
      expected: denied("dependency"),
    },
    {
      name: "a cycle in dependencies (forbidden by the database) does not hang",
      user: "carol",
      code: "customers.view",
      world: withChanges((s) => void s.dependencies.push({ code: "customers.view", dependsOn: "billing.view" })),
      expected: granted("role"),
    },
    {
      name: "dependencies are decided with the same context",
      user: "alice",
      code: "sites.detail.edit",
      context: { resource: { team_id: "team-north" } },
      world: withChanges(
        (s) =>
          void s.grants.push({ roleId: "r-lead", code: "sites.detail.edit", scope: "organization", conditions: null }),
      ),
      expected: granted("role"),
    },
    {
      name: "…and fail in it when the dependency's scope does not hold",
      user: "alice",
      code: "sites.detail.edit",
      context: { resource: { team_id: "team-south" } },
      world: withChanges(
        (s) =>
          void s.grants.push({ roleId: "r-lead", code: "sites.detail.edit", scope: "organization", conditions: null }),
      ),
      expected: { ...denied("dependency"), via: { kind: "dependency", code: "sites.detail.view" } },
    },
  ]);
});

describe("mfa and tenant specifics", () => {
  check([
    {
      name: "requires_mfa is reported when granted",
      user: "carol",
      code: "sites.detail.tabs.billing",
      expected: { granted: true, requires_mfa: true },
    },
    {
      name: "requires_mfa is reported when denied",
      user: "bob",
      code: "sites.detail.tabs.billing",
      expected: { granted: false, requires_mfa: true },
    },
    {
      name: "a tenant custom permission granted by a role",
      user: "bob",
      code: "acme.widgets.view",
      world: withChanges(
        (s) => void s.grants.push({ roleId: "r-viewer", code: "acme", scope: "organization", conditions: null }),
      ),
      expected: granted("role"),
    },
    {
      name: "a custom permission reusing a global code does not shadow it",
      user: "dave",
      code: "sites.list.view",
      world: withChanges(
        (s) => void s.permissions.push({ ...s.permissions[0]!, id: "custom", tenantId: TENANT, isActive: false }),
      ),
      expected: granted("superadmin"),
    },
  ]);
});
