"use client";

import {
  AlertTriangle,
  Check,
  CheckCircle2,
  Copy,
  Download,
  KeyRound,
  RefreshCw,
  ShieldCheck,
  ShieldOff,
  Smartphone,
} from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatTime } from "@/lib/format/dates";
import { problemDetail, problemTitle } from "@/lib/query/hooks";
import { type MfaEnrolment, type MfaStatus, mfa, useMfaStatus, useRefreshMfaStatus } from "@/lib/query/mfa";
import { FactorDialogContent } from "./factor-dialog";
import { type Factor, FactorForm } from "./factor-form";

type Flow =
  | { step: "idle" }
  | { step: "enrol"; enrolment: MfaEnrolment }
  | { step: "codes"; codes: string[]; regenerated: boolean };

/**
 * The account's second factor: turn TOTP on (QR code and manual key, then a first code), see and
 * replace recovery codes, verify this session for sensitive actions, turn it off.
 */
export function SecuritySettings() {
  const status = useMfaStatus();
  const [flow, setFlow] = useState<Flow>({ step: "idle" });
  const [starting, setStarting] = useState(false);
  const refresh = useRefreshMfaStatus();

  const start = async () => {
    setStarting(true);
    try {
      setFlow({ step: "enrol", enrolment: await mfa.enrol() });
    } catch (error) {
      toast.error(problemTitle(error), { description: problemDetail(error) });
    } finally {
      setStarting(false);
    }
  };

  if (flow.step === "enrol") {
    return (
      <EnrolPanel
        enrolment={flow.enrolment}
        onCancel={() => setFlow({ step: "idle" })}
        onEnabled={(codes) => {
          setFlow({ step: "codes", codes, regenerated: false });
          toast.success("Two-factor authentication is on");
          void refresh();
        }}
      />
    );
  }
  if (flow.step === "codes") {
    return (
      <RecoveryCodesPanel codes={flow.codes} regenerated={flow.regenerated} onDone={() => setFlow({ step: "idle" })} />
    );
  }

  if (status.isPending) return <StatusSkeleton />;
  if (status.isError)
    return (
      <Card>
        <ErrorState detail={problemDetail(status.error)} onRetry={() => void status.refetch()} />
      </Card>
    );
  const s = status.data;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Authenticator app (TOTP)"
          description="A 6-digit code from an app on your phone, asked before sensitive actions."
          action={
            s.enabled ? (
              <Badge tone="green">
                <CheckCircle2 className="size-3.5" aria-hidden /> On
              </Badge>
            ) : (
              <Badge tone="slate">Off</Badge>
            )
          }
        />
        {s.enabled ? (
          <EnabledDetails
            status={s}
            onChanged={refresh}
            onNewCodes={(codes) => setFlow({ step: "codes", codes, regenerated: true })}
          />
        ) : (
          <div className="flex flex-col gap-4 px-5 py-5 sm:flex-row sm:items-center sm:justify-between">
            <div className="flex items-start gap-3">
              <span className="grid size-10 shrink-0 place-items-center rounded-lg bg-brand-50 text-brand-600">
                <Smartphone className="size-5" aria-hidden />
              </span>
              <div className="text-sm text-slate-600">
                <p className="font-medium text-slate-900">Protect sensitive actions with a second factor</p>
                <p className="mt-0.5 max-w-xl">
                  Some actions (changing a SIM, managing users…) require a code from an authenticator app such as Google
                  Authenticator, 1Password or Authy. Setting it up takes a minute.
                </p>
              </div>
            </div>
            <Button onClick={() => void start()} disabled={starting} className="shrink-0">
              <ShieldCheck className="size-4" aria-hidden /> {starting ? "Preparing…" : "Set up authenticator app"}
            </Button>
          </div>
        )}
      </Card>
      <StepUpCard status={s} onChanged={refresh} />
    </div>
  );
}

