// SPDX-License-Identifier: AGPL-3.0-or-later
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { randomId, toBase64, toHex, utf8Encode } from '../../lib/crypto/index';
import { SESSION_KEY_NAME } from '../../lib/vault/index';
import { scanForMarkers } from './support/plaintext-scan';
import {
  PASSPHRASE,
  createHarness,
  rawDump,
  sampleCapture,
  type VaultHarness,
} from './support/vault-fixtures';

const FIELDS = [
  'url',
  'finalUrl',
  'title',
  'collectorName',
  'onBehalfOf',
  'postText',
  'handle',
  'displayName',
  'note',
  'classificationNotes',
  'policy',
  'notifierName',
  'notifierEmail',
  'tsaUrl',
  'tsaName',
  'png',
  'html',
  'caseTitle',
  'caseTarget',
  'caseNotes',
];
// Unique per run, so nothing else in the database can match by accident.
const markers = new Map(FIELDS.map((f) => [f, `mk${f}${randomId()}`]));
const marker = (f: string) => markers.get(f)!;
const ALL = [...markers.values()];

// A classification's free text is as sensitive as the capture itself.
const classification = {
  category: 'doxxing' as const,
  severity: 'high' as const,
  imminentRisk: true,
  intimateImagery: false,
  notes: marker('classificationNotes'),
  policy: marker('policy'),
  legalGrounds: [],
  reporting: [],
};

// Who sends the platform notices: the name and email are identifying too.
const notifier = {
  notifierName: marker('notifierName'),
  notifierEmail: `${marker('notifierEmail')}@example.org`,
};

const caseFields = {
  title: marker('caseTitle'),
  target: marker('caseTarget'),
  notes: marker('caseNotes'),
  tlp: 'RED' as const,
};

// The authority the user named is as telling as the evidence; so is its answer.
const timestampSettings = {
  enabled: true,
  url: `https://${marker('tsaUrl')}.example/tsa`,
  rootsPem: '',
};
const receipt = {
  sha256Hex: 'ab'.repeat(32),
  response: utf8Encode(`reply of ${marker('tsaName')}`),
  chainPem: `chain of ${marker('tsaName')}`,
  genTime: '2024-05-01T10:00:01Z',
  tsaName: `CN=${marker('tsaName')}`,
  receivedAt: '2024-05-01T10:00:02.000Z',
};

let h: VaultHarness;
let capture: Awaited<ReturnType<typeof sampleCapture>>;

beforeAll(async () => {
  fakeBrowser.reset();
  h = createHarness();
  await h.vault.create({ passphrase: PASSPHRASE, collectorName: marker('collectorName') });
  const filed = await h.vault.createCase(caseFields);
  await h.vault.selectCase(filed.id);
  capture = await sampleCapture({ id: randomId(), marker });
  await h.vault.commitCapture(capture);
  await h.vault.updateSettings({ autoLockMinutes: 7, ...notifier });
  await h.vault.saveClassification(capture.item.id, classification);
  await h.vault.writeTimestampSettings(timestampSettings);
  await h.vault.saveTimestampReceipt(capture.item.id, receipt);
  // Committed with timestamps on: its digest waits in the queue.
  await h.vault.commitCapture(await sampleCapture({ id: randomId(), marker }));
});

describe('no plaintext at rest', () => {
  it('the scanner finds every marker in the plaintext capture (positive control)', () => {
    const found = new Set(
      scanForMarkers(
        { capture, classification, notifier, caseFields, timestampSettings, receipt },
        ALL,
      ).map((f) => f.marker),
    );
    expect([...found].sort()).toEqual([...ALL].sort());
    // And in each encoding it claims to check, at every alignment.
    for (const pad of ['', 'x', 'xy']) {
      const bytes = utf8Encode(pad + marker('title'));
      expect(scanForMarkers({ s: toBase64(bytes) }, [marker('title')])).toHaveLength(1);
      expect(scanForMarkers({ s: toHex(bytes).toUpperCase() }, [marker('title')])).toHaveLength(1);
      expect(scanForMarkers({ b: utf8Encode(toBase64(bytes)) }, [marker('title')])).toHaveLength(1);
    }
    expect(
      scanForMarkers({ b: Buffer.from(marker('url'), 'utf16le') }, [marker('url')]),
    ).toHaveLength(1);
    expect(scanForMarkers({ b: capture.files[0]!.bytes }, ALL)).toHaveLength(1);
  });

  it('no marker in any record of any object store, nor in storage.session besides the key', async () => {
    // The capture really is stored (so an empty database cannot pass this test).
    const stored = await h.vault.getItem(capture.item.id);
    expect(stored?.item.source.title).toBe(marker('title'));
    expect((await h.vault.timestampReceipt(capture.item.id))?.tsaName).toBe(receipt.tsaName);
    expect((await h.vault.timestampSettings()).url).toBe(timestampSettings.url);
    expect(await h.vault.timestampQueue.list()).toHaveLength(1);
    expect(await h.vault.readFile(capture.item.id, 'dom-snapshot.html')).toEqual(
      capture.files[1]!.bytes,
    );

    const dump = await rawDump(h.factory, h.dbName);
    expect(Object.keys(dump).sort()).toEqual([
      'cases',
      'chunks',
      'classifications',
      'custody',
      'header',
      'items',
      'memberships',
      'secrets',
      'timestampQueue',
      'timestamps',
    ]);
    for (const store of Object.values(dump)) expect(store.values.length).toBeGreaterThan(0);
    expect(scanForMarkers(dump, ALL)).toEqual([]);
    // The key database: the slots and the sealed identity (the collector's name is a marker).
    const keys = await rawDump(h.factory, h.keysDbName);
    expect(keys.keys!.values).toHaveLength(1);
    expect(scanForMarkers(keys, ALL)).toEqual([]);

    const session = await fakeBrowser.storage.session.get(null);
    expect(Object.keys(session)).toContain(SESSION_KEY_NAME);
    delete session[SESSION_KEY_NAME];
    expect(scanForMarkers(session, ALL)).toEqual([]);
  });

  it('the database still holds no marker after lock', async () => {
    await h.vault.lock();
    expect(scanForMarkers(await rawDump(h.factory, h.dbName), ALL)).toEqual([]);
    expect(scanForMarkers(await rawDump(h.factory, h.keysDbName), ALL)).toEqual([]);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});
