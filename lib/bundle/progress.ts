// SPDX-License-Identifier: AGPL-3.0-or-later

/** The stages of an export, in order; past 'saving' the export is logged and can no longer stop. */
export type ExportStage = 'items' | 'report' | 'signing' | 'zip' | 'saving';

/** Where an export stands: `done` of `total` in `stage` (captures, or per cent while zipping). */
export interface ExportProgress {
  stage: ExportStage;
  done: number;
  total: number;
}

/** What a caller passes down an export: where to report progress, and how to stop it. */
export interface ExportControl {
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

interface SchedulerLike {
  yield?: () => Promise<void>;
}

/**
 * Resolves in a later task, so the page can paint and take a click (Cancel) between heavy steps.
 * Not setTimeout: a background tab throttles timers to one a second.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * A seam of the export: reports progress, yields one task, and throws the signal's reason (an
 * AbortError) if the export was cancelled, so nothing after this point runs.
 */
export async function exportStep(
  control: ExportControl | undefined,
  progress: ExportProgress,
): Promise<void> {
  control?.signal?.throwIfAborted();
  control?.onProgress?.(progress);
  await nextTask();
  control?.signal?.throwIfAborted();
}

/** True for the error a cancelled export ends with. */
export function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Error).name === 'AbortError';
}
