import { Search } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";
import { Input } from "./input";

type SearchInputProps = Omit<ComponentProps<"input">, "type" | "value" | "onChange" | "size"> & {
  /** The accessible name (there is no visible label: the icon and placeholder say what it is). */
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  /** `sm` in dense toolbars and pickers; `bare` inside a bordered list (no box of its own). */
  variant?: "md" | "sm" | "bare";
  /** Classes of the wrapper (width, flex); the input fills it. */
  className?: string;
  inputClassName?: string;
};

const ICON = {
  md: "left-3 size-4",
  sm: "left-2.5 size-3.5",
  bare: "left-2.5 size-3.5",
};
const FIELD = {
  md: "pl-9",
  sm: "h-8 pl-8",
  bare: "h-8 rounded-none border-0 bg-transparent pl-8 pr-2 shadow-none focus:ring-0",
};

/** The one search box of every list and filter: a magnifier, a `type="search"` field, a label. */
export function SearchInput({
  label,
  value,
  onValueChange,
  variant = "md",
  className,
  inputClassName,
  ...props
}: SearchInputProps) {
  return (
    <div className={cn("relative", className)}>
      <Search
        className={cn("pointer-events-none absolute top-1/2 -translate-y-1/2 text-slate-400", ICON[variant])}
        aria-hidden
      />
      <Input
        type="search"
        aria-label={label}
        value={value}
        onChange={(e) => onValueChange(e.target.value)}
        className={cn(FIELD[variant], inputClassName)}
        {...props}
      />
    </div>
  );
}
