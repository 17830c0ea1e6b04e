import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The resident memory of a process in MB, from /proc/<pid>/status; null when it cannot be read. */
export function readRssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The inodes of sockets listening on a TCP port, from /proc/net/tcp and tcp6. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the tenth field.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A' && fields[9]) inodes.add(fields[9]);
    }
  }
  return inodes;
}

/** The process listening on a local TCP port (Linux only; the process must be readable by this user). */
export function findPidByPort(port: number): number | null {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (match?.[1] && inodes.has(match[1])) return Number(entry);
      } catch {
        // The descriptor closed while we looked.
      }
    }
  }
  return null;
}

/** Samples a process's RSS every `intervalMs` until stopped; returns the largest value seen. */
export function sampleRss(pid: number | null, intervalMs = 200): { stop(): number | null } {
  if (pid === null) return { stop: () => null };
  let max = readRssMb(pid);
  const timer = setInterval(() => {
    const value = readRssMb(pid);
    if (value !== null && (max === null || value > max)) max = value;
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      const value = readRssMb(pid);
      return value !== null && (max === null || value > max) ? value : max;
    },
  };
}
