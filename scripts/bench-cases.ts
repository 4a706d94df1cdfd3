// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * npm run bench:cases   (BENCH_CASE_ITEMS=10000 by default)
 * A generated vault of N items in fake-indexeddb: the real vault is created (Argon2id, identity,
 * default case), then N item records and case memberships are sealed with the vault's own key and
 * record format and written in bulk (no evidence chunks: the index never reads them). Then, in
 * the same run, it times:
 *   A. unlock to first page: vault.unlock (one Argon2id run), then the vault page's loadIndex
 *      (decrypt every item record, classification and membership; build the index), the case
 *      filter and the first page of 50;
 *   A0. the baseline: decrypting the same N item records and nothing else;
 *   B. a search (text) and a combined filter over the index of the case;
 *   B0. the baseline: a plain Array.filter over N plain objects with the same strings.
 * Prints the absolute times and the ratios A/A0 and B/B0 (no goal: figures vary with load).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { performance } from 'node:perf_hooks';
import { filterEntries, paginate } from '../lib/cases/item-index';
import { openJson, randomId, sealJson } from '../lib/crypto/index';
import { createVaultAccess } from '../lib/export/create-vault-access';
import type { ItemJson, ItemRecord } from '../lib/model/item';
import { sealMembership } from '../lib/vault/cases';
import { adFor } from '../lib/vault/context';
import { createDb, createKeyStore, createVault } from '../lib/vault/index';
import { memorySession } from './memory-session';

const N = Number(process.env.BENCH_CASE_ITEMS ?? 10_000);
const PASSPHRASE = 'bench passphrase for a generated vault 42';
const PLATFORMS = ['x', 'facebook', 'instagram', 'tiktok', 'mastodon'];
const WORDS = ['liar', 'traitor', 'we know', 'address', 'shame', 'leave', 'threat', 'photo'];

