import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { authSecret } from "@/lib/auth/secret";
import { ApiError } from "@/lib/errors";

/**
 * Keyset paging for every list of the API (`{data, next_cursor}`). A cursor is opaque and signed:
 * the position of the page's last item (its sort key and id, as the list's query takes them), HMAC-signed together with the name
 * of the list that issued it. So a client can neither read meaning into a cursor nor forge one,
 * and a cursor of one list handed to another is refused (400, `query.cursor`) before it reaches a
 * query — never a 500.
 */
export interface CursorList<P> {
  name: string;
  position: z.ZodType<P>;
}

type PositionOf<L> = L extends CursorList<infer P> ? P : never;

export function cursorList<P>(name: string, position: z.ZodType<P>): CursorList<P> {
  return { name, position };
}

/** The lists of the API and the position each one pages by. */
export const LISTS = {
  roles: cursorList("roles", z.strictObject({ name: z.string(), id: z.guid() })),
  users: cursorList("users", z.strictObject({ name: z.string(), id: z.guid() })),
  holders: cursorList("holders", z.strictObject({ name: z.string(), id: z.guid() })),
  approvals: cursorList("approvals", z.strictObject({ created: z.string(), id: z.guid() })),
  audit: cursorList("audit", z.strictObject({ seq: z.int().min(0) })),
  userAudit: cursorList("user-audit", z.strictObject({ seq: z.int().min(0) })),
  departments: cursorList("departments", z.strictObject({ name: z.string(), id: z.guid() })),
  teams: cursorList("teams", z.strictObject({ name: z.string(), id: z.guid() })),
  permissions: cursorList("permissions", z.strictObject({ code: z.string(), id: z.guid() })),
  modules: cursorList("modules", z.strictObject({ sort: z.int(), code: z.string() })),
  menuItems: cursorList("menu-items", z.strictObject({ resource: z.string() })),
  templates: cursorList("templates", z.strictObject({ name: z.string(), id: z.guid() })),
  tenants: cursorList("tenants", z.strictObject({ name: z.string(), id: z.guid() })),
  invitations: cursorList("invitations", z.strictObject({ email: z.string(), id: z.guid() })),
  decisions: cursorList("decisions", z.strictObject({ at: z.iso.datetime(), id: z.int().min(1) })),
} as const;

const invalid = (message: string) => ApiError.badRequest("The cursor is invalid.", [{ path: "query.cursor", message }]);

function sign(list: string, payload: string): string {
  return createHmac("sha256", authSecret()).update(`cursor:${list}:${payload}`).digest("base64url");
}

export function encodeCursor<P>(list: CursorList<P>, position: P): string {
  const payload = Buffer.from(JSON.stringify(position)).toString("base64url");
  return `${payload}.${sign(list.name, payload)}`;
}

/** The position a cursor of `list` stands for; null without a cursor; 400 for anything else. */
export function decodeCursor<P>(list: CursorList<P>, cursor: string | undefined): P | null {
  if (!cursor) return null;
  const [payload, mac, ...rest] = cursor.split(".");
  const expected = payload ? Buffer.from(sign(list.name, payload)) : null;
  const given = Buffer.from(mac ?? "");
  if (!payload || rest.length || !expected || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw invalid("Not a cursor of this list");
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalid("Malformed");
  }
  const parsed = list.position.safeParse(position);
  if (!parsed.success) throw invalid("Malformed");
  return parsed.data;
}

/**
 * One page of a list: `fetch` reads up to `limit + 1` rows after the position (the extra row says
 * whether another page follows); the answer is at most `limit` rows and the cursor of the next page.
 */
export async function paginate<L extends CursorList<unknown>, Row>(
  list: L,
  query: { cursor?: string; limit: number },
  fetch: (after: PositionOf<L> | null, limit: number) => Promise<Row[]>,
  positionOf: (row: Row) => PositionOf<L>,
): Promise<{ rows: Row[]; next_cursor: string | null }> {
  const rows = await fetch(decodeCursor(list, query.cursor) as PositionOf<L> | null, query.limit);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const more = rows.length > query.limit && last !== undefined;
  return { rows: page, next_cursor: more ? encodeCursor(list, positionOf(last)) : null };
}
