// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * A virtual X screen for headed browsers, and real X input on it. The context menu and the
 * browser's keyboard shortcuts are native: neither CDP nor WebDriver BiDi can open or press them,
 * so the tests that use them run the browser headed under Xvfb and send input with xdotool.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';

export interface XScreen {
  /** The DISPLAY value, e.g. `:12`. */
  display: string;
  /** Runs xdotool on this screen; its standard output. */
  xdotool(...args: string[]): Promise<string>;
  /** Ids of the windows mapped on the screen now (menus are windows of their own). */
  visibleWindows(): Promise<string[]>;
  close(): Promise<void>;
}

/** Throws, saying what to install, when Xvfb or xdotool is missing. */
export function requireXTools(): void {
  const missing = ['Xvfb', 'xdotool'].filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
  );
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(' and ')} not found: the context-menu and shortcut tests drive a headed ` +
        'browser on a virtual screen (Debian: apt-get install -y xvfb xdotool)',
    );
  }
}

/** Starts Xvfb on a display number it picks itself (free at that moment) and waits until it is ready. */
export async function startXvfb(size = '1600x1000x24'): Promise<XScreen> {
  requireXTools();
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', size, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    const fd = child.stdio[3] as NodeJS.ReadableStream;
    fd.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    void exited.then(() => reject(new Error(`Xvfb exited before it was ready: ${stderr}`)));
  });
  const display = `:${number}`;
  const xdotool = (...args: string[]) =>
    new Promise<string>((resolve, reject) => {
      execFile('xdotool', args, { env: { ...process.env, DISPLAY: display } }, (error, stdout) => {
        if (error) reject(new Error(`xdotool ${args.join(' ')}: ${error.message}`));
        else resolve(stdout);
      });
    });
  return {
    display,
    xdotool,
    // xdotool exits 1 when no window matches.
    visibleWindows: async () =>
      (await xdotool('search', '--onlyvisible', '--name', '').catch(() => ''))
        .split('\n')
        .filter(Boolean),
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
