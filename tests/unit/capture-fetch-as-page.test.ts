// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { fetchAsPage, NotReadableByPage } from '../../lib/capture/fetch-as-page';

const PAGE = 'https://site.example/post/1';
type Call = { url: string; init: RequestInit | undefined };

/** Records each call; `answer` gives the response (or throws, as a refused CORS read does). */
function recording(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    const call = { url, init };
    calls.push(call);
    return new Promise((resolve) => resolve(answer(call)));
  };
  return { calls, fetchImpl };
}
const ok = () => new Response(new Uint8Array([1, 2, 3]));
const opaque = () => ({ type: 'opaque' }) as Response;
const refused = () => {
  throw new TypeError('Failed to fetch');
};
const noCors = (credentials: RequestCredentials) => ({
  cache: 'force-cache',
  signal: undefined,
  referrer: PAGE,
  mode: 'no-cors',
  credentials,
});
const cors = {
  cache: 'force-cache',
  signal: undefined,
  referrer: PAGE,
  mode: 'cors',
  credentials: 'same-origin',
};

describe('fetchAsPage', () => {
  it("asks as the page's no-cors fetch would: its referrer, cookies for its own origin only", async () => {
    const f = recording(ok);
    expect((await fetchAsPage(`${PAGE}/a.png`, {}, PAGE, f.fetchImpl)).ok).toBe(true);
    // Firefox: the content script reads another origin's file in no-cors mode.
    expect((await fetchAsPage('https://cdn.other/b.png', {}, PAGE, f.fetchImpl)).ok).toBe(true);
    expect(f.calls).toEqual([
      { url: `${PAGE}/a.png`, init: noCors('include') },
      { url: 'https://cdn.other/b.png', init: noCors('omit') },
    ]);
  });

  it("Chromium: an opaque answer is asked again as the page's fetch(url); refused, it is unreadable", async () => {
    const withCors = recording((c) => (c.init?.mode === 'no-cors' ? opaque() : ok()));
    expect((await fetchAsPage('https://cdn.other/b.png', {}, PAGE, withCors.fetchImpl)).ok).toBe(
      true,
    );
    expect(withCors.calls.map((c) => c.init)).toEqual([noCors('omit'), cors]);
    const without = recording((c) => (c.init?.mode === 'no-cors' ? opaque() : refused()));
    await expect(
      fetchAsPage('https://cdn.other/b.png', {}, PAGE, without.fetchImpl),
    ).rejects.toBeInstanceOf(NotReadableByPage);
  });

  it('a failure that is not an opaque answer is passed on as it is', async () => {
    const f = recording(refused);
    await expect(fetchAsPage(`${PAGE}/a.png`, {}, PAGE, f.fetchImpl)).rejects.toBeInstanceOf(
      TypeError,
    );
  });
});
