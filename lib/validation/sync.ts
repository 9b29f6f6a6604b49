import { z } from "zod";
import { MAX_BULK } from "./bulk";
import { uuid } from "./common";

/** `GET /api/v1/sync/users/{id}`. */
export const syncUserParams = z.strictObject({ id: uuid });

/** `POST /api/v1/sync/users`: a batch, as many users as a bulk check holds codes. */
export const syncUsersRequest = z.strictObject({ user_ids: z.array(uuid).min(1).max(MAX_BULK) });

/** `GET /api/v1/sync/stream?from=`: the perm_version the client holds everything up to. */
export const syncStreamQuery = z.strictObject({ from: z.coerce.number().int().min(0).optional() });

export type SyncUsersRequest = z.infer<typeof syncUsersRequest>;
