import { z } from "zod";
import { MAX_BULK } from "./bulk";
import { decisionContext, permissionCode, uuid } from "./common";

const who = { user_id: uuid.optional(), user_email: z.email().optional() };
const bothNotAllowed = (v: { user_id?: string; user_email?: string }) => !(v.user_id && v.user_email);

export const checkRequest = z
  .strictObject({
    ...who,
    code: permissionCode,
    context: decisionContext.optional(),
    min_perm_version: z.number().int().min(0).optional(),
  })
  .refine(bothNotAllowed, { message: "Send user_id or user_email, not both", path: ["user_email"] })
  .refine((v) => v.user_id || v.user_email, { message: "Send user_id or user_email", path: ["user_id"] });

export const bulkCheckRequest = z
  .strictObject({
    ...who,
    codes: z.array(permissionCode).min(1).max(MAX_BULK),
    check_all: z.boolean().optional().default(false),
    min_perm_version: z.number().int().min(0).optional(),
  })
  .refine(bothNotAllowed, { message: "Send user_id or user_email, not both", path: ["user_email"] });

export type CheckRequest = z.infer<typeof checkRequest>;
export type BulkCheckRequest = z.infer<typeof bulkCheckRequest>;
