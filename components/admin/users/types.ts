/** Override effects as the bulk upsert takes them: inherit removes the override. */
export type OverrideEffect = "inherit" | "allow" | "deny";

/** The saved effect of a user's own override on a code ("inherit" when there is none). */
export function savedEffect(o: { effect: string } | undefined): OverrideEffect {
  return o?.effect === "allow" || o?.effect === "deny" ? o.effect : "inherit";
}
