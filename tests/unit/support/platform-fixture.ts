// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from 'linkedom';

const ROOT = join(import.meta.dirname, '..', '..', 'fixtures', 'platforms');

/** Parses `tests/fixtures/platforms/<platform>/<file>` as a browser would parse the page. */
export function loadFixture(platform: string, file: string): Document {
  return parseHtml(readFileSync(join(ROOT, platform, file), 'utf8'));
}

/** Parses HTML text with linkedom's DOMParser. */
export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}
