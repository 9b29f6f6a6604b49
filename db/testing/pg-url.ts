/** The database named in a PostgreSQL URL, and the same server's maintenance database. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

export function adminUrl(url: string): string {
  return withDatabase(url, "postgres");
}
