import { z } from "zod";
import { MAX_BULK } from "./bulk";
import { uuid } from "./common";

export const planParams = z.strictObject({ id: uuid });

const price = z.number().min(0, "A price cannot be negative").max(99_999_999); // numeric(10, 2): stored to the cent
const planFields = {
  name: z.string().trim().min(1, "A plan needs a name").max(100),
  description: z.string().trim().max(500).nullable().optional(),
  price_monthly: price,
  price_yearly: price,
  is_active: z.boolean(),
  sort_order: z.number().int().min(0).max(100_000),
};

const code = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9_-]{0,49}$/,
    "A plan code is lowercase letters, digits, '_' or '-', starting with a letter, at most 50 characters",
  );

export const createPlanRequest = z.strictObject({
  code,
  name: planFields.name,
  description: planFields.description,
  price_monthly: price.optional().default(0),
  price_yearly: price.optional().default(0),
  is_active: planFields.is_active.optional().default(true),
  sort_order: planFields.sort_order.optional().default(0),
});

/** Every field optional; the code may change too (it stays unique). */
export const updatePlanRequest = z.strictObject({
  code: code.optional(),
  name: planFields.name.optional(),
  description: planFields.description,
  price_monthly: price.optional(),
  price_yearly: price.optional(),
  is_active: planFields.is_active.optional(),
  sort_order: planFields.sort_order.optional(),
});

export const planFeaturesRequest = z.strictObject({
  menu_item_ids: z
    .array(uuid)
    .max(MAX_BULK)
    .transform((ids) => [...new Set(ids)]),
});

export type CreatePlanRequest = z.infer<typeof createPlanRequest>;
export type UpdatePlanRequest = z.infer<typeof updatePlanRequest>;
