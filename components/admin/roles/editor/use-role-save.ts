"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import type { ApiProblem, ApiResult } from "@/lib/query/api";
import { problemDetail, problemTitle } from "@/lib/query/hooks";
import { setCachedMatrix } from "@/lib/query/matrix";
import { type GrantWriteResult, type ReplaceGrantsBody, replaceGrants, roleWriteKeys } from "@/lib/query/roles";
import { applySaved } from "../../matrix/changes";

/**
 * Save for the role editor: the review dialog's state, then the one PUT of the role's whole grant
 * set (all or nothing, at the version the edits were made against). 202 says which grants wait
 * for approval; 409 (someone else changed the role first) goes to the editor's reload and re-apply.
 */
export function useRoleSave({
  roleId,
  onSaved,
  onConflict,
}: {
  roleId: string;
  onSaved: (note: string, warn: boolean) => void;
  /** 409: someone else saved the role first (the editor offers to reload and re-apply). */
  onConflict: () => void;
}) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation<ApiResult<GrantWriteResult>, ApiProblem, ReplaceGrantsBody>({
    mutationFn: (body) => replaceGrants(roleId, body),
    onSuccess: async ({ data }) => {
      setCachedMatrix(qc, (old) => old && applySaved(old, { roles: [data] }));
      setOpen(false);
      const waiting = "approval_ids" in data ? data.approval_ids.length : 0;
      const done = [
        data.added.length && `${data.added.length} granted`,
        data.removed.length && `${data.removed.length} revoked`,
      ]
        .filter(Boolean)
        .join(", ");
      const summary = done ? `Saved: ${done}.` : waiting ? "Sent for approval." : "Saved.";
      const approvals = waiting
        ? ` ${waiting} grant${waiting === 1 ? " awaits" : "s await"} approval: another admin must approve in Approvals.`
        : "";
      onSaved(summary + approvals, waiting > 0);
      toast.success(summary);
      await Promise.all(roleWriteKeys(roleId).map((queryKey) => qc.invalidateQueries({ queryKey })));
    },
    onError: (problem) => {
      if (problem.status === 409 && typeof problem.body.current_version === "number") {
        setOpen(false);
        return onConflict();
      }
      setError([problemTitle(problem), problemDetail(problem)].filter(Boolean).join(": "));
    },
  });
  const save = (body: ReplaceGrantsBody) => {
    setError(null);
    mutation.mutate(body);
  };
  const openReview = () => {
    setError(null);
    setOpen(true);
  };
  return { open, setOpen, openReview, error, save, saving: mutation.isPending };
}
