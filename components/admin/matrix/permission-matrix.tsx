"use client";
import { Grid3x3 } from "lucide-react";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState } from "@/components/ui/empty-state";
import { PENDING_PARAMS, useApprovals } from "@/lib/query/approvals";
import { problemDetail } from "@/lib/query/hooks";
import { useMatrix } from "@/lib/query/matrix";
import { useRoles } from "@/lib/query/roles";
import { MatrixSkeleton } from "./matrix-skeleton";
import { MatrixWorkspace } from "./matrix-workspace";
import type { DependencyEdge, MatrixAbilities, ModuleInfo } from "./types";

/**
 * The permission matrix page's client side: it continues from what the server seeded (the matrix,
 * the roles with their parents and users, pending approvals) under the same query keys.
 */
export function PermissionMatrix({
  edges,
  modules,
  abilities,
  storageKey,
}: {
  storageKey: string;
  edges: DependencyEdge[];
  modules: ModuleInfo[];
  abilities: MatrixAbilities;
}) {
  const matrix = useMatrix();
  const roles = useRoles();
  const approvals = useApprovals(PENDING_PARAMS, { enabled: abilities.canViewApprovals });

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
      storageKey={storageKey}
    />
  );
}
