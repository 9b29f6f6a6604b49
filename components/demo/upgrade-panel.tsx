import { Lock, Sparkles } from "lucide-react";
import { Card } from "@/components/ui/card";

/** A page the tenant's plan does not include: what it is, which plan has it, who can change that. */
export function UpgradePanel({
  feature,
  code,
  plan,
  currentPlan,
}: {
  feature: string;
  code: string;
  plan: { name: string } | null;
  currentPlan: string | null;
}) {
  return (
    <Card className="mx-auto mt-6 max-w-xl px-6 py-10 text-center" data-testid="upgrade-panel">
      <span className="mx-auto grid size-12 place-items-center rounded-full bg-amber-50 text-amber-600">
        <Lock className="size-6" aria-hidden />
      </span>
      <h1 className="mt-4 text-xl font-semibold tracking-tight">{feature} is not in your plan</h1>
      <p className="mt-2 text-sm text-slate-600">
        {plan ? (
          <>
            It is included in the <strong>{plan.name}</strong>.
          </>
        ) : (
          "No active plan includes it."
        )}{" "}
        {currentPlan && <>Your organization is on the {currentPlan}.</>}
      </p>
      {plan && (
        <p className="mt-4 inline-flex items-center gap-1.5 rounded-lg bg-amber-50 px-3 py-2 text-sm font-medium text-amber-800 ring-1 ring-amber-200">
          <Sparkles className="size-4" aria-hidden /> Upgrade to {plan.name.replace(/\s+plan$/i, "")} to use it
        </p>
      )}
      <p className="mt-4 text-sm text-slate-600" data-permission={code}>
        Your roles cannot open it while the plan leaves it out. An administrator of your organization can change the
        plan.
      </p>
    </Card>
  );
}
