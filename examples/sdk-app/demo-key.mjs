/**
 * Demo only: a customer's app is given an API key (GATEHOUSE_API_KEY). Against the demo world,
 * this signs in as the demo tenant admin, creates a `check` key, and lists the tenant's people so
 * the page has someone to decide for. Never do this with real credentials.
 */
const ADMIN = process.env.GATEHOUSE_DEMO_ADMIN ?? "admin@acme.test";
const PASSWORD = process.env.GATEHOUSE_DEMO_PASSWORD ?? "gatehouse-demo";

export async function demoAccess(url) {
  const jar = new Map();
  const keep = (res) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const { csrfToken } = await keep(await fetch(`${url}/api/auth/csrf`)).json();
  keep(
    await fetch(`${url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
      body: new URLSearchParams({ csrfToken, email: ADMIN, password: PASSWORD }),
    }),
  );
  const headers = { cookie: cookie(), origin: url, "content-type": "application/json" };
  const made = await fetch(`${url}/api/v1/api-keys`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: `sdk example ${new Date().toISOString()}`, scopes: ["check"] }),
  });
  if (made.status !== 201) throw new Error(`could not create a demo API key as ${ADMIN}: ${made.status}`);
  const people = await (await fetch(`${url}/api/v1/users?limit=20`, { headers })).json();
  return {
    apiKey: (await made.json()).secret,
    people: people.data.map((u) => ({ id: u.id, name: u.name, email: u.email })),
  };
}
