// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 5, message fuzzing: the real background listeners, router and handlers over the real
// vault (fake-indexeddb, WXT's fake browser) get thousands of random and malformed messages.
// From a content script no handler may run; from any sender nothing may crash.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { CaptureService } from '../../lib/capture/capture-tab';
import { createPendingCaptureStore } from '../../lib/capture/pending-capture';
import { createAutoLock } from '../../lib/messaging/auto-lock';
import {
  registerBackgroundListeners,
  type BackgroundApi,
} from '../../lib/messaging/background-listeners';
import type { Reply } from '../../lib/messaging/protocol';
import type { SenderInfo } from '../../lib/messaging/router';
import {
  createHarness,
  dbSnapshot,
  PASSPHRASE,
  type VaultHarness,
} from '../unit/support/vault-fixtures';
import { fuzzMessage } from './support/fuzz-messages';
import { prng } from './support/tamper-cases';

const RUNTIME_ID = 'fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz';
const ORIGIN = `chrome-extension://${RUNTIME_ID}`;
const PER_PHASE = 600;

type Listener = (m: unknown, s: SenderInfo, respond: (r: Reply<unknown>) => void) => unknown;

const contentScripts: Record<string, SenderInfo> = {
  'content script, top frame': {
    id: RUNTIME_ID,
    url: 'https://evil.example/post?id=1',
    origin: 'https://evil.example',
    tab: { url: 'https://evil.example/post?id=1' },
  },
  'content script, cross-origin iframe': {
    id: RUNTIME_ID,
    url: 'https://ads.evil.example/frame.html',
    origin: 'https://ads.evil.example',
    tab: { url: 'https://news.example/' },
  },
};
const extensionPage: SenderInfo = { id: RUNTIME_ID, url: `${ORIGIN}/vault.html`, origin: ORIGIN };

/** Wraps every method of `target` so each call is recorded: a call is a handler at work. */
function counted<T extends object>(name: string, target: T, calls: string[]): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(`${name}.${String(prop)}`);
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
}

