import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { ApiError } from "./problem";

/**
 * Opaque, signed list cursors: the position (the last item's sort key and id) is encoded and
 * HMAC-signed, so a client can neither read meaning into it nor forge one.
 */
export function encodeCursor(position: unknown[]): string {
  const payload = Buffer.from(JSON.stringify(position)).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function decodeCursor(cursor: string | undefined): unknown[] | null {
  if (!cursor) return null;
  const [payload, mac] = cursor.split(".");
  const ok = payload && mac && mac.length === 43 && timingSafeEqual(Buffer.from(mac), Buffer.from(sign(payload)));
  if (!ok)
    throw ApiError.badRequest("The cursor is invalid.", [
      { path: "query.cursor", message: "Not a cursor this server issued" },
    ]);
  const position = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown;
  if (!Array.isArray(position))
    throw ApiError.badRequest("The cursor is invalid.", [{ path: "query.cursor", message: "Malformed" }]);
  return position;
}

function sign(payload: string): string {
  return createHmac("sha256", authSecret()).update(`cursor:${payload}`).digest("base64url");
}
