import { z } from "zod";
import { MAX_BULK } from "./bulk";
import { uuid } from "./common";
import { page } from "./lists";

/** Departments and teams (API.md, "Organisation structure"). */
const name = z.string().trim().min(1, "Required").max(100);

export const departmentParams = z.strictObject({ id: uuid });
export const teamParams = z.strictObject({ id: uuid });
export const departmentListQuery = z.strictObject({ ...page });
export const teamListQuery = z.strictObject({ department_id: uuid.optional(), ...page });

export const departmentRequest = z.strictObject({ name });
export const teamRequest = z.strictObject({ name, department_id: uuid.nullable().optional() });
export const updateTeamRequest = z
  .strictObject({ name: name.optional(), department_id: uuid.nullable().optional() })
  .refine((b) => b.name !== undefined || b.department_id !== undefined, "Send name or department_id");
export const teamMembersRequest = z.strictObject({
  user_ids: z
    .array(uuid)
    .max(MAX_BULK)
    .refine((ids) => new Set(ids).size === ids.length, "Each user at most once"),
});

export type DepartmentRequest = z.infer<typeof departmentRequest>;
export type TeamRequest = z.infer<typeof teamRequest>;
export type UpdateTeamRequest = z.infer<typeof updateTeamRequest>;
