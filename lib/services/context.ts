import "server-only";
import type { Db } from "@/db/client";
import type { Principal } from "@/lib/auth/principal";

/** What the audit log records of the request a write came with. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** A read from a page or a job: there is no client request to record. */
export const NO_REQUEST: RequestMeta = { ip: null, userAgent: null };

/**
 * Every use case takes this first: the database, who is acting, and what to record of their
 * request. The transport (route wrapper, page, server action) builds it; services never see HTTP.
 */
export interface ServiceContext {
  db: Db;
  principal: Principal;
  meta: RequestMeta;
}
