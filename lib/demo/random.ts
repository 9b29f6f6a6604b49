/**
 * Deterministic fake data: the same seed gives the same rows on the server, in the browser and in
 * every test run (no Math.random, no clock).
 */
export type Random = () => number;

/** mulberry32 over a string hash: small, fast, good enough for demo rows. */
export function random(seed: string): Random {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
export const int = (r: Random, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
export const digits = (r: Random, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join("");

/** The demo's "today": fixed, so dates never differ between server and browser or between runs. */
export const DEMO_TODAY = Date.UTC(2026, 2, 16);
export const daysAgo = (n: number) => new Date(DEMO_TODAY - n * 86_400_000).toISOString().slice(0, 10);
export const daysAhead = (n: number) => daysAgo(-n);

export const PEOPLE = [
  "Olivia Nguyen",
  "Liam Okafor",
  "Noah Schmidt",
  "Emma Garcia",
  "Ava Rossi",
  "Lucas Kowalski",
  "Amelia Haddad",
  "Ethan Silva",
  "Harper Tanaka",
  "Mateo Dubois",
  "Isla Murphy",
  "Leo Larsen",
];
