export interface PendingApproval {
  id: string;
  code: string;
}

/**
 * The one answer shape of a write: its body with the tenant's new perm_version (in the body and
 * the X-Perm-Version header); 202 with the approval ids when some grants became approval requests;
 * no content when `body` is null.
 */
export function written(
  status: number,
  body: Record<string, unknown> | null,
  permVersion: number,
  approvals: PendingApproval[] = [],
): Response {
  const headers = { "x-perm-version": String(permVersion), "cache-control": "no-store" };
  if (body === null) return new Response(null, { status, headers });
  const pending = approvals.length ? { approvals, approval_ids: approvals.map((a) => a.id) } : {};
  return Response.json(
    { ...body, ...pending, perm_version: permVersion },
    { status: approvals.length ? 202 : status, headers },
  );
}
