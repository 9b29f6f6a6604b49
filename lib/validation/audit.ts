import { z } from "zod";
import { uuid } from "./common";
import { page } from "./lists";

export const auditQuery = z.strictObject({
  actor_id: uuid.optional(),
  target_type: z.string().max(50).optional(),
  target_id: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  ...page,
});
export type AuditQuery = z.infer<typeof auditQuery>;
