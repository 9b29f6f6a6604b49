"use client";

import { ShieldCheck, Smartphone } from "lucide-react";
import Link from "next/link";
import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { ApiProblem } from "@/lib/query/api";
import { mfa } from "@/lib/query/mfa";
import { FactorDialogContent } from "./factor-dialog";

export const MFA_ENROL_PAGE = "/account/security";

export interface StepUp {
  /**
   * Runs `fn`; when it fails with a 403 `mfa_required` problem, asks for a TOTP (or recovery)
   * code, verifies it, and runs `fn` once more. Cancelling rejects with the original error.
   */
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/** Whether an error is the server's "verify your second factor first" answer. */
export function isMfaRequired(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem && error.status === 403 && error.body.mfa_required === true;
}

const StepUpContext = createContext<StepUp | null>(null);

interface Pending {
  id: number;
  promise: Promise<boolean>;
  resolve: (verified: boolean) => void;
  enrolled: boolean;
  permission?: string;
}

export function StepUpProvider({ children }: { children: React.ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const current = useRef<Pending | null>(null);
  const sequence = useRef(0);

  /** One dialog for every caller that needs it at the same time; resolves true once verified. */
  const verify = useCallback((problem: ApiProblem): Promise<boolean> => {
    if (current.current) return current.current.promise;
    let resolve!: (verified: boolean) => void;
    let settled = false;
    const promise = new Promise<boolean>((r) => {
      resolve = r;
    });
    const entry: Pending = {
      id: ++sequence.current,
      promise,
      resolve: (verified) => {
        if (settled) return;
        settled = true;
        current.current = null;
        setPending(null);
        resolve(verified);
      },
      enrolled: problem.body.mfa_enrolled !== false,
      permission: typeof problem.body.permission === "string" ? problem.body.permission : undefined,
    };
    current.current = entry;
    setPending(entry);
    return promise;
  }, []);

  const run = useCallback(
    async <T,>(fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (error) {
        if (!isMfaRequired(error)) throw error;
        const verified = await verify(error);
        if (!verified) throw error;
        return fn();
      }
    },
    [verify],
  );

  const value = useMemo<StepUp>(() => ({ run }), [run]);
  return (
    <StepUpContext.Provider value={value}>
      {children}
      <StepUpDialog pending={pending} />
    </StepUpContext.Provider>
  );
}

export function useStepUp(): StepUp {
  const value = useContext(StepUpContext);
  if (!value) throw new Error("useStepUp() needs a <StepUpProvider> above it");
  return value;
}

function StepUpDialog({ pending }: { pending: Pending | null }) {
  return (
    <Dialog
      open={!!pending}
      onOpenChange={(open) => {
        if (!open) pending?.resolve(false);
      }}
    >
      {pending &&
        (pending.enrolled ? <CodeForm key={pending.id} pending={pending} /> : <NotEnrolled pending={pending} />)}
    </Dialog>
  );
}

function NotEnrolled({ pending }: { pending: Pending }) {
  return (
    <DialogContent
      title="Two-factor authentication required"
      description="This action is protected by a second factor, and your account has none yet."
      footer={
        <>
          <Button variant="secondary" onClick={() => pending.resolve(false)}>
            Cancel
          </Button>
          <Button asChild>
            <Link href={MFA_ENROL_PAGE} onClick={() => pending.resolve(false)}>
              <Smartphone className="size-4" aria-hidden /> Set up an authenticator
            </Link>
          </Button>
        </>
      }
    >
      <p className="text-sm text-slate-600">
        Set up an authenticator app (Google Authenticator, 1Password, Authy…) under <strong>Security &amp; MFA</strong>{" "}
        in your account menu, then try again: you will be asked for a 6-digit code before sensitive actions.
      </p>
    </DialogContent>
  );
}

function CodeForm({ pending }: { pending: Pending }) {
  return (
    <FactorDialogContent
      title="Confirm it's you"
      description={
        <>
          This action is protected by two-factor authentication. Enter the code from your authenticator app to continue.
          {pending.permission && (
            <span className="mt-1.5 block font-mono text-xs text-slate-400">{pending.permission}</span>
          )}
        </>
      }
      submitLabel="Verify and continue"
      submitIcon={<ShieldCheck className="size-4" aria-hidden />}
      onCancel={() => pending.resolve(false)}
      onSubmit={async (factor) => {
        await mfa.verify(factor);
        pending.resolve(true);
      }}
      note="Once verified, sensitive actions will not ask again for 15 minutes."
    />
  );
}
