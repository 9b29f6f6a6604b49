/** Matches by name first, then code, then module: what an admin who never read a code types. */
export function rankPermissions<P extends { code: string; name: string; module: string | null }>(
  perms: readonly P[],
  text: string,
): P[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const words = q.split(/\s+/);
  const score = (p: P) => {
    const name = p.name.toLowerCase();
    const hay = `${name} ${p.code} ${p.module ?? ""}`;
    if (!words.every((w) => hay.includes(w))) return -1;
    if (name.startsWith(q)) return 0;
    if (name.includes(q)) return 1;
    if (p.code.startsWith(q)) return 2;
    return 3;
  };
  return perms
    .map((p) => ({ p, s: score(p) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || a.p.name.localeCompare(b.p.name))
    .map((x) => x.p);
}
