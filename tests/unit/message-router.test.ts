// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { PROTOCOL, type MessageType } from '../../lib/messaging/protocol';
import { createRouter, type Handlers, type SenderInfo } from '../../lib/messaging/router';
import { TYPES, VALID } from '../security/support/fuzz-messages';

const RUNTIME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${RUNTIME_ID}/`;

function recordingHandlers(calls: string[]): Handlers {
  const handler = (type: MessageType) => () => {
    calls.push(type);
    return Promise.resolve({} as never);
  };
  return Object.fromEntries(TYPES.map((type) => [type, handler(type)])) as unknown as Handlers;
}

const extensionPage: SenderInfo = {
  id: RUNTIME_ID,
  url: `${ORIGIN}vault.html`,
  origin: ORIGIN.slice(0, -1),
};
const hostileSenders: Record<string, SenderInfo> = {
  'content script in a web page': {
    id: RUNTIME_ID,
    url: 'https://evil.example/post',
    origin: 'https://evil.example',
    tab: { url: 'https://evil.example/post' },
  },
  'web page without extension id': { url: 'https://evil.example/', origin: 'https://evil.example' },
  'another extension': {
    id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz',
    url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html',
  },
  'our id with a look-alike origin': {
    id: RUNTIME_ID,
    url: `chrome-extension://${RUNTIME_ID}.evil.example/x`,
  },
  'our URL but another origin reported': {
    id: RUNTIME_ID,
    url: `${ORIGIN}vault.html`,
    origin: 'https://evil.example',
  },
  'our page URL claimed inside a web tab': {
    id: RUNTIME_ID,
    url: `${ORIGIN}vault.html`,
    tab: { url: 'https://evil.example/' },
  },
  'no sender information': {},
};

function setup() {
  const calls: string[] = [];
  const rejected: string[] = [];
  const router = createRouter(recordingHandlers(calls), {
    extensionOrigin: ORIGIN,
    runtimeId: RUNTIME_ID,
    onRejected: (e) => rejected.push(e.code),
  });
  return { router, calls, rejected };
}

describe('message router sender policy', () => {
  for (const [label, sender] of Object.entries(hostileSenders)) {
    it(`refuses every message from: ${label}`, async () => {
      const { router, calls, rejected } = setup();
      for (const type of TYPES) {
        const reply = await router.handle({ type, payload: VALID[type] }, sender);
        expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
      }
      expect(calls).toEqual([]);
      expect(rejected).toHaveLength(TYPES.length);
    });
  }

  it('lets extension pages send every message', async () => {
    const { router, calls } = setup();
    for (const type of TYPES) {
      expect(await router.handle({ type, payload: VALID[type] }, extensionPage)).toEqual({
        ok: true,
        value: {},
      });
    }
    expect(calls).toEqual(TYPES);
  });

  it('rejects unknown and inherited message types loudly, before any handler', async () => {
    const { router, calls, rejected } = setup();
    for (const type of ['vault.erase', 'toString', '__proto__', 'constructor', 42, undefined]) {
      const reply = await router.handle({ type, payload: {} }, extensionPage);
      expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
    }
    expect(await router.handle('vault.status', extensionPage)).toMatchObject({
      ok: false,
      error: { code: 'bad-message' },
    });
    expect(calls).toEqual([]);
    expect(rejected).toHaveLength(7);
  });

  it('rejects malformed payloads', async () => {
    const { router, calls } = setup();
    const bad: Array<[MessageType, unknown]> = [
      ['vault.status', { extra: 1 }],
      ['vault.unlock', { passphrase: '' }],
      ['vault.unlock', { passphrase: 'x'.repeat(5000) }],
      ['vault.create', { passphrase: 'long enough passphrase', collectorName: 7 }],
      ['settings.update', { autoLockMinutes: 0 }],
      ['settings.update', { autoLockMinutes: 1.5 }],
      ['settings.update', { autoLockMinutes: '15' }],
      ['settings.update', {}],
      ['settings.update', { reviewImages: 'hidden' }],
      ['settings.update', { reviewImages: 'shown', autoLockMinutes: 0 }],
      ['settings.update', { reviewImages: 'shown', extra: true }],
      ['settings.update', JSON.parse('{"__proto__": {"reviewImages": "shown"}}')],
      ['recipients.add', { armored: '' }],
      ['recipients.add', { armored: 'x'.repeat(256 * 1024 + 1) }],
      ['recipients.remove', { fingerprint: 'abc' }],
      ['recipients.remove', { fingerprint: 'a'.repeat(40) }],
      ['settings.update', { notifierEmail: 'not an address' }],
      ['settings.update', { notifierEmail: 'a@b' }],
      ['settings.update', { notifierEmail: 'Amina <amina@example.org>' }],
      ['settings.update', { notifierEmail: 7 }],
      ['settings.update', { notifierName: ' padded ' }],
      ['settings.update', { notifierName: 'x'.repeat(201) }],
      ['allies.invite', { caseId: 'default', scope: '   ', expiresAt: '2030-01-01' }],
      ['allies.invite', { caseId: 'default', scope: 'x'.repeat(2001), expiresAt: '2030-01-01' }],
      ['allies.invite', { caseId: 'default', scope: 'posts', expiresAt: 'next week' }],
      ['allies.invite', { caseId: '', scope: 'posts', expiresAt: '2030-01-01' }],
      ['allies.check', { armored: '' }],
      ['allies.accept', { armored: 'x'.repeat(256 * 1024 + 1) }],
      ['allies.accept', { armored: 'x', caseId: 'default' }],
      ['allies.revoke', { sha256: 'A'.repeat(64) }],
      ['allies.revoke', { sha256: 'a'.repeat(63) }],
      ['allies.revoke', { sha256: 'a'.repeat(64), caseId: 'default' }],
      ['capture.activeTab', null],
    ];
    for (const [type, payload] of bad) {
      expect(await router.handle({ type, payload }, extensionPage)).toMatchObject({
        ok: false,
        error: { code: 'bad-payload' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('returns handler failures with their code', async () => {
    const failing = Object.assign(new Error('The vault is locked'), { code: 'vault-locked' });
    const router = createRouter(
      { ...recordingHandlers([]), 'capture.activeTab': () => Promise.reject(failing) },
      { extensionOrigin: ORIGIN, runtimeId: RUNTIME_ID },
    );
    expect(await router.handle({ type: 'capture.activeTab', payload: {} }, extensionPage)).toEqual({
      ok: false,
      error: { code: 'vault-locked', message: 'The vault is locked' },
    });
  });

  it('marks every message privileged (extension pages only)', () => {
    for (const type of TYPES) expect(PROTOCOL[type].policy).toBe('extension-page');
  });
});
