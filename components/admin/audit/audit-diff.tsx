import { cn } from "@/lib/utils";
import { type DiffKind, type DiffLine, diffEntry, show } from "./diff";

const ROW: Record<DiffKind, string> = {
  added: "bg-emerald-50/70",
  removed: "bg-red-50/70",
  changed: "bg-amber-50/70",
  same: "",
  context: "",
};
const MARK: Record<DiffKind, { sign: string; label: string; tone: string }> = {
  added: { sign: "+", label: "added", tone: "text-emerald-700" },
  removed: { sign: "−", label: "removed", tone: "text-red-700" },
  changed: { sign: "~", label: "changed", tone: "text-amber-700" },
  same: { sign: "", label: "unchanged", tone: "text-slate-600" },
  context: { sign: "", label: "before the change", tone: "text-slate-600" },
};

function Codes({ title, codes, tone }: { title: string; codes: string[]; tone: "green" | "red" | "amber" }) {
  if (!codes.length) return null;
  const styles = {
    green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
    red: "bg-red-50 text-red-800 ring-red-200",
    amber: "bg-amber-50 text-amber-800 ring-amber-200",
  }[tone];
  const sign = { green: "+", red: "−", amber: "~" }[tone];
  return (
    <div>
      <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
        {title} ({codes.length})
      </p>
      <ul className="flex flex-wrap gap-1.5" aria-label={title}>
        {codes.map((c) => (
          <li key={c} className={cn("rounded px-1.5 py-0.5 font-mono text-xs ring-1 ring-inset", styles)}>
            {sign} {c}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Value({ value, strike }: { value: unknown; strike?: boolean }) {
  if (value === undefined) return <span className="text-slate-500">—</span>;
  return (
    <code
      className={cn(
        "break-all font-mono text-xs text-slate-800",
        strike && "text-red-800 line-through decoration-red-400",
      )}
    >
      {show(value)}
    </code>
  );
}

/** The set a change record changed, folded: it is what was held before, not what was removed. */
function Held({ value }: { value: unknown }) {
  if (!Array.isArray(value)) return <Value value={value} />;
  return (
    <details className="text-xs text-slate-700">
      <summary className="cursor-pointer">
        {value.length} held before this change (unchanged unless listed above)
      </summary>
      <p className="mt-1 break-all font-mono">{value.map(show).join(", ")}</p>
    </details>
  );
}

/** A list field that changed: only the elements that came and went, and how many stayed. */
function SetChange({ line }: { line: DiffLine }) {
  const was = Array.isArray(line.before) ? line.before.length : 0;
  const kept = was - (line.minus?.length ?? 0);
  return (
    <div className="flex flex-wrap items-center gap-1.5 font-mono text-xs" data-testid="set-change">
      {line.plus?.map((x) => (
        <span
          key={`+${show(x)}`}
          className="rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-800 ring-1 ring-emerald-200"
        >
          <span className="sr-only">added </span>+ {show(x)}
        </span>
      ))}
      {line.minus?.map((x) => (
        <span key={`-${show(x)}`} className="rounded bg-red-50 px-1.5 py-0.5 text-red-800 ring-1 ring-red-200">
          <span className="sr-only">removed </span>− {show(x)}
        </span>
      ))}
      <span className="font-sans text-slate-600">{kept} unchanged</span>
    </div>
  );
}

/** The before/after of one entry: codes granted and revoked, then each field added, removed or changed (coloured). */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const d = diffEntry(before, after);
  const nothing = !d.lines.length && !d.added.length && !d.removed.length && !d.changed.length && !d.other.length;
  if (nothing) return <p className="text-sm text-slate-500">This entry records no field values.</p>;
  return (
    <div className="space-y-3" data-testid="audit-diff">
      {(d.added.length > 0 || d.removed.length > 0 || d.changed.length > 0) && (
        <div className="space-y-2">
          <Codes title="Added" codes={d.added} tone="green" />
          <Codes title="Removed" codes={d.removed} tone="red" />
          <Codes title="Changed" codes={d.changed} tone="amber" />
        </div>
      )}
      {d.lines.length > 0 && (
        <table className="w-full table-fixed border-collapse overflow-hidden rounded-lg text-left text-sm ring-1 ring-slate-200">
          <thead>
            <tr className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="w-8 px-2 py-1.5">
                <span className="sr-only">Change</span>
              </th>
              <th scope="col" className="w-44 px-2 py-1.5 font-semibold">
                Field
              </th>
              <th scope="col" className="px-2 py-1.5 font-semibold">
                Before
              </th>
              <th scope="col" className="px-2 py-1.5 font-semibold">
                After
              </th>
            </tr>
          </thead>
          <tbody>
            {d.lines.map((l) => (
              <tr key={l.key} className={cn("border-t border-slate-100 align-top", ROW[l.kind])} data-diff={l.kind}>
                <td
                  className={cn("px-2 py-1.5 text-center font-mono font-semibold", MARK[l.kind].tone)}
                  title={MARK[l.kind].label}
                >
                  {MARK[l.kind].sign}
                  <span className="sr-only">{MARK[l.kind].label}</span>
                </td>
                <td className="px-2 py-1.5 font-mono text-xs text-slate-700">{l.key}</td>
                {l.kind === "context" ? (
                  <td colSpan={2} className="px-2 py-1.5">
                    <Held value={l.before} />
                  </td>
                ) : l.plus || l.minus ? (
                  <td colSpan={2} className="px-2 py-1.5">
                    <SetChange line={l} />
                  </td>
                ) : (
                  <>
                    <td className="px-2 py-1.5">
                      <Value value={l.before} strike={l.kind === "removed" || l.kind === "changed"} />
                    </td>
                    <td className="px-2 py-1.5">
                      <Value value={l.after} />
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d.other.map((v, i) => (
        <pre key={i} className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs">
          {show(v)}
        </pre>
      ))}
    </div>
  );
}
