// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';

export interface BundleContents {
  names: string[];
  text(name: string): Promise<string>;
  json<T>(name: string): Promise<T>;
  bytes(name: string): Promise<Uint8Array>;
}

/** Opens an exported bundle for assertions on its contents. */
export async function openBundle(path: string): Promise<BundleContents> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]?.dir);
  const text = async (name: string) => {
    const entry = zip.file(name);
    if (!entry) throw new Error(`${name} is not in the bundle`);
    return entry.async('string');
  };
  const bytes = async (name: string) => {
    const entry = zip.file(name);
    if (!entry) throw new Error(`${name} is not in the bundle`);
    return entry.async('uint8array');
  };
  return {
    names,
    text,
    bytes,
    json: async <T>(name: string) => JSON.parse(await text(name)) as T,
  };
}
