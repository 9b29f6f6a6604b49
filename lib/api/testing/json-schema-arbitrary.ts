import fc from "fast-check";

/**
 * Valid-ish request values from the JSON Schema of the OpenAPI document (the very zod schemas the
 * route wrapper enforces), and the ways a hostile client bends them. Only what the document uses
 * is understood: objects, arrays, strings (enum, format, length, pattern), numbers, booleans,
 * null, `anyOf`, `not: {}` (a field that must be absent) and `{}` (anything).
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  not?: JsonSchema;
}

/** Real values of the seeded world, by what a field holds: a valid shape should also hit real rows. */
export interface Hints {
  /** Ids for a field of this name: real ones (ours, another tenant's), random UUIDs, the nil and max UUIDs. */
  uuid(name: string): fc.Arbitrary<string>;
  email: fc.Arbitrary<string>;
  /** A value for a field of this name (`code`, `codes`, `version`…), or undefined to go by the schema. */
  byName(name: string): fc.Arbitrary<unknown> | undefined;
}

/** A value deeply nested `depth` times, written out by `toJson` (JSON.stringify would overflow the stack first). */
export class Deep {
  constructor(
    readonly depth: number,
    readonly kind: "array" | "object",
  ) {}
}

const MAX_ITEMS = 4;

export function arbitraryOf(schema: JsonSchema, hints: Hints, name = ""): fc.Arbitrary<unknown> {
  return (name ? hints.byName(name) : undefined) ?? bySchema(schema, hints, name);
}

function bySchema(schema: JsonSchema, hints: Hints, name: string): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => arbitraryOf(s, hints, name)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => bySchema({ ...schema, type }, hints, name)));
  switch (types[0]) {
    case "object":
      return objectOf(schema, hints);
    case "array":
      return fc.array(arbitraryOf(schema.items ?? {}, hints, singular(name)), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? MAX_ITEMS, (schema.minItems ?? 0) + MAX_ITEMS),
      });
    case "string":
      return stringOf(schema, hints, name);
    case "integer":
      return fc.integer({
        min: schema.minimum ?? -5,
        max: Math.min(schema.maximum ?? 1_000, (schema.minimum ?? 0) + 1_000),
      });
    case "number":
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      // `{}`: anything a client may send there (a check's context, a condition's value).
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectOf(schema: JsonSchema, hints: Hints): fc.Arbitrary<unknown> {
  // `not: {}` is zod's way of saying "this key must not be sent" (a permission's code on PATCH).
  const fields = Object.entries(schema.properties ?? {}).filter(([, s]) => !s.not);
  const extra =
    typeof schema.additionalProperties === "object"
      ? fc.dictionary(
          fc.oneof(
            fc.string({ maxLength: 20 }),
            (hints.byName("code") as fc.Arbitrary<string> | undefined) ?? fc.string(),
          ),
          arbitraryOf(schema.additionalProperties, hints),
          { maxKeys: MAX_ITEMS },
        )
      : fc.constant({});
  const record = fc.record(Object.fromEntries(fields.map(([key, s]) => [key, arbitraryOf(s, hints, key)])), {
    requiredKeys: (schema.required ?? []).filter((key) => fields.some(([k]) => k === key)),
  });
  return fc.tuple(extra, record).map(([more, fixed]) => ({ ...more, ...fixed }));
}

function stringOf(schema: JsonSchema, hints: Hints, name: string): fc.Arbitrary<string> {
  switch (schema.format) {
    case "uuid":
      return hints.uuid(name);
    case "email":
      return fc.oneof(hints.email, fc.emailAddress());
    case "date-time":
      return fc.oneof(
        anyDate.map((d) => d.toISOString()),
        fc.constantFrom(
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999Z",
          "1969-12-31T23:59:59Z",
          "2024-02-29T00:00:00+23:59",
          "2100-01-01T00:00:00.123456789-23:59",
        ),
      );
    case "date":
      return fc.oneof(
        anyDate.map((d) => d.toISOString().slice(0, 10)),
        fc.constantFrom("0000-01-01", "0001-01-01", "9999-12-31", "2024-02-29"),
      );
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.min(schema.maxLength ?? 40, minLength + 40), unit: "grapheme" });
}

/** Every date ISO 8601 writes with four digits, and the edges zod accepts but a database may not. */
const anyDate = fc.date({
  min: new Date("0000-01-01T00:00:00Z"),
  max: new Date("9999-12-31T23:59:59Z"),
  noInvalidDate: true,
});

const singular = (name: string) => (name.endsWith("ies") ? `${name.slice(0, -3)}y` : name.replace(/s$/, ""));

