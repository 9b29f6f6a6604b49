import { paths } from "@/lib/query/paths";
import type { ApiKeyScope } from "@/lib/validation/api-keys";

/** What each scope lets a key do (docs/api.md "Conventions"), in the order a form offers them. */
export const SCOPE_INFO = {
  check: { label: "Check", hint: `POST ${paths.check} and /check/bulk: ask whether a user holds a permission.` },
  read: { label: "Read", hint: "Every GET route: roles, users, permissions, audit, statistics." },
  write: { label: "Write", hint: "Every change: roles, grants, users, templates. Give it only to trusted back ends." },
} as const satisfies Record<ApiKeyScope, { label: string; hint: string }>;
export const SCOPES = Object.keys(SCOPE_INFO) as ApiKeyScope[];
