import { Circle } from "lucide-react";
import { describe, expect, it } from "vitest";
import { ICON_NAMES, isIconName, LEGACY_ICONS } from "@/lib/validation/icons";
import { iconFor } from "./icons";

describe("the catalog's icons", () => {
  it("draws every name the API accepts, legacy seed names as their lucide successors", () => {
    for (const name of [...ICON_NAMES, ...Object.keys(LEGACY_ICONS)]) expect(iconFor(name), name).not.toBe(Circle);
    expect(iconFor("home")).toBe(iconFor("house"));
    expect(iconFor("no-such-icon")).toBe(Circle);
    expect(isIconName("file-text")).toBe(true);
    expect(isIconName("__proto__")).toBe(false);
  });
});
