import { z } from "zod";
import { isValidCode } from "@/lib/permissions/codes";

export const permissionCode = z
  .string()
  .refine(isValidCode, "A code is 1–6 lowercase segments [a-z][a-z0-9_]* joined by dots, at most 100 characters");

export const uuid = z.uuid("Must be a UUID");

export const decisionContext = z
  .object({
    resource: z
      .object({
        owner_id: z.string().optional(),
        team_id: z.string().optional(),
        department_id: z.string().optional(),
        tenant_id: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .catchall(z.unknown());

/** A user named by id or by email: exactly one of them. */
export const userRef = z
  .object({ user_id: uuid.optional(), user_email: z.email().optional() })
  .refine((v) => (v.user_id === undefined) !== (v.user_email === undefined), {
    message: "Send user_id or user_email, not both",
    path: ["user_id"],
  });
