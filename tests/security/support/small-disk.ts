// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { mkdirSync, statfsSync } from 'node:fs';

export interface SmallDisk {
  dir: string;
  /** Free bytes on it now. */
  free(): number;
  unmount(): void;
}

/**
 * Mounts a tmpfs of `mb` MiB at `dir`: a real filesystem that fills up, so the browser meets a
 * full disk rather than an origin quota (`unlimitedStorage` lifts the quota). Needs root, as in
 * this project's CI container; throws with the reason otherwise.
 */
export function mountSmallDisk(dir: string, mb: number): SmallDisk {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m,mode=0700`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    throw new Error(
      `cannot mount a ${mb} MiB tmpfs at ${dir} (the full-disk test needs root): ${String(error)}`,
    );
  }
  return {
    dir,
    free: () => {
      const s = statfsSync(dir);
      return s.bavail * s.bsize;
    },
    unmount: () => execFileSync('umount', ['-l', dir]),
  };
}
