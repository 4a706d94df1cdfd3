// SPDX-License-Identifier: AGPL-3.0-or-later

export interface BrowserIdentity {
  name: string;
  version: string;
}

interface RuntimeLike {
  getBrowserInfo?: () => Promise<{ name: string; version: string }>;
}

/** Names the browser from its user agent string (Chromium family). */
export function browserFromUserAgent(userAgent: string): BrowserIdentity {
  const patterns: Array<[string, RegExp]> = [
    ['Edge', /Edg\/([\d.]+)/],
    ['Opera', /OPR\/([\d.]+)/],
    ['Firefox', /Firefox\/([\d.]+)/],
    ['Chromium', /Chromium\/([\d.]+)/],
    ['Chrome', /Chrome\/([\d.]+)/],
  ];
  for (const [name, pattern] of patterns) {
    const match = pattern.exec(userAgent);
    if (match?.[1]) return { name, version: match[1] };
  }
  return { name: 'unknown', version: 'unknown' };
}

/** Firefox answers `runtime.getBrowserInfo`; Chromium only has its user agent. */
export async function detectBrowser(runtime: object, userAgent: string): Promise<BrowserIdentity> {
  const { getBrowserInfo } = runtime as RuntimeLike;
  if (typeof getBrowserInfo === 'function') {
    const info = await getBrowserInfo.call(runtime);
    return { name: info.name, version: info.version };
  }
  return browserFromUserAgent(userAgent);
}
