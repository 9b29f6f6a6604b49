import { z } from "zod";
import { CATEGORIES, RISK_LEVELS } from "@/lib/permissions/types";
import { permissionCode, uuid } from "./common";
import { page } from "./lists";

/** `/permissions/{ref}`: an id here; `{ref}/dependencies` takes a code for GET and an id for PUT. */
export const permissionIdParams = z.strictObject({ ref: z.uuid("Must be a permission id (UUID)") });
export const permissionCodeParams = z.strictObject({
  ref: z
    .string()
    .refine((v) => !z.uuid().safeParse(v).success, "GET takes a permission code, not an id")
    .pipe(permissionCode),
});

const flag = z
  .enum(["true", "false"])
  .optional()
  .transform((v) => v === "true");
const search = z.string().trim().max(100).optional();

/** `GET /permissions` lists active permissions unless `active_only=false` (API.md). */
const activeUnlessFalse = z
  .enum(["true", "false"])
  .optional()
  .transform((v) => v !== "false");

export const permissionListQuery = z.strictObject({
  module: z.string().max(100).optional(),
  category: z.enum(CATEGORIES).optional(),
  active_only: activeUnlessFalse,
  search,
  ...page,
});
export const catalogGroupQuery = z.strictObject({ active_only: flag });
export const dependenciesQuery = z.strictObject({ user_id: uuid.optional() });
export const holdersQuery = z.strictObject({ ...page });
export const moduleListQuery = z.strictObject({ active_only: flag, ...page });
export const menuItemListQuery = z.strictObject({ module: z.string().max(100).optional(), active_only: flag, ...page });

const text = (max: number) => z.string().trim().max(max);
/** A module by its code or its id; null = no module. */
const moduleRef = z.string().trim().min(1).max(100).nullable();
const segment = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "Lowercase letters, digits and _ , starting with a letter")
  .max(50);

/** A module is named once: by `module` (code or id) or by `module_id`. */
const oneModuleField = (body: { module?: string | null; module_id?: string | null }) =>
  body.module === undefined || body.module_id === undefined;

export const attributes = {
  name: text(200).min(1, "A permission needs a name"),
  description: text(1000).nullable(),
  module: moduleRef,
  /** The module by id, as reads answer it (`module_id`); the same as `module` given an id. */
  module_id: z.guid().nullable(),
  category: z.enum(CATEGORIES),
  resource: permissionCode.nullable(),
  action: segment.nullable(),
  risk_level: z.enum(RISK_LEVELS),
  requires_mfa: z.boolean(),
  requires_approval: z.boolean(),
  is_active: z.boolean(),
  deprecated: z.boolean(),
  deprecated_message: text(500).nullable(),
  /** The code of the permission that replaces a deprecated one. */
  replacement: permissionCode.nullable(),
  sort_order: z.number().int().min(-1_000_000).max(1_000_000),
};

// `is_system` and `tenant_id` are the server's to decide: strict objects refuse them (400).
export const createPermissionRequest = z
  .strictObject({
    code: permissionCode,
    name: attributes.name,
    description: attributes.description.optional(),
    module: attributes.module.optional(),
    module_id: attributes.module_id.optional(),
    category: attributes.category.optional().default("actions"),
    resource: attributes.resource.optional(),
    action: attributes.action.optional(),
    risk_level: attributes.risk_level.optional().default("low"),
    requires_mfa: attributes.requires_mfa.optional().default(false),
    requires_approval: attributes.requires_approval.optional().default(false),
    is_active: attributes.is_active.optional().default(true),
    deprecated: attributes.deprecated.optional().default(false),
    deprecated_message: attributes.deprecated_message.optional(),
    replacement: attributes.replacement.optional(),
    sort_order: attributes.sort_order.optional().default(0),
  })
  .refine(oneModuleField, { error: "Send module or module_id, not both", path: ["module_id"] });

export const updatePermissionRequest = z
  .strictObject({
    // Named, so that the refusal says why: grants, overrides and clients refer to permissions by code.
    code: z
      .never({
        error:
          "A permission's code is immutable: create a new permission and deprecate this one with it as replacement",
      })
      .optional(),
    ...z.object(attributes).partial().shape,
  })
  .refine(oneModuleField, { error: "Send module or module_id, not both", path: ["module_id"] });

export const setDependenciesRequest = z.strictObject({
  codes: z
    .array(permissionCode)
    .max(100)
    .refine((c) => new Set(c).size === c.length, "Each code at most once"),
});

export type PermissionListQuery = z.infer<typeof permissionListQuery>;
export type CreatePermissionRequest = z.infer<typeof createPermissionRequest>;
export type UpdatePermissionRequest = z.infer<typeof updatePermissionRequest>;
