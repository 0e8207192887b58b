/**
 * Memory of the processes a benchmark starts (Chromium and its helpers), from ps:
 * summed resident sizes, which count shared pages more than once (an upper bound).
 */
import { execFileSync } from 'node:child_process';

/** Resident memory (MB) of this process's child processes (Chromium and its helpers). */
export function childrenRssMb(): number {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number]);
  const tree = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of rows) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  tree.delete(process.pid);
  return rows.filter(([pid]) => tree.has(pid)).reduce((sum, [, , rss]) => sum + rss, 0) / 1024;
}
