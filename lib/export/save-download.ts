// SPDX-License-Identifier: AGPL-3.0-or-later

interface DownloadDelta {
  id: number;
  state?: { current?: string };
  error?: { current?: string };
}

export interface DownloadsLike {
  download(options: { url: string; filename: string; saveAs: boolean }): Promise<number>;
  onChanged: {
    addListener(listener: (delta: DownloadDelta) => void): void;
    removeListener(listener: (delta: DownloadDelta) => void): void;
  };
}

/**
 * Saves bytes through the downloads API from a blob URL. Resolves with the download id once the
 * browser reports the file complete; rejects if it is interrupted. The blob URL is revoked only
 * then (Firefox reads it lazily).
 */
export function createDownloadSaver(downloads: DownloadsLike, mediaType = 'application/zip') {
  return async function save(bytes: Uint8Array, filename: string): Promise<number> {
    const url = URL.createObjectURL(
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }),
    );
    let listener: ((delta: DownloadDelta) => void) | undefined;
    try {
      // The id is known only after download() resolves; deltas that arrive earlier wait.
      const started: { id?: number } = {};
      const early: DownloadDelta[] = [];
      const finished = new Promise<void>((resolve, reject) => {
        listener = (delta) => {
          if (started.id === undefined) {
            early.push(delta);
            return;
          }
          if (delta.id !== started.id) return;
          if (delta.state?.current === 'complete') resolve();
          if (delta.state?.current === 'interrupted') {
            reject(new Error(`Download interrupted: ${delta.error?.current ?? 'unknown reason'}`));
          }
        };
        downloads.onChanged.addListener(listener);
      });
      started.id = await downloads.download({ url, filename, saveAs: false });
      for (const delta of early.splice(0)) listener?.(delta);
      await finished;
      return started.id;
    } finally {
      if (listener) downloads.onChanged.removeListener(listener);
      URL.revokeObjectURL(url);
    }
  };
}
