"use client";
import { Grid3x3 } from "lucide-react";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { problemDetail, useApi } from "@/lib/query/hooks";
import { MatrixSkeleton } from "./matrix-skeleton";
import { MatrixWorkspace } from "./matrix-workspace";
import {
  APPROVALS_PARAMS,
  APPROVALS_PATH,
  type ApprovalList,
  type DependencyEdge,
  MATRIX_PATH,
  type MatrixAbilities,
  type MatrixData,
  type ModuleInfo,
  ROLES_PARAMS,
  ROLES_PATH,
  type RoleList,
} from "./types";

/**
 * The permission matrix page's client side: it continues from what the server seeded (the matrix,
 * the roles with their parents and users, pending approvals) under the same query keys.
 */
export function PermissionMatrix({
  edges,
  modules,
  abilities,
}: {
  edges: DependencyEdge[];
  modules: ModuleInfo[];
  abilities: MatrixAbilities;
}) {
  const matrix = useApi<MatrixData>(MATRIX_PATH);
  const roles = useApi<RoleList>(ROLES_PATH, ROLES_PARAMS);
  const approvals = useApi<ApprovalList>(APPROVALS_PATH, APPROVALS_PARAMS, { enabled: abilities.canViewApprovals });

  if (matrix.isPending || roles.isPending) return <MatrixSkeleton />;
  if (matrix.isError || roles.isError) {
    return (
      <Card>
        <ErrorState
          title="Could not load the matrix"
          detail={problemDetail(matrix.error ?? roles.error)}
          onRetry={() => (void matrix.refetch(), void roles.refetch())}
        />
      </Card>
    );
  }
  if (matrix.data.roles.length === 0 || matrix.data.permissions.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={Grid3x3}
          title={matrix.data.roles.length ? "No permissions in the catalog yet" : "No roles yet"}
          description="Create roles and permissions first; they appear here as columns and rows."
        />
      </Card>
    );
  }
  return (
    <MatrixWorkspace
      data={matrix.data}
      loadedAt={matrix.dataUpdatedAt}
      roleList={roles.data.data}
      approvals={approvals.data?.data ?? []}
      edges={edges}
      modules={modules}
      abilities={abilities}
    />
  );
}
