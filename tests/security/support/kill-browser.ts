// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync, readdirSync } from 'node:fs';

export type BrowserKind = 'chromium' | 'firefox';

/**
 * The browser process (not a renderer, content or helper process) started on `profile`: Chromium
 * with `--user-data-dir=<profile>`, Firefox with `--profile <profile>`.
 */
export function browserPid(profile: string, kind: BrowserKind = 'chromium'): number {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited meanwhile
    }
    if (kind === 'chromium') {
      if (!/chrom/.test(argv[0] ?? '')) continue;
      if (argv.some((a) => a.startsWith('--type='))) continue;
      if (argv.includes(`--user-data-dir=${profile}`)) found.push(Number(entry));
    } else {
      if (!/firefox/.test(argv[0] ?? '')) continue;
      if (argv.includes('-contentproc')) continue;
      const at = argv.findIndex((a) => a === '--profile' || a === '-profile');
      if (at >= 0 && argv[at + 1] === profile) found.push(Number(entry));
    }
  }
  if (found.length !== 1)
    throw new Error(`expected one ${kind} process for ${profile}, found ${found.length}`);
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
 * SIGKILLs the browser of `profile` and its whole process group at once (renderers or content
 * processes, the GPU and network services, the extension's host): what a power cut or the OOM
 * killer does, with no chance to flush anything. Resolves once the browser process is gone.
 */
export async function killBrowser(profile: string, kind: BrowserKind = 'chromium'): Promise<void> {
  const pid = browserPid(profile, kind);
  const group = processGroup(pid);
  // Playwright and puppeteer start the browser in a group of its own; never signal the runner's.
  if (group === processGroup(process.pid)) throw new Error('the browser shares our process group');
  process.kill(-group, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`browser ${pid} survived SIGKILL`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
