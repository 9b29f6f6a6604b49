"use client";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { formatDay } from "@/lib/format/dates";

// The console's palette: brand indigo for allowed, red for denied.
const ALLOWED = "#4f46e5";
const DENIED = "#dc2626";
const GRID = "#e2e8f0";
const AXIS = { fontSize: 12, fill: "#64748b" };
const tooltipStyle = {
  borderRadius: 8,
  border: "1px solid #e2e8f0",
  fontSize: 12,
  boxShadow: "0 4px 12px rgb(15 23 42 / 0.08)",
};

const shortDay = formatDay;

export interface DayPoint {
  day: string;
  allowed: number;
  denied: number;
}
export interface CodePoint {
  code: string;
  allowed: number;
  denied: number;
  total: number;
}

/**
 * Allowed and denied checks per UTC day, side by side from the same zero: each bar's height is
 * its own count (stacked areas would lift "denied" onto "allowed" and read as a bigger number).
 */
export function ChecksOverTime({ data }: { data: DayPoint[] }) {
  return (
    <BarChart
      responsive
      data={data}
      style={{ width: "100%", height: 280 }}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      barGap={1}
      barCategoryGap="20%"
      accessibilityLayer
    >
      <CartesianGrid stroke={GRID} vertical={false} />
      <XAxis
        dataKey="day"
        tickFormatter={shortDay}
        tick={AXIS}
        tickLine={false}
        axisLine={{ stroke: GRID }}
        minTickGap={24}
      />
      <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} width={48} />
      <Tooltip cursor={{ fill: "#f1f5f9" }} labelFormatter={(d) => shortDay(String(d))} contentStyle={tooltipStyle} />
      <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
      {/* No entry animation: a chart is read, and a half-drawn one misleads a quick glance (or a screenshot). */}
      <Bar
        dataKey="allowed"
        name="Allowed"
        fill={ALLOWED}
        maxBarSize={14}
        radius={[2, 2, 0, 0]}
        isAnimationActive={false}
      />
      <Bar
        dataKey="denied"
        name="Denied"
        fill={DENIED}
        maxBarSize={14}
        radius={[2, 2, 0, 0]}
        isAnimationActive={false}
      />
    </BarChart>
  );
}

/** The busiest permissions, longest bar first: allowed then denied end to end, so a bar's length is its total. */
export function BusiestPermissions({ data }: { data: CodePoint[] }) {
  const height = Math.max(160, data.length * 34 + 48);
  return (
    <BarChart
      responsive
      layout="vertical"
      data={data}
      style={{ width: "100%", height }}
      margin={{ top: 4, right: 16, bottom: 0, left: 8 }}
      barCategoryGap={6}
      accessibilityLayer
    >
      <CartesianGrid stroke={GRID} horizontal={false} />
      <XAxis type="number" allowDecimals={false} tick={AXIS} tickLine={false} axisLine={{ stroke: GRID }} />
      <YAxis
        type="category"
        dataKey="code"
        width={210}
        tick={{ ...AXIS, fontFamily: "var(--font-geist-mono, monospace)", fontSize: 11 }}
        tickLine={false}
        axisLine={false}
        interval={0}
      />
      <Tooltip cursor={{ fill: "#f1f5f9" }} contentStyle={tooltipStyle} />
      <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
      <Bar dataKey="allowed" name="Allowed" stackId="c" fill={ALLOWED} maxBarSize={22} isAnimationActive={false} />
      <Bar dataKey="denied" name="Denied" stackId="c" fill={DENIED} maxBarSize={22} isAnimationActive={false} />
    </BarChart>
  );
}
