import { z } from "zod";

/** A TOTP code (`code`) or a recovery code (`recovery_code`), exactly one. */
export const factorBody = z
  .strictObject({
    code: z.string().trim().min(1, "Enter the 6-digit code").max(12).optional(),
    recovery_code: z.string().trim().min(1, "Enter a recovery code").max(32).optional(),
  })
  .refine((b) => (b.code === undefined) !== (b.recovery_code === undefined), {
    message: "Send either code or recovery_code",
    path: ["code"],
  });

export const codeBody = z.strictObject({ code: z.string().trim().min(1, "Enter the 6-digit code").max(12) });
