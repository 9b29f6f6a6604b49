import { z } from "zod";

/** `?limit` (1–200, default 50) and an opaque `?cursor`. */
export const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};
