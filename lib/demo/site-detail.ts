/**
 * What a viewer receives of a site: decided on the server from their effective permissions, so a
 * field or tab they may not see never leaves the server (the browser gates are only cosmetic).
 */
import { type Job, jobsOfSite } from "./jobs";
import {
  type Alert,
  type Call,
  type HistoryEntry,
  type Meter,
  type Reading,
  siteAlerts,
  siteCalls,
  siteHistory,
  siteMeters,
  siteReadings,
} from "./site-tabs";
import type { Site, SiteStatus } from "./sites";

/** A field the viewer may see, or the permission that would show it. */
export type Gated<T> = { visible: true; value: T } | { visible: false; requires: string };
export const MASK = "••••";

export const SITE_FIELDS = {
  meter_serial: "sites.detail.fields.meter_serial",
  consumption: "sites.detail.fields.consumption",
  account_number: "sites.detail.fields.account_number",
  billing: "sites.detail.fields.billing",
  landlord_contact: "sites.detail.fields.landlord_contact",
  notes: "sites.detail.fields.notes",
  sensitive: "sites.detail.fields.sensitive",
} as const;

export const SITE_TABS = [
  { key: "overview", label: "Overview", code: "sites.detail.tabs.overview" },
  { key: "meters", label: "Meters", code: "sites.detail.tabs.meters" },
  { key: "readings", label: "Readings", code: "sites.detail.tabs.readings" },
  { key: "jobs", label: "Jobs", code: "sites.detail.tabs.jobs" },
  { key: "calls", label: "Calls", code: "sites.detail.tabs.calls" },
  { key: "alerts", label: "Alerts", code: "sites.detail.tabs.alerts" },
  { key: "history", label: "History", code: "sites.detail.tabs.history" },
] as const;
export type SiteTab = (typeof SITE_TABS)[number]["key"];

export interface SiteDetail {
  id: string;
  name: string;
  address: string;
  city: string;
  postcode: string;
  region: string;
  status: SiteStatus;
  meterType: string;
  lastReadingKwh: number;
  lastReadAt: string;
  openAlerts: number;
  fields: {
    meterSerial: Gated<string>;
    simIccid: Gated<string>;
    consumption: Gated<number[]>;
    accountNumber: Gated<string>;
    billing: Gated<Site["billing"]>;
    landlord: Gated<Site["landlord"]>;
    notes: Gated<string[]>;
    /** Shown as MASK unless the viewer holds sites.detail.fields.sensitive. */
    sensitive: { masked: boolean; iban: string; accessCode: string; vulnerability: string };
  };
  /** Only the tabs the viewer may open carry data. */
  tabs: {
    overview?: true;
    meters?: Meter[];
    readings?: Reading[];
    jobs?: Job[];
    calls?: Call[];
    alerts?: Alert[];
    history?: HistoryEntry[];
  };
}

function gated<T>(can: (code: string) => boolean, code: string, value: () => T): Gated<T> {
  return can(code) ? { visible: true, value: value() } : { visible: false, requires: code };
}

export function siteDetailFor(site: Site, can: (code: string) => boolean): SiteDetail {
  const sensitive = can(SITE_FIELDS.sensitive);
  const tab = <T>(key: SiteTab, data: () => T): T | undefined =>
    can(SITE_TABS.find((t) => t.key === key)!.code) ? data() : undefined;
  return {
    id: site.id,
    name: site.name,
    address: site.address,
    city: site.city,
    postcode: site.postcode,
    region: site.region,
    status: site.status,
    meterType: site.meterType,
    lastReadingKwh: site.lastReadingKwh,
    lastReadAt: site.lastReadAt,
    openAlerts: site.openAlerts,
    fields: {
      meterSerial: gated(can, SITE_FIELDS.meter_serial, () => site.meterSerial),
      simIccid: gated(can, SITE_FIELDS.meter_serial, () => site.simIccid),
      consumption: gated(can, SITE_FIELDS.consumption, () => site.consumption),
      accountNumber: gated(can, SITE_FIELDS.account_number, () => site.accountNumber),
      billing: gated(can, SITE_FIELDS.billing, () => site.billing),
      landlord: gated(can, SITE_FIELDS.landlord_contact, () => site.landlord),
      notes: gated(can, SITE_FIELDS.notes, () => site.notes),
      sensitive: sensitive
        ? { masked: false, ...site.sensitive }
        : { masked: true, iban: MASK, accessCode: MASK, vulnerability: MASK },
    },
    tabs: {
      overview: tab("overview", () => true as const),
      meters: tab("meters", () => siteMeters(site)),
      readings: tab("readings", () => siteReadings(site)),
      jobs: tab("jobs", () => jobsOfSite(site.id)),
      calls: tab("calls", () => siteCalls(site)),
      alerts: tab("alerts", () => siteAlerts(site)),
      history: tab("history", () => siteHistory(site)),
    },
  };
}
