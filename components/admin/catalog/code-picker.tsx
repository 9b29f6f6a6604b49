"use client";
import { Input } from "@/components/ui/input";

/**
 * A permission code input that suggests the catalog's codes as you type (the browser's own
 * combobox over a datalist: keyboard-usable and announced as such).
 */
export function CodePicker({
  id,
  value,
  onChange,
  options,
  placeholder = "Type a code…",
  invalid = false,
  describedBy,
  onEnter,
  label,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  options: { code: string; name: string }[];
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  onEnter?: () => void;
  label?: string;
}) {
  return (
    <>
      <Input
        id={id}
        list={`${id}-options`}
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className="font-mono"
        onChange={(e) => onChange(e.target.value.trim())}
        onKeyDown={(e) => {
          if (e.key === "Enter" && onEnter) {
            e.preventDefault();
            onEnter();
          }
        }}
      />
      <datalist id={`${id}-options`}>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </datalist>
    </>
  );
}
