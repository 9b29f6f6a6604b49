import { z } from "zod";
import { uuid } from "./common";
import { page } from "./lists";

export const tenantParams = z.strictObject({ id: uuid });
/** `?plan_id=` the plan to compare with; absent: no plan (nothing plan-gated). */
export const planImpactQuery = z.strictObject({ plan_id: uuid.optional() });
export const tenantListQuery = z.strictObject({ search: z.string().trim().max(100).optional(), ...page });

const name = z.string().trim().min(1, "A tenant needs a name").max(200);
const slug = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    "A slug is 1–63 lowercase letters, digits and '-', not starting or ending with '-'",
  );

export const createTenantRequest = z.strictObject({
  name,
  slug,
  plan_id: uuid.nullable().optional(),
  /** The account to make the tenant's first Admin: existing → a member at once; unknown → invited by link. */
  admin_email: z
    .email("Must be an email address")
    .max(254)
    .transform((e) => e.toLowerCase())
    .optional(),
});
/** `plan_id: null` removes the plan (no plan = no plan gating). */
export const updateTenantRequest = z.strictObject({
  name: name.optional(),
  slug: slug.optional(),
  plan_id: uuid.nullable().optional(),
});

export type CreateTenantRequest = z.infer<typeof createTenantRequest>;
export type UpdateTenantRequest = z.infer<typeof updateTenantRequest>;
export type TenantListQuery = z.infer<typeof tenantListQuery>;
