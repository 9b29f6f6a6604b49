/** The matrix page's own shapes (not API bodies: those are in lib/query/matrix.ts). */

/** One `depends_on` edge of the catalog: `code` needs `depends_on`. */
export interface DependencyEdge {
  code: string;
  depends_on: string;
}
export interface ModuleInfo {
  code: string;
  name: string;
  sort_order: number;
}

/** What the viewer may do here, decided on the server. */
export interface MatrixAbilities {
  canManage: boolean;
  canViewAudit: boolean;
  canViewApprovals: boolean;
  /** Whether "Who has it?" may list people (gatehouse.users.view). */
  canViewUsers: boolean;
}
