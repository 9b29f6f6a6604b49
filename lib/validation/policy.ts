import { z } from "zod";
import { EFFECTS } from "@/lib/permissions/types";
import { attributes } from "./catalog";
import { permissionCode } from "./common";
import { description, grantList, roleName } from "./roles";
import { permissionSet, templateName } from "./templates";

/**
 * The policy document (docs/policy-as-code.md): a tenant's policy as one file, keyed by codes,
 * names and emails — never database ids — so it moves between tenants and installations. Every
 * field a reader may leave out has the default a fresh row has; an export writes every field.
 */

export const POLICY_FORMAT = 1;

const unique = <T>(key: (item: T) => string, what: string) =>
  [
    (items: T[]) => new Set(items.map((i) => key(i).toLowerCase())).size === items.length,
    `Each ${what} at most once`,
  ] as const;

const documentPermission = z.strictObject({
  code: permissionCode,
  name: attributes.name,
  description: attributes.description.optional().default(null),
  module: attributes.module.optional().default(null).describe("The module's code (modules are global)"),
  category: attributes.category.optional().default("actions"),
  resource: attributes.resource.optional().default(null),
  action: attributes.action.optional().default(null),
  risk_level: attributes.risk_level.optional().default("low"),
  requires_mfa: attributes.requires_mfa.optional().default(false),
  requires_approval: attributes.requires_approval.optional().default(false),
  is_active: attributes.is_active.optional().default(true),
  deprecated: attributes.deprecated.optional().default(false),
  deprecated_message: attributes.deprecated_message.optional().default(null),
  replacement: attributes.replacement.optional().default(null),
  sort_order: attributes.sort_order.optional().default(0),
  depends_on: z
    .array(permissionCode)
    .max(100)
    .refine((c) => new Set(c).size === c.length, "Each code at most once")
    .optional()
    .default([]),
});

const documentRole = z.strictObject({
  name: roleName,
  description: description.optional().default(null),
  is_system: z
    .boolean()
    .optional()
    .default(false)
    .describe("System roles are the installation's: a document may list them but not change them"),
  grants_all: z.boolean().optional().default(false).describe("The system Admin role: every permission, as a rule"),
  is_default: z.boolean().optional().default(false),
  parents: z
    .array(roleName)
    .max(20)
    .refine(...unique((n: string) => n, "parent"))
    .optional()
    .default([]),
  grants: grantList.optional().default([]),
});

const documentTemplate = z.strictObject({
  name: templateName,
  description: description.optional().default(null),
  permissions: permissionSet,
});

const future = z.iso.datetime({ offset: true });
const documentMember = z.strictObject({
  email: z.email().max(320),
  roles: z
    .array(z.strictObject({ name: roleName, expires_at: future.nullable().optional().default(null) }))
    .max(100)
    .refine(...unique((r: { name: string }) => r.name, "role"))
    .optional()
    .default([]),
  overrides: z
    .array(
      z.strictObject({
        code: permissionCode,
        effect: z.enum(EFFECTS),
        notes: z.string().max(500).nullable().optional().default(null),
        expires_at: future.nullable().optional().default(null),
      }),
    )
    .max(500)
    .refine(...unique((o: { code: string }) => o.code, "code"))
    .optional()
    .default([]),
});

export const policyDocument = z.strictObject({
  gatehouse_policy: z.literal(POLICY_FORMAT).describe("The format version of this document"),
  permissions: z
    .array(documentPermission)
    .max(2000)
    .refine(...unique((p: { code: string }) => p.code, "code"))
    .optional()
    .default([])
    .describe("The tenant's own (custom) permissions; global ones are the installation's"),
  roles: z
    .array(documentRole)
    .max(500)
    .refine(...unique((r: { name: string }) => r.name, "role name"))
    .optional()
    .default([]),
  templates: z
    .array(documentTemplate)
    .max(500)
    .refine(...unique((t: { name: string }) => t.name, "template name"))
    .optional()
    .default([]),
  members: z
    .array(documentMember)
    .max(10_000)
    .refine(...unique((m: { email: string }) => m.email, "email"))
    .optional()
    .describe(
      "With ?include=assignments: members' roles and overrides by email. Absent: assignments are left as they are",
    ),
});
export type PolicyDocument = z.output<typeof policyDocument>;
export type PolicyPermission = PolicyDocument["permissions"][number];
export type PolicyRole = PolicyDocument["roles"][number];
export type PolicyTemplate = PolicyDocument["templates"][number];
export type PolicyMember = NonNullable<PolicyDocument["members"]>[number];

export const policyExportQuery = z.strictObject({
  include: z.enum(["assignments"]).optional(),
  /** `yaml`: the YAML download, for links that cannot send `Accept: application/yaml`. */
  format: z.enum(["json", "yaml"]).optional(),
});
export const policyApplyQuery = z.strictObject({
  dry_run: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});

export const POLICY_KINDS = ["permission", "role", "grant", "template", "member_role", "override"] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];
export interface PolicyChange {
  op: "add" | "remove" | "change";
  kind: PolicyKind;
  key: string;
  before?: unknown;
  after?: unknown;
}

/**
 * `legacy_menu_to_ui_mapping`'s shape (docs/operations.md#migrate-legacy-menus): a legacy menu's
 * code → the UI permission codes it stood for.
 */
export const legacyMenuMapping = z.record(
  z.string().regex(/^[a-z][a-z0-9_]*$/, "A legacy menu key is lowercase letters, digits and _"),
  z.array(permissionCode).min(1).max(200),
);
export type LegacyMenuMapping = z.infer<typeof legacyMenuMapping>;

/** POST /api/v1/policy/legacy-menus: the mapping to apply (default: the catalog's). */
export const legacyMenusRequest = z.strictObject({ mapping: legacyMenuMapping.optional() });
