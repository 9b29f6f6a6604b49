"use client";
import { Plus, Trash2 } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Label, Select } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { SCOPES, type Scope } from "@/lib/permissions/types";
import {
  type ConditionRow,
  fromConditions,
  OPERATORS,
  type Operator,
  SCOPE_WORDS,
  termsProblems,
  termsWords,
  toConditions,
} from "./conditions";
import type { Terms } from "./save-body";

/**
 * Scope and conditions of one grant: a scope picker and a condition builder (field, an operator
 * the engine supports, value), checked by the API's own schema as you type, with the grant said
 * in plain words. Applying changes the pending edit only; Save sends it.
 */
export function TermsDialog({
  code,
  name,
  terms,
  readOnly,
  onApply,
  onClose,
}: {
  code: string;
  name: string;
  terms: Terms;
  readOnly: boolean;
  onApply: (terms: Terms) => void;
  onClose: () => void;
}) {
  const id = useId();
  const initial = useMemo(() => fromConditions(terms.conditions), [terms.conditions]);
  const [scope, setScope] = useState<Scope>(terms.scope);
  const [rows, setRows] = useState<ConditionRow[]>(initial ?? []);
  const problems = termsProblems(code, scope, rows);
  const problemAt = (path: string) => problems.find((p) => p.path === path)?.message;
  const set = (i: number, patch: Partial<ConditionRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title={`Scope and conditions of ${name}`}
        description={<code className="font-mono text-xs">{code}</code>}
        footer={
          <>
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            {!readOnly && (
              <Button
                disabled={problems.length > 0 || initial === null}
                onClick={() => onApply({ scope, conditions: toConditions(rows) })}
              >
                Apply
              </Button>
            )}
          </>
        }
      >
        <div className="space-y-4">
          <div>
            <Label htmlFor={`${id}-scope`}>Scope</Label>
            <Select
              id={`${id}-scope`}
              value={scope}
              disabled={readOnly}
              onChange={(e) => setScope(e.target.value as Scope)}
            >
              {SCOPES.map((s) => (
                <option key={s} value={s}>
                  {s} — {SCOPE_WORDS[s]}
                </option>
              ))}
            </Select>
          </div>
          <fieldset className="space-y-2">
            <legend className="mb-1.5 text-sm font-medium text-slate-700">Conditions</legend>
            {initial === null && (
              <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
                These conditions were written through the API in a form the builder cannot show:{" "}
                <code className="font-mono">{JSON.stringify(terms.conditions)}</code>. Change them through the API.
              </p>
            )}
            {rows.length === 0 && initial !== null && (
              <p className="text-sm text-slate-500">No conditions: the grant holds whatever the resource's fields.</p>
            )}
            {rows.map((r, i) => (
              <div key={i} className="flex flex-wrap items-start gap-2">
                <div className="min-w-36 flex-1">
                  <Input
                    aria-label={`Condition ${i + 1} field`}
                    placeholder="field, e.g. amount"
                    value={r.field}
                    disabled={readOnly}
                    aria-invalid={!!problemAt(`conditions.${i}.field`) || undefined}
                    onChange={(e) => set(i, { field: e.target.value })}
                  />
                  <p data-testid={`condition-${i + 1}-problem`} className="mt-1 text-xs text-red-700">
                    {problemAt(`conditions.${i}.field`)}
                  </p>
                </div>
                <Select
                  aria-label={`Condition ${i + 1} operator`}
                  value={r.op}
                  disabled={readOnly}
                  className="w-40"
                  onChange={(e) => set(i, { op: e.target.value as Operator })}
                >
                  {OPERATORS.map((o) => (
                    <option key={o.op} value={o.op}>
                      {o.label} ({o.symbol})
                    </option>
                  ))}
                </Select>
                <div className="min-w-24 flex-1">
                  <Input
                    aria-label={`Condition ${i + 1} value`}
                    placeholder={r.op === "$in" ? "a, b, c" : "value"}
                    value={r.value}
                    disabled={readOnly}
                    aria-invalid={!!problemAt(`conditions.${i}.value`) || undefined}
                    onChange={(e) => set(i, { value: e.target.value })}
                  />
                  <p className="mt-1 text-xs text-red-700">
                    {problemAt(`conditions.${i}.value`) ?? problemAt(`conditions.${i}.op`)}
                  </p>
                </div>
                {!readOnly && (
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Remove condition ${i + 1}`}
                    onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
                  >
                    <Trash2 className="size-4" aria-hidden />
                  </Button>
                )}
              </div>
            ))}
            {!readOnly && initial !== null && (
              <Button
                variant="secondary"
                size="sm"
                onClick={() => setRows((rs) => [...rs, { field: "", op: "eq", value: "" }])}
              >
                <Plus className="size-3.5" aria-hidden />
                Add condition
              </Button>
            )}
          </fieldset>
          <div className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">In plain words</p>
            <p data-testid="terms-preview" className="mt-0.5 text-slate-900">
              Granted {termsWords(scope, rows)}.
            </p>
            {problems
              .filter((p) => !/^conditions\.\d+\./.test(p.path))
              .map((p) => (
                <p key={p.path + p.message} role="alert" className="mt-1 text-xs text-red-700">
                  {p.path ? `${p.path}: ` : ""}
                  {p.message}
                </p>
              ))}
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
