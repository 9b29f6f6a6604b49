/**
 * The demo product's actions: each is a route on the one wrapper, declaring the permission the
 * action needs — so a request forged past a disabled button is refused with 403 problem+json,
 * and an action whose permission requires MFA is refused without a recent step-up. Nothing is
 * stored (the demo's data is generated), the answer says what would have happened.
 */

import { z } from "zod";
import { route } from "@/lib/api/route";
import { authorize } from "@/lib/auth/authorize";
import { ApiError } from "@/lib/errors";
import type { DemoProductCode } from "@/lib/permissions/gatehouse-codes";
import { permissionCode } from "@/lib/validation/common";
import { erpList } from "./erp";
import { demoJobs, type Job } from "./jobs";
import { findSite, type Site } from "./sites";

export interface DemoActionResult {
  ok: true;
  demo: true;
  message: string;
  [extra: string]: unknown;
}
const done = (message: string, extra: Record<string, unknown> = {}): DemoActionResult => ({
  ok: true,
  demo: true,
  message,
  ...extra,
});

const siteParams = z.object({ id: z.string().max(40) }).strict();
const jobParams = z.object({ id: z.string().max(40) }).strict();
const note = z.object({ text: z.string().trim().min(1, "Write something").max(2000) }).strict();
const empty = z.object({}).strict();

function siteOr404(id: string): Site {
  const site = findSite(id);
  if (!site) throw ApiError.notFound("site");
  return site;
}
function jobOr404(id: string): Job {
  const job = demoJobs().find((j) => j.id === id);
  if (!job) throw ApiError.notFound("job");
  return job;
}

/** An action on one site, e.g. `siteAction("sites.detail.actions.add_note", (s) => "…")`. */
export function siteAction<B extends z.ZodType = typeof empty>(
  permission: DemoProductCode,
  message: (site: Site, body: z.infer<B>) => string,
  body?: B,
) {
  return route(
    { scope: "write", permission, keys: false, params: siteParams, body: (body ?? empty) as B },
    async ({ params, body: input }) => done(message(siteOr404(params.id), input)),
  );
}

export function jobAction(permission: DemoProductCode, message: (job: Job) => string) {
  return route({ scope: "write", permission, keys: false, params: jobParams, body: empty }, async ({ params }) =>
    done(message(jobOr404(params.id))),
  );
}

/** An action with no target (add a site, export the list, customise the dashboard…). */
export function plainAction<B extends z.ZodType>(
  permission: DemoProductCode,
  body: B,
  answer: (body: z.infer<B>) => DemoActionResult,
) {
  return route({ scope: "write", permission, keys: false, body }, async ({ body: input }) => answer(input));
}

export const demoResult = done;
export const noteBody = note;
export const emptyBody = empty;

/**
 * The ERP's generic lists (seed 004): the permission is `<resource>.<action>` of the menu item in
 * the path, checked by the same engine decision as the wrapper's (`authorize`).
 */
const erpResource = z.object({ resource: permissionCode }).strict();
const erpRecord = z.object({ resource: permissionCode, id: z.string().max(80) }).strict();
export const erpCreateBody = z.object({ name: z.string().trim().min(1, "Give it a name").max(200) }).strict();
const erpEditBody = z.object({ name: z.string().trim().min(1).max(200).optional() }).strict();

export function erpCreate() {
  return route(
    { scope: "write", permission: null, keys: false, params: erpResource, body: erpCreateBody },
    async ({ ctx: { principal }, params, body }) => {
      await authorize(principal, `${params.resource}.create` as DemoProductCode);
      return done(`Created “${body.name}”.`);
    },
  );
}

export function erpExport() {
  return route(
    { scope: "write", permission: null, keys: false, params: erpResource, body: empty },
    async ({ ctx: { principal }, params }) => {
      await authorize(principal, `${params.resource}.export` as DemoProductCode);
      return done(`Exported ${params.resource}.`, { rows: 14 });
    },
  );
}

export function erpRecordAction(action: "edit" | "delete") {
  return route(
    { scope: "write", permission: null, keys: false, params: erpRecord, body: erpEditBody },
    async ({ ctx: { principal }, params }) => {
      await authorize(principal, `${params.resource}.${action}` as DemoProductCode);
      const list = erpList(params.resource);
      const row = list.rows.find((r) => r.id === params.id);
      if (!row) throw ApiError.notFound(list.noun);
      const label = String(row[list.columns[0]!.key]);
      return done(action === "edit" ? `Saved ${label}.` : `Deleted ${label}.`);
    },
  );
}
