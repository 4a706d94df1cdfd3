// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Runs `fn` and records how long it took as the User Timing measure `attest:<name>`, which the
 * browser's profiler shows and scripts/bench-export.ts reads back from the vault page. Nothing
 * about the data is recorded, only the stage's name and duration, and only in this page.
 */
export async function measured<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    performance.measure(`attest:${name}`, { start });
  }
}
