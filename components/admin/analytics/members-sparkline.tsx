/**
 * Members of one role per day as a small inline line (no chart library: one SVG path). Days with
 * no snapshot (null) break the line rather than being drawn as zero, so a gap never reads as
 * "everyone left". The last known value is marked with a dot.
 */
export function MembersSparkline({
  days,
  members,
  label,
}: {
  days: string[];
  members: (number | null)[];
  label: string;
}) {
  const width = 120;
  const height = 28;
  const known = members.filter((m): m is number => m !== null);
  const first = members.findIndex((m) => m !== null);
  const lastIndex = members.findLastIndex((m) => m !== null);
  const count = (n: number | null | undefined) => `${n} member${n === 1 ? "" : "s"}`;
  const summary =
    known.length === 0
      ? `${label}: no members recorded in the period`
      : first === lastIndex
        ? `${label}: ${count(members[first])} on ${days[first]}; no other day of the period recorded`
        : `${label}: ${count(members[first])} on ${days[first]}, ${count(members[lastIndex])} on ${days[lastIndex]}; at most ${Math.max(...known)}`;
  if (known.length === 0) return <span className="text-xs text-slate-400">no data</span>;
  const max = Math.max(1, ...known);
  const x = (i: number) => (members.length <= 1 ? width / 2 : (i / (members.length - 1)) * (width - 8) + 4);
  const y = (v: number) => height - 3 - (v / max) * (height - 6);
  let d = "";
  let pen = false;
  members.forEach((m, i) => {
    if (m === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(m).toFixed(1)}`;
    pen = true;
  });
  const lastValue = members[lastIndex]!;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={summary}
      className="inline-block align-middle"
      data-testid="members-sparkline"
    >
      <title>{summary}</title>
      <line x1={2} x2={width - 2} y1={height - 3} y2={height - 3} stroke="#e2e8f0" />
      <path d={d} fill="none" stroke="#4f46e5" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
      <circle cx={x(lastIndex)} cy={y(lastValue)} r={2.5} fill="#4f46e5" />
    </svg>
  );
}