/** Strings that have broken servers: NUL, lone surrogates, direction marks, injections, sizes. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\uD800",
    "x\uDFFFy",
    "\uFEFFbom",
    "\u202Eevil",
    "zero\u200Bwidth",
    "e\u0301\u0301\u0301",
    "👩‍👩‍👧‍👦",
    "İıß",
    "\r\n\t",
    "%00",
    "%",
    "../../etc/passwd",
    "' OR '1'='1",
    "'); drop table roles; --",
    "<script>alert(1)</script>",
    "$" + "{7*7}{{7*7}}", // a template injection, not a template literal
    "__proto__",
    "constructor",
    "null",
    "NaN",
    "-1",
    "1e309",
    "\\",
    '"',
  ),
  fc.constantFrom(100, 1_001, 10_000, 200_000).map((n) => "x".repeat(n)),
  fc.constantFrom(100, 5_000).map((n) => "é".repeat(n)),
  fc.string({ unit: "binary", maxLength: 30 }),
);

/** Object keys that have broken servers: prototype pollution, NUL, empty, huge. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "",
    "\u0000",
    "tenant_id",
    "is_super_admin",
    "id",
    "x".repeat(5_000),
  ),
  fc.string({ maxLength: 12 }),
);

/** A value of some type, for "wrong type" mutations. */
export const anyType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53 + 1, -0, 1e308, [], {}, [null], { "": null }),
  fc.jsonValue({ maxDepth: 2 }),
  hostileString,
);

/** Deep nesting: arrays or objects, from enough to hurt a recursive walk to what the 1 MB limit allows. */
export const deep: fc.Arbitrary<Deep> = fc
  .tuple(fc.constantFrom(9, 100, 5_000, 100_000, 400_000), fc.constantFrom("array" as const, "object" as const))
  .map(([depth, kind]) => new Deep(depth, kind));

export type Mutation =
  | { kind: "drop"; at: number }
  | { kind: "extra"; at: number; key: string; value: unknown }
  | { kind: "replace"; at: number; value: unknown }
  /** A string of the value (a name, a code, an id) replaced with a hostile one. */
  | { kind: "hostile"; at: number; value: string };

export const mutation = (forged: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ kind: fc.constant("drop" as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant("extra" as const),
      at: fc.nat(),
      key: hostileKey,
      value: fc.oneof(anyType, forged),
    }),
    fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: fc.oneof(anyType, forged, deep) }),
    fc.record({ kind: fc.constant("hostile" as const), at: fc.nat(), value: hostileString }),
  );

/** Sets a key as an own, enumerable property, even `__proto__` (an assignment would set the prototype). */
function define(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy of `value` with the mutation applied at its `at`-th node (in document order). */
export function applyMutation(value: unknown, m: Mutation): unknown {
  const root = { value: clone(value) };
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (parent: Record<string, unknown> | unknown[], key: string | number) => {
    nodes.push({ parent, key });
    const node = (parent as Record<string | number, unknown>)[key];
    if (Array.isArray(node)) for (let i = 0; i < node.length; i++) walk(node, i);
    else if (node && typeof node === "object" && !(node instanceof Deep))
      for (const k of Object.keys(node)) walk(node as Record<string, unknown>, k);
  };
  walk(root, "value");
  if (m.kind === "extra") {
    const objects = nodes
      .map(({ parent, key }) => (parent as Record<string | number, unknown>)[key])
      .filter(
        (n): n is Record<string, unknown> => !!n && typeof n === "object" && !Array.isArray(n) && !(n instanceof Deep),
      );
    const target = objects[m.at % Math.max(objects.length, 1)];
    if (target) define(target, m.key, m.value);
    return root.value;
  }
  const nodeValue = ({ parent, key }: (typeof nodes)[number]) => (parent as Record<string | number, unknown>)[key];
  // A hostile string goes where a string is (the value without one: anywhere).
  const strings = m.kind === "hostile" ? nodes.filter((n) => typeof nodeValue(n) === "string") : [];
  const among = strings.length ? strings : nodes;
  const { parent, key } = among[m.at % among.length] as (typeof nodes)[number];
  if (m.kind === "drop") {
    if (parent === root) return undefined;
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (Array.isArray(parent)) parent[key as number] = m.value;
  else define(parent, key as string, m.value);
  return root.value;
}

/** A deep copy that keeps `Deep` markers and own `__proto__` keys (structuredClone keeps neither). */
function clone(value: unknown): unknown {
  if (value instanceof Deep || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(clone);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) define(out, k, clone(v));
  return out;
}

/** JSON text of a value that may hold `Deep` markers and own `__proto__` keys. */
export function toJson(value: unknown): string {
  if (value instanceof Deep)
    return value.kind === "array"
      ? `${"[".repeat(value.depth)}1${"]".repeat(value.depth)}`
      : `${'{"a":'.repeat(value.depth)}1${"}".repeat(value.depth)}`;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : toJson(v))).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}
