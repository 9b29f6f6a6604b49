/**
 * CPU time of a process group, from /proc (Linux): what a server under load spent, user and
 * system time together, across every process of its group (`npm start` is npm → sh → node; Cerbos
 * is one process with many threads). Read before and after a measured run, divided by the
 * answers, it is the server's CPU per request — the number that says whether a server is slow or
 * starved, which req/s alone cannot on two cores shared with the load generator.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds used so far by every live process of the group `pgid`; null where /proc is not there. */
export function groupCpuSeconds(pgid: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  let ticks = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // Fields after the command (which may hold spaces and parentheses): state ppid pgrp … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}
