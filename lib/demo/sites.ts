import { DEMO_TODAY, daysAgo, digits, int, PEOPLE, pick, random } from "./random";

export const SITE_STATUSES = ["online", "alert", "offline", "maintenance"] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];
export const REGIONS = ["North", "South", "East", "West", "Central"] as const;
export const METER_TYPES = ["Smart (SMETS2)", "Smart (SMETS1)", "AMR", "Legacy credit"] as const;

/** A site as the demo keeps it: every field, including the ones most users may not see. */
export interface Site {
  id: string;
  name: string;
  address: string;
  city: string;
  postcode: string;
  region: (typeof REGIONS)[number];
  status: SiteStatus;
  meterType: (typeof METER_TYPES)[number];
  meterSerial: string;
  simIccid: string;
  lastReadingKwh: number;
  lastReadAt: string;
  openAlerts: number;
  consumption: number[];
  accountNumber: string;
  billing: { tariff: string; monthly: number; balance: number; paymentMethod: string };
  landlord: { name: string; phone: string; email: string };
  notes: string[];
  sensitive: { iban: string; accessCode: string; vulnerability: string };
}

const STREETS = [
  "Harbour Road",
  "Mill Lane",
  "Station Street",
  "Kings Parade",
  "Quarry Hill",
  "Riverside Walk",
  "Elm Court",
  "Beacon Way",
  "Foundry Yard",
  "Orchard Close",
  "Canal Side",
  "Market Square",
];
const KINDS = [
  "Substation",
  "Depot",
  "Plant Room",
  "Pumping Station",
  "Retail Unit",
  "Warehouse",
  "Office",
  "School",
  "Clinic",
];
const CITIES: [string, string, (typeof REGIONS)[number]][] = [
  ["Leeds", "LS", "North"],
  ["Newcastle", "NE", "North"],
  ["Brighton", "BN", "South"],
  ["Southampton", "SO", "South"],
  ["Norwich", "NR", "East"],
  ["Cambridge", "CB", "East"],
  ["Bristol", "BS", "West"],
  ["Exeter", "EX", "West"],
  ["Birmingham", "B", "Central"],
  ["Nottingham", "NG", "Central"],
];
const TARIFFS = ["Business Fixed 24", "Economy 7", "Half-hourly Flex", "Green Business 12"];
const NOTES = [
  "Key safe by the side gate.",
  "Dog on site — call ahead.",
  "Meter cupboard needs a triangle key.",
  "Access only 08:00–16:00.",
  "Signal weak: use the external antenna.",
  "Landlord prefers email.",
];
const VULNERABILITY = [
  "Priority Services Register: medical equipment",
  "None recorded",
  "Priority Services Register: elderly occupant",
  "Hearing impaired: contact by text",
];

export const SITE_COUNT = 36;

function makeSite(n: number): Site {
  const r = random(`site-${n}`);
  const [city, pc, region] = pick(r, CITIES);
  const street = pick(r, STREETS);
  const status = r() < 0.62 ? "online" : pick(r, SITE_STATUSES);
  const base = int(r, 900, 9_000);
  return {
    id: `S-${1001 + n}`,
    name: `${street.split(" ")[0]} ${pick(r, KINDS)}`,
    address: `${int(r, 1, 240)} ${street}`,
    city,
    postcode: `${pc}${int(r, 1, 28)} ${int(r, 1, 9)}${String.fromCharCode(65 + int(r, 0, 25))}${String.fromCharCode(65 + int(r, 0, 25))}`,
    region,
    status,
    meterType: pick(r, METER_TYPES),
    meterSerial: `${pick(r, ["E", "K", "L"])}${int(r, 10, 99)}M${digits(r, 6)}`,
    simIccid: `8944${digits(r, 15)}`,
    lastReadingKwh: int(r, 10_000, 240_000),
    lastReadAt: daysAgo(int(r, 0, 6)),
    openAlerts: status === "alert" ? int(r, 1, 4) : status === "offline" ? 1 : 0,
    consumption: Array.from({ length: 12 }, (_, m) =>
      Math.round(base * (1 + 0.35 * Math.cos(((m - 0.5) * Math.PI) / 6)) * (0.9 + r() * 0.2)),
    ),
    accountNumber: `ACC-${digits(r, 4)}-${digits(r, 4)}`,
    billing: {
      tariff: pick(r, TARIFFS),
      monthly: int(r, 180, 4_800),
      balance: int(r, -900, 2_400),
      paymentMethod: pick(r, ["Direct debit", "BACS transfer", "Card on file"]),
    },
    landlord: (() => {
      const name = pick(r, PEOPLE);
      return {
        name,
        phone: `+44 7${digits(r, 3)} ${digits(r, 6)}`,
        email: `${name.split(" ")[0]!.toLowerCase()}@${pick(r, ["lettings", "estates", "property"])}.example`,
      };
    })(),
    notes: [pick(r, NOTES), pick(r, NOTES)].filter((v, i, a) => a.indexOf(v) === i),
    sensitive: {
      iban: `GB${int(r, 10, 99)} NWBK ${digits(r, 4)} ${digits(r, 4)} ${digits(r, 2)}`,
      accessCode: digits(r, 6),
      vulnerability: pick(r, VULNERABILITY),
    },
  };
}

let cached: Site[] | null = null;
export function demoSites(): Site[] {
  return (cached ??= Array.from({ length: SITE_COUNT }, (_, n) => makeSite(n)));
}

export function findSite(id: string): Site | null {
  return demoSites().find((s) => s.id === id) ?? null;
}

/** What the sites list shows: nothing a field permission guards. */
export interface SiteRow {
  id: string;
  name: string;
  city: string;
  region: string;
  status: SiteStatus;
  meterType: string;
  lastReadingKwh: number;
  lastReadAt: string;
  openAlerts: number;
}
export function siteRows(): SiteRow[] {
  return demoSites().map(({ id, name, city, region, status, meterType, lastReadingKwh, lastReadAt, openAlerts }) => ({
    id,
    name,
    city,
    region,
    status,
    meterType,
    lastReadingKwh,
    lastReadAt,
    openAlerts,
  }));
}

export const demoToday = () => new Date(DEMO_TODAY).toISOString().slice(0, 10);

/** The sites list's filters: search and status for everyone, region and meter type for sites.list.filter_advanced. */
export interface SiteFilter {
  q?: string;
  status?: string;
  region?: string;
  meterType?: string;
}
export const isAdvancedFilter = (f: SiteFilter) => Boolean(f.region || f.meterType);

export function filterSites(rows: SiteRow[], f: SiteFilter): SiteRow[] {
  const q = f.q?.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!q || `${r.id} ${r.name} ${r.city}`.toLowerCase().includes(q)) &&
      (!f.status || r.status === f.status) &&
      (!f.region || r.region === f.region) &&
      (!f.meterType || r.meterType === f.meterType),
  );
}
