/** Whether the caller asked for CSV (`Accept: text/csv`) rather than JSON. */
export function wantsCsv(request: Request): boolean {
  return /(^|,)\s*text\/csv\s*(;|,|$)/i.test(request.headers.get("accept") ?? "");
}
