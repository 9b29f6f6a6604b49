import { z } from "zod";
import { uuid } from "./common";
import { page } from "./lists";

export const roleParams = z.strictObject({ id: uuid });
export const roleListQuery = z.strictObject({ search: z.string().trim().max(100).optional(), ...page });
