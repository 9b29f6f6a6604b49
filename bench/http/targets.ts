/**
 * The seven requests of the HTTP bench, in the order they run: the reference rows, then Cerbos and
 * Gatehouse back to back for one check and for 50. Each answer is checked in full once before the
 * load (the right decision, not just a 200); under load every answer must then carry the same
 * marker as often as that one did.
 */
import type { CerbosPolicy } from "./cerbos";
import { BULK_SIZE, CHECKED, type Prepared } from "./gatehouse";
import type { Target } from "./load";

/** Cerbos's side of the equivalence: one resource kind, the role as a Cerbos role name. */
export const CERBOS_RESOURCE = "app";
export const CERBOS_ROLE = CHECKED.role.toLowerCase().replace(/\W+/g, "_");

/** The policy equivalent to the Gatehouse role: it allows exactly the codes the user holds through it. */
export function cerbosPolicy(prepared: Prepared): CerbosPolicy {
  return { resource: CERBOS_RESOURCE, role: CERBOS_ROLE, actions: prepared.bulkGranted };
}

interface Row {
  target: Omit<Target, "expect">;
  /** The full check of the one answer taken before the load. */
  verify: (body: unknown) => boolean;
  /** What every answer under load must contain, as often as the verified one. */
  needle: string;
}

const isOk = (b: unknown) => (b as { ok?: unknown } | null)?.ok === true;
const effects = (b: unknown) =>
  (b as { results?: { actions?: Record<string, string> }[] } | null)?.results?.[0]?.actions ?? {};
const sameMap = (a: Record<string, boolean>, b: Record<string, boolean>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export function benchRows(urls: { reference: string; gatehouse: string; cerbos: string }, prepared: Prepared): Row[] {
  const json = { "content-type": "application/json" };
  const bearer = { ...json, authorization: `Bearer ${prepared.apiKey}` };
  const expected = Object.fromEntries(prepared.bulkCodes.map((c) => [c, prepared.bulkGranted.includes(c)]));
  // The caller passes the principal's roles to Cerbos; Gatehouse finds them itself from the id.
  const cerbosCheck = (actions: string[]) =>
    JSON.stringify({
      principal: { id: prepared.userId, roles: [CERBOS_ROLE] },
      resources: [{ resource: { kind: CERBOS_RESOURCE, id: "acme" }, actions }],
    });
  const gatehouse = (path: string, body: object) => ({
    url: `${urls.gatehouse}${path}`,
    method: "POST" as const,
    headers: bearer,
    body: JSON.stringify({ user_id: prepared.userId, ...body }),
  });
  const cerbos = (actions: string[]) => ({
    url: `${urls.cerbos}/api/check/resources`,
    method: "POST" as const,
    headers: json,
    body: cerbosCheck(actions),
  });
  return [
    {
      target: { id: "node-http", label: "node:http, small JSON (reference)", url: `${urls.reference}/`, method: "GET" },
      verify: isOk,
      needle: '"ok":true',
    },
    {
      target: {
        id: "next-live",
        label: "Gatehouse, bare Next.js route (GET /api/live)",
        url: `${urls.gatehouse}/api/live`,
        method: "GET",
      },
      verify: isOk,
      needle: '"ok":true',
    },
    {
      target: {
        id: "gatehouse-floor",
        label: "Gatehouse's process, fixed answer, no Gatehouse code (floor)",
        ...gatehouse("/__bench/floor", { code: CHECKED.code }),
      },
      verify: (b) => (b as { granted?: unknown } | null)?.granted === true,
      needle: '"granted":true',
    },
    {
      target: { id: "cerbos-single", label: "Cerbos, 1 action", ...cerbos([CHECKED.code]) },
      verify: (b) => effects(b)[CHECKED.code] === "EFFECT_ALLOW",
      needle: "EFFECT_ALLOW",
    },
    {
      target: {
        id: "gatehouse-single",
        label: "Gatehouse, POST /api/v1/check",
        ...gatehouse("/api/v1/check", { code: CHECKED.code }),
      },
      verify: (b) => {
        const decision = b as { granted?: unknown; reason?: unknown } | null;
        return decision?.granted === true && decision.reason === "role";
      },
      needle: '"granted":true',
    },
    {
      target: { id: "cerbos-bulk", label: `Cerbos, ${BULK_SIZE} actions`, ...cerbos(prepared.bulkCodes) },
      verify: (b) =>
        sameMap(Object.fromEntries(Object.entries(effects(b)).map(([c, e]) => [c, e === "EFFECT_ALLOW"])), expected),
      needle: "EFFECT_ALLOW",
    },
    {
      target: {
        id: "gatehouse-bulk",
        label: `Gatehouse, POST /api/v1/check/bulk (${BULK_SIZE} codes)`,
        ...gatehouse("/api/v1/check/bulk", { codes: prepared.bulkCodes }),
      },
      verify: (b) => sameMap((b as { permissions?: Record<string, boolean> } | null)?.permissions ?? {}, expected),
      // `has_any` and the granted codes.
      needle: "true",
    },
  ];
}

/** Sends the row's request once and checks the answer in full: the target, ready for the load. */
export async function preflight(row: Row): Promise<Target> {
  const { url, method, headers, body } = row.target;
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: refused below
  }
  if (!response.ok || !row.verify(parsed))
    throw new Error(`${row.target.label}: wrong answer before the load (${response.status}): ${text.slice(0, 600)}`);
  return { ...row.target, expect: { needle: row.needle, times: text.split(row.needle).length - 1 } };
}
