// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect, it } from 'vitest';
import { writeBundle } from '../../lib/bundle/write';
import {
  annotate,
  doxxingClassification,
  makeInput,
  signerFor,
  verifyBytes,
} from './support/bundle-fixture';

// Leaving out an unwelcome assessment (say, "imminent risk") must not pass as a bundle of an
// item that was never classified.
it('rejects a bundle without the classification.json its annotated event records, even when signed', async () => {
  const { input, identity } = await makeInput({ items: 2 });
  await annotate(input, 0, doxxingClassification(), false);
  const id = input.items[0]!.item.id;
  const report = await verifyBytes(await writeBundle(input, signerFor(identity)));
  expect(report.status).toBe('tampered');
  expect(report.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['classifications']);
  expect(report.errors).toEqual([
    `item ${id}: the custody log records a classification, items/${id}/classification.json is missing`,
  ]);
}, 60_000);
