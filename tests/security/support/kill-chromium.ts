// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync, readdirSync } from 'node:fs';

/** The browser process (not a renderer or helper) started with `--user-data-dir=<profile>`. */
export function browserPid(profile: string): number {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited meanwhile
    }
    if (!/chrom/.test(argv[0] ?? '')) continue;
    if (argv.some((a) => a.startsWith('--type='))) continue;
    if (argv.includes(`--user-data-dir=${profile}`)) found.push(Number(entry));
  }
  if (found.length !== 1)
    throw new Error(`expected one browser process for ${profile}, found ${found.length}`);
  return found[0]!;
}

function processGroup(pid: number): number {
  // /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so split after ')'.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

const alive = (pid: number): boolean => {
  try {
    // A zombie (killed, not yet reaped by its parent) counts as gone.
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/**
 * SIGKILLs the browser of `profile` and its whole process group at once (renderers, the GPU and
 * network services, the extension's service worker host): what a power cut or the OOM killer does,
 * with no chance to flush anything. Resolves once the browser process is gone.
 */
export async function killBrowser(profile: string): Promise<void> {
  const pid = browserPid(profile);
  const group = processGroup(pid);
  // Playwright starts the browser in a group of its own; never signal the test runner's group.
  if (group === processGroup(process.pid)) throw new Error('the browser shares our process group');
  process.kill(-group, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`browser ${pid} survived SIGKILL`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