describe('message fuzzing', () => {
  let h: VaultHarness;
  let listener: Listener | undefined;
  const calls: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => void unhandled.push(e);

  beforeAll(async () => {
    fakeBrowser.reset();
    process.on('unhandledRejection', onUnhandled);
    // The router logs every refusal (loud by design); count them instead of printing thousands.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    h = createHarness();
    await h.vault.create({ passphrase: PASSPHRASE, collectorName: 'Fuzz target' });
    await h.vault.lock();
    const capture: CaptureService = {
      resolveTarget: () => Promise.reject(new Error('no tab in this test')),
      capture: () => Promise.reject(Object.assign(new Error('no tab'), { code: 'no-tab' })),
      privateWindows: () => Promise.resolve({ allowed: false, targetIsPrivate: false }),
    };
    const none = { addListener: () => undefined };
    const api = {
      runtime: {
        id: RUNTIME_ID,
        getURL: (path: string) => `${ORIGIN}${path}`,
        onMessage: { addListener: (l: Listener) => void (listener = l) },
        onInstalled: none,
        onStartup: none,
      },
      alarms: { onAlarm: none },
      commands: { onCommand: none },
      windows: counted('windows', { create: () => Promise.resolve({}) }, calls),
      tabs: counted('tabs', { create: () => Promise.resolve({}) }, calls),
    } as unknown as BackgroundApi;
    registerBackgroundListeners(api, {
      vault: counted('vault', h.vault, calls),
      keyStore: counted('keyStore', { clear: () => Promise.resolve() }, calls),
      capture: counted('capture', capture, calls),
      pending: counted('pending', createPendingCaptureStore(fakeBrowser.storage.session), calls),
      autoLock: counted('autoLock', createAutoLock(fakeBrowser.alarms), calls),
    });
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
    vi.restoreAllMocks();
  });

  /** Delivers one message as the browser would (structured clone) and waits for the reply. */
  async function send(message: unknown, sender: SenderInfo): Promise<Reply<unknown> | string> {
    const wire = structuredClone(message);
    try {
      return await new Promise<Reply<unknown> | string>((resolve) => {
        const timer = setTimeout(() => resolve('no reply within 30 s'), 30_000);
        const keep = listener?.(wire, structuredClone(sender), (r) => {
          clearTimeout(timer);
          resolve(r);
        });
        if (keep !== true) resolve(`listener returned ${String(keep)}`);
      });
    } catch (e) {
      return `listener threw ${String(e)}`;
    }
  }

  const isReply = (r: Reply<unknown> | string): r is Reply<unknown> =>
    typeof r === 'object' &&
    (r.ok === true
      ? typeof r.value === 'object' && r.value !== null
      : typeof r.error?.code === 'string' && typeof r.error.message === 'string');

  async function sideEffects(): Promise<string> {
    return JSON.stringify({
      db: await dbSnapshot(h),
      session: await fakeBrowser.storage.session.get(),
      local: await fakeBrowser.storage.local.get(),
      sync: await fakeBrowser.storage.sync.get(),
      alarms: await fakeBrowser.alarms.getAll(),
      status: await h.vault.status(),
    });
  }

  it('from content scripts: 0 handlers run, 0 side effects, 0 crashes (locked and unlocked)', async () => {
    const rand = prng(0xc0ffee);
    let sent = 0;
    const crashes: string[] = [];
    const codes = new Map<string, number>();
    for (const unlocked of [false, true]) {
      if (unlocked) await h.vault.unlock(PASSPHRASE);
      calls.length = 0;
      const before = await sideEffects();
      for (let i = 0; i < PER_PHASE; i++) {
        const [label, sender] = Object.entries(contentScripts)[i % 2]!;
        const reply = await send(fuzzMessage(rand), sender);
        sent++;
        if (!isReply(reply) || reply.ok)
          crashes.push(`${label}: ${JSON.stringify(reply).slice(0, 200)}`);
        else codes.set(reply.error.code, (codes.get(reply.error.code) ?? 0) + 1);
      }
      expect(
        calls,
        `handlers ran for a content script (${unlocked ? 'unlocked' : 'locked'})`,
      ).toEqual([]);
      expect(await sideEffects()).toBe(before);
    }
    console.log(
      `message fuzzing, content scripts: ${sent} messages, ${calls.length} handler calls, 0 side effects, ` +
        `${vi.mocked(console.error).mock.calls.length} refusals logged, ` +
        `${crashes.length} crashes or accepted, ${unhandled.length} unhandled rejections; refusals ${JSON.stringify(Object.fromEntries(codes))}`,
    );
    expect(crashes).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('from an extension page: every reply is a valid reply or a refusal, 0 crashes', async () => {
    const rand = prng(0xfeed);
    const crashes: string[] = [];
    const codes = new Map<string, number>();
    let ok = 0;
    for (let i = 0; i < PER_PHASE * 2; i++) {
      const message = fuzzMessage(rand);
      // The vault page may wipe the vault or arm the lock-out wipe, by design: a well-formed
      // request for either would end the phase's vault, so those are tested in their own files.
      const type = (message as { type?: unknown } | null)?.type;
      if (type === 'vault.wipe' || type === 'security.update') continue;
      const reply = await send(message, extensionPage);
      if (!isReply(reply)) crashes.push(JSON.stringify(reply).slice(0, 200));
      else if (reply.ok) ok++;
      else codes.set(reply.error.code, (codes.get(reply.error.code) ?? 0) + 1);
    }
    // The vault survived: the real passphrase still opens it and the identity is intact.
    await h.vault.unlock(PASSPHRASE);
    expect((await h.vault.identity()).name).toBe('Fuzz target');
    console.log(
      `message fuzzing, extension page: ${PER_PHASE * 2} messages, ${ok} accepted, ${crashes.length} crashes, ` +
        `${unhandled.length} unhandled rejections, ${calls.length} service calls; refusals ${JSON.stringify(Object.fromEntries(codes))}`,
    );
    expect(crashes).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('positive control: the counters see a handler run when the sender is an extension page', async () => {
    calls.length = 0;
    const before = await sideEffects();
    const reply = await send({ type: 'vault.lock', payload: {} }, extensionPage);
    expect(reply).toEqual({ ok: true, value: {} });
    expect(calls).toContain('vault.lock');
    expect(await sideEffects()).not.toBe(before);
    console.log(
      `message fuzzing positive control: vault.lock from the vault page -> ${calls.length} service calls, side effects seen`,
    );
  });
});
