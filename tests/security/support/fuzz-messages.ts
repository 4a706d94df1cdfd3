// SPDX-License-Identifier: AGPL-3.0-or-later
// Random and malformed messages for the background router: every protocol type with wrong,
// extra and missing fields, prototype-pollution keys, huge strings, deep nesting and non-objects.
import { PROTOCOL, type MessageType } from '../../../lib/messaging/protocol';

export const TYPES = Object.keys(PROTOCOL) as MessageType[];

/** A payload each type accepts: the seed every mutation starts from, and (in the router test) what
 * lets only the sender decide. */
export const VALID: { [T in MessageType]: Record<string, unknown> } = {
  'vault.status': {},
  'vault.create': { passphrase: 'fuzz passphrase', collectorName: 'Fuzz' },
  'vault.unlock': { passphrase: 'not the passphrase' },
  'vault.lock': {},
  'vault.activity': {},
  'vault.wipe': {},
  'security.get': {},
  'security.update': { confirmPanicWipe: false },
  'security.setDuress': { passphrase: 'not the passphrase', duressPassphrase: 'another one' },
  'security.clearDuress': { passphrase: 'not the passphrase' },
  'settings.get': {},
  'settings.update': { autoLockMinutes: 7 },
  'timestamps.get': {},
  'timestamps.update': { enabled: false, url: '', rootsPem: '' },
  'timestamps.status': {},
  'timestamps.flush': {},
  'recipients.list': {},
  'recipients.add': { armored: '-----BEGIN PGP PUBLIC KEY BLOCK-----' },
  'recipients.remove': { fingerprint: 'A'.repeat(40) },
  'allies.list': {},
  'allies.invite': { caseId: 'default', scope: 'posts about me', expiresAt: '2030-01-01' },
  'allies.check': { armored: '-----BEGIN PGP SIGNED MESSAGE-----' },
  'allies.accept': { armored: '-----BEGIN PGP SIGNED MESSAGE-----' },
  'allies.revoke': { sha256: 'a'.repeat(64) },
  'cases.list': {},
  'cases.select': { caseId: 'default' },
  'capture.activeTab': {},
  'capture.post': {},
  'capture.thread': {},
  'capture.progress': {},
  'capture.cancel': {},
  'capture.privateWindows': {},
};

const HUGE = 'A'.repeat(1 << 20);

function deep(depth: number): unknown {
  let v: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) v = { next: v, arr: [v] };
  return v;
}

/** Values of every JSON/structured-clone kind, including ones made to hurt parsers and prototypes. */
export function oddValues(): unknown[] {
  return [
    undefined,
    null,
    true,
    0,
    -0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    '',
    ' ',
    '\u0000',
    '15',
    'x'.repeat(1025),
    HUGE,
    '\ud800',
    '<img src=x onerror=alert(1)>',
    [],
    [1, 2, 3],
    {},
    JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    { constructor: { prototype: { polluted: 'yes' } } },
    { toString: 'x', valueOf: 'y', hasOwnProperty: 'z' },
    deep(200),
    new Date(0),
    /re/g,
    new Uint8Array(16),
    new Map([['a', 1]]),
    new Set([1]),
  ];
}

const BAD_TYPES: unknown[] = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'Vault.Lock',
  ' vault.lock',
  'vault.lock\u0000',
  'vault.wipe',
  'vault.export',
  'vault',
  '',
  HUGE,
  42,
  null,
  ['vault.lock'],
  { type: 'vault.lock' },
];

/** One fuzzed message from a seeded random source. */
export function fuzzMessage(rand: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const type = pick(TYPES);
  const valid = VALID[type];
  const keys = Object.keys(valid);
  switch (Math.floor(rand() * 12)) {
    case 0:
      return pick(oddValues());
    case 1:
      return { type: pick(BAD_TYPES), payload: valid };
    case 2:
      return { type };
    case 3:
      return { type, payload: pick(oddValues()) };
    case 4:
      return {
        type,
        payload: {
          ...valid,
          [pick(['extra', '__proto__', 'constructor', 'admin'])]: pick(oddValues()),
        },
      };
    case 5: {
      if (keys.length === 0) return { type, payload: { passphrase: pick(oddValues()) } };
      const drop = pick(keys);
      return {
        type,
        payload: Object.fromEntries(keys.filter((k) => k !== drop).map((k) => [k, valid[k]])),
      };
    }
    case 6: {
      if (keys.length === 0)
        return { type, payload: JSON.parse('{"__proto__":{"isAdmin":true}}') as unknown };
      return { type, payload: { ...valid, [pick(keys)]: pick(oddValues()) } };
    }
    case 7:
      return JSON.parse(
        `{"type":${JSON.stringify(type)},"payload":{},"__proto__":{"payload":{"passphrase":"x"}}}`,
      );
    case 8:
      return {
        type,
        payload: valid,
        extra: pick(oddValues()),
        sender: { id: 'spoofed', url: 'chrome-extension://x/' },
      };
    case 9:
      return [type, valid];
    case 10:
      return { payload: valid, kind: type };
    default:
      return { type, payload: { ...valid } };
  }
}
