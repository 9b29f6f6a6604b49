"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/form";
import { type Approval, useDecideApproval, useRefreshApprovals } from "@/lib/query/approvals";
import { GrantSentence, RequestDetails, RiskBadge } from "./approval-grant";
import { GrantReach } from "./grant-reach";

export type Decision = "approve" | "reject";

/**
 * Approve or reject one request, with a reason. A rejection needs one (the requester should learn
 * why); an approval may carry one. The server refuses the requester (403) and a decided request (409).
 */
export function DecideDialog({
  approval,
  decision,
  onClose,
}: {
  approval: Approval | null;
  decision: Decision;
  onClose: () => void;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const refreshApprovals = useRefreshApprovals();
  const mutation = useDecideApproval(decision, {
    success: decision === "approve" ? "Request approved: the grant is in effect" : "Request rejected",
    onSuccess: () => close(),
    onError: (problem) => {
      const field = problem.fieldError("reason");
      if (field) {
        setError(field);
        return true;
      }
      // Decided (or gone) meanwhile: the list is stale; the toast says what happened.
      if (problem.status === 409 || problem.status === 404) {
        void refreshApprovals();
        close();
      }
    },
  });
  const close = () => {
    setReason("");
    setError(undefined);
    onClose();
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!approval) return;
    if (decision === "reject" && !reason.trim()) {
      setError("Say why, so the requester knows what to change.");
      return;
    }
    mutation.mutate({ id: approval.id, reason: reason.trim() });
  };
  const approve = decision === "approve";
  return (
    <Dialog open={approval !== null} onOpenChange={(open) => !open && close()}>
      {approval && (
        <DialogContent
          title={approve ? "Approve this request?" : "Reject this request?"}
          description={
            approve
              ? "The grant takes effect at once, in your name as the approver."
              : "Nothing is granted; the requester sees your reason."
          }
          footer={
            <>
              <Button variant="secondary" type="button" onClick={close} disabled={mutation.isPending}>
                Cancel
              </Button>
              <Button
                type="submit"
                form="decide-form"
                variant={approve ? "primary" : "danger"}
                disabled={mutation.isPending}
              >
                {mutation.isPending ? "Working…" : approve ? "Approve" : "Reject"}
              </Button>
            </>
          }
        >
          <form noValidate id="decide-form" onSubmit={submit} className="space-y-4">
            <div className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700">
              <div className="mb-1.5">
                <RiskBadge risk={approval.permission.risk_level} />
              </div>
              <GrantSentence approval={approval} />
              <RequestDetails approval={approval} />
              <p className="mt-1 text-xs text-slate-500">Requested by {approval.requested_by.email}</p>
            </div>
            {approve && <GrantReach approval={approval} />}
            <Field
              id="decide-reason"
              label={approve ? "Reason (optional)" : "Reason"}
              error={error}
              hint={approve ? "Recorded in the audit log with your decision." : undefined}
            >
              <Textarea
                id="decide-reason"
                value={reason}
                maxLength={1000}
                autoFocus
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "decide-reason-error" : undefined}
                onChange={(e) => {
                  setReason(e.target.value);
                  setError(undefined);
                }}
                placeholder={
                  approve
                    ? "e.g. Checked with the finance lead"
                    : "e.g. Not needed for this role: use a time-limited override"
                }
              />
            </Field>
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
