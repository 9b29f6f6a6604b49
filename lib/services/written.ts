/** A grant that became an approval request instead (a permission that requires approval). */
export interface PendingApproval {
  id: string;
  code: string;
}

/**
 * What a write answers, as data: its body (null: nothing to say), the tenant's perm_version after
 * it (null only for platform writes by a caller outside any tenant), whether it created something,
 * and the grants that became approval requests. Services return it; only the route wrapper turns
 * it into HTTP (201/202/204, the body with `perm_version` and `approvals`, `X-Perm-Version`).
 */
export class Written<T extends object | null = object | null> {
  constructor(
    readonly body: T,
    readonly permVersion: number | null,
    readonly created = false,
    readonly approvals: readonly PendingApproval[] = [],
  ) {}
}

export function written<T extends object | null>(
  body: T,
  permVersion: number | null,
  options: { created?: boolean; approvals?: readonly PendingApproval[] } = {},
): Written<T> {
  return new Written(body, permVersion, options.created ?? false, options.approvals ?? []);
}
