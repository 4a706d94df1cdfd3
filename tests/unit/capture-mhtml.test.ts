// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { captureMhtml, NOTE_NO_MHTML } from '../../lib/capture/archive';

const MHTML = 'From: <Saved by Blink>\r\nContent-Type: multipart/related;\r\n\r\nbody';

describe('MHTML archive', () => {
  it('tries again when the browser loses the archive file before it is read', async () => {
    let calls = 0;
    const result = await captureMhtml(({ tabId }) => {
      expect(tabId).toBe(4);
      calls++;
      if (calls < 3) return Promise.reject(new Error('NotFoundError: file could not be found'));
      return Promise.resolve(new Blob([MHTML]));
    }, 4);
    expect(calls).toBe(3);
    expect(new TextDecoder().decode('bytes' in result ? result.bytes : undefined)).toBe(MHTML);
  });

  it('gives up with a note naming the failure, and says why Firefox has none', async () => {
    let calls = 0;
    const result = await captureMhtml(() => {
      calls++;
      return Promise.reject(new Error('NotFoundError: gone'));
    }, 4);
    expect(calls).toBe(3);
    expect(result).toEqual({
      note: 'MHTML page archive failed after 3 attempts: Error: NotFoundError: gone',
    });
    expect(await captureMhtml(undefined, 4)).toEqual({ note: NOTE_NO_MHTML });
  });
});
