import { daysAgo, digits, int, PEOPLE, pick, random } from "./random";
import type { Site } from "./sites";

export interface Meter {
  serial: string;
  kind: string;
  installed: string;
  status: "active" | "removed";
  register: string;
}
export interface Reading {
  date: string;
  register: string;
  kwh: number;
  source: "smart" | "manual" | "estimate";
}
export interface Call {
  date: string;
  caller: string;
  topic: string;
  outcome: string;
}
export interface Alert {
  raised: string;
  severity: "info" | "warning" | "critical";
  message: string;
}
export interface HistoryEntry {
  date: string;
  actor: string;
  event: string;
}

export function siteMeters(site: Site): Meter[] {
  const r = random(`meters-${site.id}`);
  return [
    {
      serial: site.meterSerial,
      kind: site.meterType,
      installed: daysAgo(int(r, 200, 1400)),
      status: "active",
      register: "Import",
    },
    ...(r() < 0.5
      ? [
          {
            serial: `${site.meterSerial.slice(0, 4)}${digits(r, 6)}`,
            kind: "Legacy credit",
            installed: daysAgo(int(r, 1500, 3000)),
            status: "removed" as const,
            register: "Import",
          },
        ]
      : []),
    ...(r() < 0.3
      ? [
          {
            serial: `X${digits(r, 8)}`,
            kind: "Export (solar)",
            installed: daysAgo(int(r, 100, 700)),
            status: "active" as const,
            register: "Export",
          },
        ]
      : []),
  ];
}

export function siteReadings(site: Site): Reading[] {
  const r = random(`readings-${site.id}`);
  let kwh = site.lastReadingKwh;
  return Array.from({ length: 10 }, (_, i) => {
    const row = {
      date: daysAgo(i * 7 + int(r, 0, 2)),
      register: "Import",
      kwh,
      source: pick(r, ["smart", "smart", "smart", "manual", "estimate"] as const),
    };
    kwh -= int(r, 150, 1900);
    return row;
  });
}

const TOPICS = [
  "Bill higher than expected",
  "Meter display blank",
  "Change of tenancy",
  "Access for engineer",
  "Smart meter not sending readings",
];
export function siteCalls(site: Site): Call[] {
  const r = random(`calls-${site.id}`);
  return Array.from({ length: int(r, 2, 4) }, (_, i) => ({
    date: daysAgo(i * 11 + int(r, 1, 9)),
    caller: pick(r, PEOPLE),
    topic: pick(r, TOPICS),
    outcome: pick(r, ["Resolved on call", "Job raised", "Callback booked", "Escalated to billing"]),
  }));
}

export function siteAlerts(site: Site): Alert[] {
  const r = random(`alerts-${site.id}`);
  const messages = [
    "No reading received for 48 h",
    "Tamper flag raised",
    "Consumption 40% above forecast",
    "Low signal strength",
    "Clock drift over 5 minutes",
  ];
  return Array.from({ length: site.openAlerts }, (_, i) => ({
    raised: daysAgo(i * 2 + int(r, 0, 2)),
    severity: site.status === "offline" ? "critical" : pick(r, ["warning", "warning", "info", "critical"] as const),
    message: pick(r, messages),
  }));
}

export function siteHistory(site: Site): HistoryEntry[] {
  const r = random(`history-${site.id}`);
  const events = [
    "Site created",
    "Meter commissioned",
    "Tariff changed",
    "Landlord contact updated",
    "Note added",
    "Job completed",
    "SIM replaced",
  ];
  return Array.from({ length: 6 }, (_, i) => ({
    date: daysAgo(i * 37 + int(r, 0, 20)),
    actor: pick(r, [...PEOPLE, "System"]),
    event: i === 5 ? events[0]! : pick(r, events.slice(1)),
  }));
}
