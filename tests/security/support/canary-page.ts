// SPDX-License-Identifier: AGPL-3.0-or-later
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newMarker } from './profile-scan';

export interface CanaryPage {
  /** Markers by where they sit: body text, title, URL query string. */
  evidence: { body: string; title: string; query: string };
  /** File name plus query string, to append to the fixture server's origin. */
  path: string;
}

/** Writes a page holding fresh random markers into `dir` (served on 127.0.0.1 by the test). */
export function writeCanaryPage(dir: string): CanaryPage {
  const evidence = { body: newMarker(), title: newMarker(), query: newMarker() };
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'canary.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>${evidence.title}</title></head>` +
      `<body><article><p>Threat: ${evidence.body}</p></article></body></html>\n`,
  );
  return { evidence, path: `canary.html?q=${evidence.query}` };
}
