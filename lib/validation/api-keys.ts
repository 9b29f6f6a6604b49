import { z } from "zod";
import { uuid } from "./common";

/** What an API key may be used for: `check` decides, `read` lists, `write` changes. */
export const API_KEY_SCOPES = ["check", "read", "write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const createApiKeyRequest = z.strictObject({
  name: z.string().trim().min(1, "Give the key a name").max(100),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1, "Choose at least one scope")
    .max(3)
    .transform((s) => [...new Set(s)]),
  /** When the key stops working (401 afterwards); omitted or null: never. At most ten years ahead. */
  expires_at: z.iso
    .datetime({ offset: true })
    .refine((v) => Date.parse(v) > Date.now(), "Must be in the future")
    .refine((v) => Date.parse(v) < Date.now() + 10 * 366 * 86_400_000, "At most ten years ahead")
    .nullable()
    .optional(),
});
export const apiKeyParams = z.strictObject({ id: uuid });
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequest>;
