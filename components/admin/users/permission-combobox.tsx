"use client";
import { useId, useMemo, useState } from "react";
import { Input } from "@/components/ui/input";
import { type UserPermission, useUserPermissions } from "@/lib/query/users";
import { cn } from "@/lib/utils";
import { rankPermissions } from "./rank-permissions";

const SHOWN = 8;

/**
 * "Explain another permission": an ARIA combobox over the catalog as it stands for the user,
 * searched by name (or code, or module); arrows choose, Enter explains, Escape clears. Each option
 * says whether the user has it.
 */
export function PermissionCombobox({
  userId,
  onPick,
  autoFocus,
}: {
  userId: string;
  onPick: (p: { code: string; name: string }) => void;
  autoFocus?: boolean;
}) {
  const id = useId();
  const perms = useUserPermissions(userId);
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const matches = useMemo(() => rankPermissions(perms.data?.data ?? [], text), [perms.data, text]);
  const shown = matches.slice(0, SHOWN);
  const open = text.trim().length > 0;
  const choose = (p: UserPermission) => {
    onPick({ code: p.code, name: p.name });
    setText("");
    setActive(0);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "ArrowDown" && shown.length) {
      e.preventDefault();
      setActive((a) => (a + 1) % shown.length);
    } else if (e.key === "ArrowUp" && shown.length) {
      e.preventDefault();
      setActive((a) => (a - 1 + shown.length) % shown.length);
    } else if (e.key === "Enter" && shown[active]) {
      e.preventDefault();
      choose(shown[active]);
    } else if (e.key === "Escape" && text) {
      e.preventDefault();
      e.stopPropagation();
      setText("");
    }
  };
  return (
    <div className="relative">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        Explain a permission — search by name or code
      </label>
      <Input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && shown[active] ? `${id}-opt-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        value={text}
        placeholder={perms.isPending ? "Loading the catalog…" : "e.g. delete invoices, audit log, sites.list.view"}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <div
          id={`${id}-list`}
          role="listbox"
          aria-label="Matching permissions"
          className="absolute z-10 mt-1 max-h-80 w-full overflow-y-auto rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
        >
          {shown.map((p, i) => (
            <div
              key={p.code}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              tabIndex={-1}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(p)}
              onKeyDown={() => undefined}
              className={cn("flex cursor-pointer items-start gap-2 px-3 py-1.5", i === active && "bg-brand-50")}
            >
              <span className="min-w-0 flex-1">
                <span className="block truncate text-sm text-slate-900">{p.name}</span>
                <code className="block truncate font-mono text-xs text-slate-500">{p.code}</code>
              </span>
              <span
                className={cn(
                  "mt-0.5 shrink-0 rounded px-1.5 py-px text-[11px] font-medium",
                  p.granted ? "bg-emerald-50 text-emerald-700" : "bg-slate-100 text-slate-500",
                )}
              >
                {p.granted ? "granted" : "not granted"}
              </span>
            </div>
          ))}
          {shown.length === 0 && (
            <div className="px-3 py-2 text-sm text-slate-500" role="presentation">
              No permission matches “{text.trim()}”.
            </div>
          )}
          {matches.length > SHOWN && (
            <div className="px-3 py-1 text-xs text-slate-500" role="presentation">
              {matches.length - SHOWN} more: type more of the name
            </div>
          )}
        </div>
      )}
    </div>
  );
}
