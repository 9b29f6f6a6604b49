/**
 * The permission matrix: roles × permissions with who grants what, and its one all-or-nothing
 * PATCH. The save flow (preview, 409 explanation, reload) lives with the matrix components; the
 * wire — path, key, types — lives here.
 */
import { type QueryClient, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { Matrix, MatrixChange, MatrixChangePending } from "@/lib/validation/responses";
import type { matrixPatchRequest } from "@/lib/validation/roles";
import { type ApiResult, api, apiRequest } from "./api";
import { apiQuery } from "./hooks";
import { queryKeys } from "./keys";
import { paths } from "./paths";

export type MatrixData = z.infer<typeof Matrix>;
export type MatrixPermission = MatrixData["permissions"][number];
export type MatrixRole = MatrixData["roles"][number];
/** 200, or 202 with the approval requests it opened. */
export type MatrixPatchResult = z.infer<typeof MatrixChange> | z.infer<typeof MatrixChangePending>;
export type MatrixPatchBody = z.input<typeof matrixPatchRequest>;

export const matrixQueries = {
  matrix: () => apiQuery<MatrixData>(queryKeys.matrix.all, paths.matrix),
};

export const useMatrix = () => useQuery(matrixQueries.matrix());

/** The matrix as it stands now, bypassing the cache (what a 409 is compared against). */
export const fetchMatrix = () => api.get<MatrixData>(paths.matrix);
/** Refetches the cached matrix, whatever its age. */
export const reloadMatrix = (qc: QueryClient) => qc.fetchQuery({ ...matrixQueries.matrix(), staleTime: 0 });
export const cachedMatrix = (qc: QueryClient) => qc.getQueryData(matrixQueries.matrix().queryKey);
export const setCachedMatrix = (qc: QueryClient, update: (old: MatrixData | undefined) => MatrixData | undefined) =>
  qc.setQueryData(matrixQueries.matrix().queryKey, update);

export const patchMatrix = (body: MatrixPatchBody): Promise<ApiResult<MatrixPatchResult>> =>
  apiRequest<MatrixPatchResult>("PATCH", paths.matrix, { body });

/** What a matrix save changes: the matrix, the roles list (counts), approvals and the log. */
export const matrixWriteKeys = [
  queryKeys.matrix.all,
  queryKeys.roles.all,
  queryKeys.approvals.all,
  queryKeys.audit.all,
];
