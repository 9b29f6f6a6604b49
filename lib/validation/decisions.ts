import { z } from "zod";
import { DECISION_SOURCES } from "@/lib/permissions/decision-log";
import { permissionCode, uuid } from "./common";
import { page } from "./lists";

/** An instant; no decision predates 1970 (PostgreSQL refuses year 0000, which ISO 8601 allows). */
// (Not a datetime at all is said once, by the format: NaN passes the refinement.)
const instant = z.iso.datetime({ offset: true }).refine((v) => !(Date.parse(v) < 0), "Must be 1970-01-01 or later");
const day = z.iso.date().refine((d) => d >= "1970-01-01", "Must be 1970-01-01 or later");

export const decisionsQuery = z
  .strictObject({
    user_id: uuid.optional(),
    code: permissionCode.optional(),
    result: z.enum(["granted", "denied"]).optional(),
    source: z.enum(DECISION_SOURCES).optional(),
    from: instant.optional(),
    to: instant.optional(),
    ...page,
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: "from must not be after to",
    path: ["from"],
  });
export type DecisionsQuery = z.infer<typeof decisionsQuery>;

export const usageQuery = z
  .strictObject({
    group_by: z.enum(["user", "code", "role"]).default("code"),
    from: day.optional(),
    to: day.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] });
export type UsageQuery = z.infer<typeof usageQuery>;