function StatusSkeleton() {
  return (
    <Card aria-busy="true">
      <div role="status" aria-label="Loading" className="space-y-3 px-5 py-5">
        <Skeleton className="h-5 w-56" />
        <Skeleton className="h-4 w-96 max-w-full" />
        <Skeleton className="h-10 w-48" />
      </div>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------

function EnrolPanel({
  enrolment,
  onCancel,
  onEnabled,
}: {
  enrolment: MfaEnrolment;
  onCancel: () => void;
  onEnabled: (codes: string[]) => void;
}) {
  const formId = useId();
  const [busy, setBusy] = useState(false);
  const [valid, setValid] = useState(false);
  const grouped = enrolment.secret.match(/.{1,4}/g)?.join(" ") ?? enrolment.secret;

  return (
    <Card>
      <CardHeader title="Set up your authenticator app" description={`For ${enrolment.account}`} />
      <div className="grid gap-6 px-5 py-5 md:grid-cols-[auto_1fr]">
        <div className="flex flex-col items-center gap-2">
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made by the server */}
          <img
            src={enrolment.qr_data_url}
            alt="QR code to scan with your authenticator app"
            width={200}
            height={200}
            className="size-[200px] rounded-lg ring-1 ring-slate-200"
          />
          <p className="text-xs text-slate-500">Scan with your app</p>
        </div>
        <div className="min-w-0 space-y-5">
          <ol className="space-y-4 text-sm text-slate-600">
            <li className="flex gap-3">
              <StepNumber n={1} />
              <div className="min-w-0">
                <p className="font-medium text-slate-900">Scan the QR code</p>
                <p>Open your authenticator app, add an account and scan the code on the left.</p>
                <details className="mt-2 rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-200" open>
                  <summary className="cursor-pointer text-sm font-medium text-slate-700">
                    Can&apos;t scan it? Enter the key by hand
                  </summary>
                  <div className="mt-2 flex flex-wrap items-center gap-2">
                    <code
                      data-testid="totp-secret"
                      className="rounded bg-white px-2 py-1 font-mono text-sm tracking-wider text-slate-900 ring-1 ring-slate-200"
                    >
                      {grouped}
                    </code>
                    <CopyButton text={enrolment.secret} label="Copy key" />
                  </div>
                  <p className="mt-1.5 text-xs text-slate-500">
                    Time-based, 6 digits, every 30 seconds · issuer {enrolment.issuer}
                  </p>
                </details>
              </div>
            </li>
            <li className="flex gap-3">
              <StepNumber n={2} />
              <div className="min-w-0 flex-1">
                <p className="font-medium text-slate-900">Enter the code the app shows</p>
                <div className="mt-2 max-w-xs">
                  <FactorForm
                    formId={formId}
                    allowRecovery={false}
                    onBusyChange={setBusy}
                    onValidChange={setValid}
                    hint="This confirms the app and this account agree."
                    onSubmit={async (factor) => {
                      const result = await mfa.confirm(factor);
                      onEnabled(result.recovery_codes);
                    }}
                  />
                </div>
              </div>
            </li>
          </ol>
          <div className="flex gap-2 border-t border-slate-100 pt-4">
            <Button type="submit" form={formId} disabled={busy || !valid}>
              <Check className="size-4" aria-hidden /> {busy ? "Checking…" : "Turn on"}
            </Button>
            <Button type="button" variant="secondary" onClick={onCancel} disabled={busy}>
              Cancel
            </Button>
          </div>
        </div>
      </div>
    </Card>
  );
}

function StepNumber({ n }: { n: number }) {
  return (
    <span
      className="grid size-6 shrink-0 place-items-center rounded-full bg-brand-600 text-xs font-semibold text-white"
      aria-hidden
    >
      {n}
    </span>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      size="sm"
      variant="secondary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          toast.error("Could not copy: select the text and copy it yourself.");
        }
      }}
    >
      {copied ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}{" "}
      {copied ? "Copied" : label}
    </Button>
  );
}

// ---------------------------------------------------------------------------------------------

