// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';

/** Loads bytes into a blob URL for an <img> (never for HTML) and revokes it when done. */
export function useBlobUrl(
  load: (() => Promise<Uint8Array>) | null,
  mediaType: string,
  key: string,
): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!load) return undefined;
    let created: string | null = null;
    let cancelled = false;
    load().then(
      (bytes) => {
        if (cancelled) return;
        created = URL.createObjectURL(
          new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }),
        );
        setUrl(created);
      },
      () => setUrl(null),
    );
    return () => {
      cancelled = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [key]);
  return url;
}
