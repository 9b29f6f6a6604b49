/** The audit log: pages of entries (filtered), the hash chain's verification, and the CSV export. */
import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { AuditPage, AuditVerification } from "@/lib/validation/responses";
import { api, type QueryParams, withQuery } from "./api";
import { apiQuery, type ReadOptions } from "./hooks";
import { queryKeys } from "./keys";
import { paths } from "./paths";

export type AuditList = z.infer<typeof AuditPage>;
export type AuditEntry = AuditList["data"][number];
export type AuditVerify = z.infer<typeof AuditVerification>;

/** The list's query string: `actor_id`, `action`, `target_type`, `target_id`, `from`, `to`, paging. */
export type AuditParams = QueryParams;

export const auditQueries = {
  list: (params: AuditParams) => apiQuery<AuditList>(queryKeys.audit.list(params), paths.audit, params),
  verify: () => apiQuery<AuditVerify>(queryKeys.audit.verify, paths.auditVerify),
};

export const useAudit = (params: AuditParams, options: ReadOptions = {}) =>
  useQuery({ ...auditQueries.list(params), ...options });
export const useAuditVerification = () => useQuery(auditQueries.verify());

/**
 * The filtered log as CSV. The API answers CSV for `Accept: text/csv` (there is no `format=`
 * parameter), which a plain link cannot send: the caller hands the response to the browser.
 */
export const exportAuditCsv = (params: AuditParams) =>
  fetch(withQuery(paths.audit, params), { headers: { accept: "text/csv" }, credentials: "same-origin" });

/** One read outside the cache (a conflict's explanation: the latest entries about a role). */
export const fetchAudit = (params: AuditParams) => api.get<AuditList>(paths.audit, params);
