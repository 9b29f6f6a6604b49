import type { ApiProblem } from "@/lib/query/api";

/**
 * The server's refusal, each message beside its field: zod's paths and the domain's (`body.code`,
 * `body.permission_code`…), a 409 about a code, resource or route beside that field; the rest on top.
 */
export function placeErrors<K extends string>(
  error: ApiProblem | null,
  keys: readonly K[],
): { fields: Partial<Record<K, string>>; general: string | null } {
  if (!error) return { fields: {}, general: null };
  const fields: Partial<Record<K, string>> = {};
  const known = new Set<string>(keys);
  for (const e of error.fieldErrors) {
    const key = e.path.replace(/^body\./, "").split(".")[0]!;
    if (known.has(key)) fields[key as K] ??= e.message;
  }
  const detail = error.body.detail ?? error.message;
  if (!Object.keys(fields).length && error.status === 409) {
    const about = (["resource", "route", "code"] as const).find(
      (k) => known.has(k) && new RegExp(k === "code" ? "menu item|module|code" : k, "i").test(detail),
    );
    if (about) fields[about as K] = detail;
  }
  if (Object.keys(fields).length) return { fields, general: null };
  return { fields, general: detail };
}
