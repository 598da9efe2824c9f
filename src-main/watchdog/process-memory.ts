// Memory of the kiosk's whole process tree as the supervisor measures it in Linux's /proc, to check
// what the kiosk reports about itself. Electron's renderer and GPU processes share libraries
// with the main process, so summing their resident sizes would count those pages several times.
// The proportional set size (Pss in smaps_rollup, Linux 4.14 and later) splits each shared page
// among its users; VmRSS is the fallback where smaps_rollup cannot be read.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProcessEntry {
  pid: number;
  parentPid: number;
  groupId: number;
}

// /proc/<pid>/stat is "pid (comm) state ppid pgrp ...", and comm may itself contain spaces
// and parentheses, so the fields are counted from the last closing parenthesis.
function readStat(procDir: string, pid: number): ProcessEntry | null {
  try {
    const text = readFileSync(path.join(procDir, String(pid), 'stat'), 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, parentPid: Number(fields[1]), groupId: Number(fields[2]) };
  } catch {
    // The process exited between the listing and the read.
    return null;
  }
}

function kilobytesField(text: string, field: string): number | null {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}

/** Returns a process's proportional set size in bytes (resident size where Pss is unreadable), or 0 once it has exited. */
function processBytes(procDir: string, pid: number): number {
  const dir = path.join(procDir, String(pid));
  try {
    const pss = kilobytesField(readFileSync(path.join(dir, 'smaps_rollup'), 'utf8'), 'Pss');
    if (pss !== null) return pss * 1024;
  } catch {
    // Older kernel, or no permission: the resident size follows.
  }
  try {
    return (kilobytesField(readFileSync(path.join(dir, 'status'), 'utf8'), 'VmRSS') ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * Returns `rootPid`, its descendants and the other members of its process group (the supervisor
 * starts the kiosk as a group leader, and a process whose parent died stays in the group), or
 * null when /proc is missing or `rootPid` has exited.
 */
export function processTreeMembers(rootPid: number, procDir = '/proc'): Set<number> | null {
  let names: string[];
  try {
    names = readdirSync(procDir);
  } catch {
    return null;
  }

  const entries = names
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(procDir, Number(name)))
    .filter((entry): entry is ProcessEntry => entry !== null);
  if (!entries.some((entry) => entry.pid === rootPid)) return null;

  const childrenOf = new Map<number, number[]>();
  for (const entry of entries) childrenOf.set(entry.parentPid, [...(childrenOf.get(entry.parentPid) ?? []), entry.pid]);

  const members = new Set<number>([rootPid]);
  for (const entry of entries) if (entry.groupId === rootPid) members.add(entry.pid);
  const queue = [...members];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    for (const child of childrenOf.get(pid) ?? []) {
      if (members.has(child)) continue;
      members.add(child);
      queue.push(child);
    }
  }
  return members;
}

/** Sums the memory of the kiosk's process tree (see processTreeMembers); null when it cannot be read. */
export function readProcessTreeMemory(rootPid: number, procDir = '/proc'): number | null {
  const members = processTreeMembers(rootPid, procDir);
  if (members === null) return null;
  let total = 0;
  for (const pid of members) total += processBytes(procDir, pid);
  return total;
}