function record(i: number, fingerprint: string): ItemRecord {
  const platform = PLATFORMS[i % PLATFORMS.length]!;
  const account = `acct_${(i * 7919) % 300}`;
  const day = new Date(Date.UTC(2025, 0, 1) + (i % 60) * 86_400_000 + i * 1000);
  const id = i.toString(16).padStart(32, '0');
  const text = `${WORDS[i % WORDS.length]} ${WORDS[(i * 3) % WORDS.length]} post number ${i}`;
  const file = (path: string, role: 'screenshot-visible' | 'dom-snapshot', n: number) => ({
    path,
    role,
    sha256: i.toString(16).padStart(64, '0'),
    bytes: n,
    mediaType: role === 'dom-snapshot' ? 'text/html' : 'image/png',
    blobId: randomId(),
    chunks: 1,
  });
  const storedFiles = [
    file('screenshot-visible.png', 'screenshot-visible', 250_000),
    file('dom-snapshot.html', 'dom-snapshot', 80_000),
  ];
  const item: ItemJson = {
    formatVersion: 1,
    id,
    capturedAt: new Date(day.getTime() + 3_600_000).toISOString(),
    timezone: 'Europe/Paris',
    source: {
      url: `https://${platform}.example/${account}/status/${i}`,
      finalUrl: `https://${platform}.example/${account}/status/${i}`,
      title: `${account} on ${platform}: "${text}"`,
    },
    environment: {
      userAgent: 'Mozilla/5.0 bench',
      browser: { name: 'chromium', version: '156' },
      extensionVersion: '0.1.0',
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 1,
    },
    collector: { name: 'Bench Collector', fingerprint },
    files: storedFiles.map(({ blobId: _b, chunks: _c, ...f }) => f),
    post: {
      platform,
      id: String(i),
      url: `https://${platform}.example/${account}/status/${i}`,
      text,
      postedAt: day.toISOString(),
      postedAtRaw: day.toUTCString(),
      author: { handle: `@${account}`, displayName: `Account ${account}`, id: account },
    },
    notes: [],
  };
  return { item, storedFiles };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main(): Promise<void> {
  const db = createDb({ name: 'bench-cases', indexedDB: new IDBFactory(), IDBKeyRange });
  const keyStore = createKeyStore(memorySession());
  const vault = createVault({ db, keyStore });
  const { fingerprint } = await vault.create({ passphrase: PASSPHRASE, collectorName: 'Bench' });
  const campaign = await vault.createCase({
    title: 'Bench campaign',
    target: 'Bench',
    notes: '',
    tlp: 'AMBER',
  });
  const key = (await keyStore.get())!;
  const t0 = performance.now();
  const records = Array.from({ length: N }, (_, i) => record(i, fingerprint));
  const items = await Promise.all(
    records.map(async (r) => ({
      id: r.item.id,
      sealed: await sealJson(key, r, adFor('items', r.item.id)),
    })),
  );
  // Nine in ten items in the campaign, the rest in the default case.
  const memberships = await Promise.all(
    records.map((r, i) => sealMembership(key, r.item.id, i % 10 ? campaign.id : 'default')),
  );
  await db.items.bulkAdd(items);
  await db.memberships.bulkAdd(memberships);
  console.log(
    `bench:cases: ${N} items generated and sealed in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // Only what the index path needs; exporting is not measured here.
  const access = createVaultAccess({
    vault,
    writeBundle: () => Promise.reject(new Error('not in this bench')),
    signDetached: () => Promise.reject(new Error('not in this bench')),
    sha256Hex: () => Promise.reject(new Error('not in this bench')),
    randomId,
    generator: { name: 'bench', version: '0', browser: 'node' },
    save: () => Promise.reject(new Error('not in this bench')),
    pack: {
      decode: () => Promise.reject(new Error('not in this bench')),
      writePackZip: () => Promise.reject(new Error('not in this bench')),
    },
  });

  const unlock: number[] = [];
  const firstPage: number[] = [];
  const rawDecrypt: number[] = [];
  let index: Awaited<ReturnType<typeof access.loadIndex>>['entries'] = [];
  for (let run = 0; run < 3; run++) {
    await vault.lock();
    const a = performance.now();
    await vault.unlock(PASSPHRASE);
    const b = performance.now();
    const loaded = await access.loadIndex();
    const page = paginate(filterEntries(loaded.entries, { caseId: campaign.id }), 0, 50);
    const c = performance.now();
    if (page.rows.length !== 50) throw new Error('the first page is not full');
    index = loaded.entries;
    unlock.push(b - a);
    firstPage.push(c - b);

    const k = (await keyStore.get())!;
    const d = performance.now();
    const rows = await db.items.toArray();
    await Promise.all(rows.map((r) => openJson(k, r.sealed, adFor('items', r.id))));
    rawDecrypt.push(performance.now() - d);
  }

  const plain = records.map((r) => ({
    caseId: 'x',
    title: r.item.source.title.toLowerCase(),
    text: (r.item.post?.text ?? '').toLowerCase(),
    url: r.item.source.url.toLowerCase(),
    author: (r.item.post?.author?.handle ?? '').toLowerCase(),
  }));
  const inCase = filterEntries(index, { caseId: campaign.id });
  const searches: number[] = [];
  const combined: number[] = [];
  const baseline: number[] = [];
  let hits = 0;
  for (let run = 0; run < 20; run++) {
    const q = WORDS[run % WORDS.length]!;
    const a = performance.now();
    hits = filterEntries(inCase, { caseId: campaign.id, text: q }).length;
    const b = performance.now();
    filterEntries(inCase, {
      caseId: campaign.id,
      platform: 'x',
      author: 'acct_1',
      from: '2025-01-10',
      to: '2025-02-10',
      dateField: 'posted',
    });
    const c = performance.now();
    plain.filter((o) => o.title.includes(q) || o.text.includes(q) || o.author.includes(q));
    const d = performance.now();
    searches.push(b - a);
    combined.push(c - b);
    baseline.push(d - c);
  }

  const A = median(firstPage);
  const A0 = median(rawDecrypt);
  console.log(
    `unlock (Argon2id) ${ms(median(unlock))}; index to first page ${ms(A)} ` +
      `(${index.length} items indexed, ${inCase.length} in the case); ` +
      `raw decrypt of the ${N} item records ${ms(A0)}; ratio ${(A / A0).toFixed(2)}`,
  );
  console.log(`unlock to first page ${ms(median(unlock) + A)} (median of ${unlock.length} runs)`);
  const B = median(searches);
  const B0 = median(baseline);
  console.log(
    `search "${WORDS[19 % WORDS.length]}" ${ms(B)} (${hits} hits); combined filter ${ms(median(combined))}; ` +
      `plain Array.filter over ${N} objects ${ms(B0)}; ratio ${(B / Math.max(B0, 0.001)).toFixed(2)}`,
  );
  db.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
