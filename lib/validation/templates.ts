import { z } from "zod";
import { EFFECTS } from "@/lib/permissions/types";
import { MAX_BULK } from "./bulk";
import { permissionCode, uuid } from "./common";
import { page } from "./lists";

export const templateParams = z.strictObject({ id: uuid });
export const templateListQuery = z.strictObject({ search: z.string().trim().max(100).optional(), ...page });

export const templateName = z.string().trim().min(1, "A template needs a name").max(100);
const description = z.string().trim().max(500).nullable();
/** `{code: "allow" | "deny"}`: allow codes are granted to the role, deny codes removed from it. */
export const permissionSet = z
  .record(permissionCode, z.enum(EFFECTS))
  .refine((p) => Object.keys(p).length <= MAX_BULK, `At most ${MAX_BULK} codes`);

export const createTemplateRequest = z.strictObject({
  name: templateName,
  description: description.optional(),
  permissions: permissionSet,
  /** Super-admins only: a global template, seen by every tenant. Default: the caller's tenant's own. */
  global: z.boolean().optional().default(false),
});
export const updateTemplateRequest = z.strictObject({
  name: templateName.optional(),
  description: description.optional(),
  permissions: permissionSet.optional(),
});
export const applyTemplateRequest = z.strictObject({ role_id: uuid, version: z.number().int().min(1) });

export type CreateTemplateRequest = z.infer<typeof createTemplateRequest>;
export type UpdateTemplateRequest = z.infer<typeof updateTemplateRequest>;