function RecoveryCodesPanel({
  codes,
  regenerated,
  onDone,
}: {
  codes: string[];
  regenerated: boolean;
  onDone: () => void;
}) {
  const [saved, setSaved] = useState(false);
  const text = `Gatehouse recovery codes (each works once)\n\n${codes.join("\n")}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "gatehouse-recovery-codes.txt";
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Card>
      <CardHeader
        title={regenerated ? "Your new recovery codes" : "Save your recovery codes"}
        description="If you lose your phone, each of these codes lets you in once instead of an app code."
      />
      <div className="space-y-4 px-5 py-5">
        <div
          role="note"
          className="flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2.5 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p>
            This is the only time they are shown. Store them somewhere safe, like a password manager.
            {regenerated ? " Your previous codes no longer work." : ""}
          </p>
        </div>
        <ul
          aria-label="Recovery codes"
          className="grid max-w-md grid-cols-2 gap-2 rounded-lg bg-slate-50 p-4 font-mono text-sm text-slate-900 ring-1 ring-slate-200"
        >
          {codes.map((c) => (
            <li
              key={c}
              data-testid="recovery-code"
              className="rounded bg-white px-2 py-1 text-center ring-1 ring-slate-200"
            >
              {c}
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-2">
          <CopyButton text={text} label="Copy all" />
          <Button type="button" size="sm" variant="secondary" onClick={download}>
            <Download className="size-3.5" aria-hidden /> Download .txt
          </Button>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={saved}
            onChange={(e) => setSaved(e.target.checked)}
            className="size-4 rounded border-slate-300 accent-brand-600"
          />
          I have saved these codes
        </label>
        <Button onClick={onDone} disabled={!saved}>
          Done
        </Button>
      </div>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------

type Ask = null | "disable" | "regenerate" | "verify";

function EnabledDetails({
  status,
  onChanged,
  onNewCodes,
}: {
  status: MfaStatus;
  onChanged: () => void;
  onNewCodes: (codes: string[]) => void;
}) {
  const [ask, setAsk] = useState<Ask>(null);
  const low = status.recovery_codes_remaining <= 3;
  return (
    <>
      <dl className="divide-y divide-slate-100 text-sm">
        <div className="flex items-center justify-between gap-4 px-5 py-3">
          <dt className="text-slate-500">Turned on</dt>
          <dd className="text-slate-900">{status.enabled_at ? <TimeAgo iso={status.enabled_at} /> : "—"}</dd>
        </div>
        <div className="flex items-center justify-between gap-4 px-5 py-3">
          <dt className="text-slate-500">Recovery codes left</dt>
          <dd className="flex items-center gap-2">
            <span data-testid="recovery-remaining" className={low ? "font-medium text-amber-700" : "text-slate-900"}>
              {status.recovery_codes_remaining} of 10
            </span>
            {low && <Badge tone="amber">Make new ones</Badge>}
          </dd>
        </div>
      </dl>
      <div className="flex flex-wrap gap-2 border-t border-slate-100 px-5 py-4">
        <Button variant="secondary" onClick={() => setAsk("regenerate")}>
          <RefreshCw className="size-4" aria-hidden /> New recovery codes
        </Button>
        <Button variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setAsk("disable")}>
          <ShieldOff className="size-4" aria-hidden /> Turn off
        </Button>
      </div>
      <Dialog open={ask === "regenerate" || ask === "disable"} onOpenChange={(open) => !open && setAsk(null)}>
        {ask === "regenerate" && (
          <FactorDialogContent
            title="Make new recovery codes"
            description="Your current recovery codes stop working. Confirm with a code from your app."
            submitLabel="Make new codes"
            submitIcon={<KeyRound className="size-4" aria-hidden />}
            onCancel={() => setAsk(null)}
            onSubmit={async (factor: Factor) => {
              const result = await mfa.recoveryCodes(factor);
              setAsk(null);
              onChanged();
              onNewCodes(result.recovery_codes);
            }}
          />
        )}
        {ask === "disable" && (
          <FactorDialogContent
            title="Turn off two-factor authentication?"
            description="Sensitive actions will be refused until you set up an authenticator again. Confirm with a code from your app."
            submitLabel="Turn off"
            submitIcon={<ShieldOff className="size-4" aria-hidden />}
            tone="danger"
            onCancel={() => setAsk(null)}
            onSubmit={async (factor: Factor) => {
              await mfa.disable(factor);
              setAsk(null);
              toast.success("Two-factor authentication is off");
              onChanged();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function StepUpCard({ status, onChanged }: { status: MfaStatus; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const verified = status.verified_until && new Date(status.verified_until).getTime() > Date.now();
  return (
    <Card>
      <CardHeader
        title="Sensitive actions"
        description="Actions marked as requiring MFA ask for a code, then let you through for 15 minutes."
      />
      <div className="flex flex-col gap-3 px-5 py-4 text-sm sm:flex-row sm:items-center sm:justify-between">
        {!status.enabled ? (
          <p className="text-slate-600">Turn on an authenticator app above to be able to perform them.</p>
        ) : verified ? (
          <p className="flex items-center gap-2 text-emerald-700" data-testid="step-up-state">
            <CheckCircle2 className="size-4 shrink-0" aria-hidden />
            <span>
              Verified in this session — no code needed until <TimeUntil iso={status.verified_until!} />.
            </span>
          </p>
        ) : (
          <p className="text-slate-600" data-testid="step-up-state">
            Not verified in this session: you will be asked for a code when you need it.
          </p>
        )}
        {status.enabled && (
          <Button variant="secondary" onClick={() => setOpen(true)} className="shrink-0">
            <ShieldCheck className="size-4" aria-hidden /> Verify now
          </Button>
        )}
      </div>
      <Dialog open={open} onOpenChange={setOpen}>
        {open && (
          <FactorDialogContent
            title="Verify for sensitive actions"
            description="Enter a code from your authenticator app."
            submitLabel="Verify"
            submitIcon={<ShieldCheck className="size-4" aria-hidden />}
            onCancel={() => setOpen(false)}
            onSubmit={async (factor) => {
              await mfa.verify(factor);
              setOpen(false);
              toast.success("Verified for 15 minutes");
              onChanged();
            }}
          />
        )}
      </Dialog>
    </Card>
  );
}

/** The time of day (UTC: the same string on the server and in the browser). */
function TimeUntil({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatTime(iso)} UTC</time>;
}
