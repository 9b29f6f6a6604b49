import type { z } from "zod";
import type { ApiKeyScope } from "@/lib/validation/api-keys";
import type { ApiKeyCreated, ApiKeyPage } from "@/lib/validation/responses";

export type ApiKeyList = z.infer<typeof ApiKeyPage>;
export type ApiKey = ApiKeyList["data"][number];
export type CreatedApiKey = z.infer<typeof ApiKeyCreated>;

/** What each scope lets a key do (docs/api.md "Conventions"), in the order a form offers them. */
export const SCOPE_INFO = {
  check: { label: "Check", hint: "POST /api/v1/check and /check/bulk: ask whether a user holds a permission." },
  read: { label: "Read", hint: "Every GET route: roles, users, permissions, audit, statistics." },
  write: { label: "Write", hint: "Every change: roles, grants, users, templates. Give it only to trusted back ends." },
} as const satisfies Record<ApiKeyScope, { label: string; hint: string }>;
export const SCOPES = Object.keys(SCOPE_INFO) as ApiKeyScope[];
