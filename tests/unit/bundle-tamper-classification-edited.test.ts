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

// The collector (or anyone holding the key) rewrites the assessment after the fact and signs the
// bundle again: every hash and the signature agree, only the custody log tells.
it('rejects a classification.json edited after its annotated event, re-signed with the collector key', async () => {
  const { input, identity } = await makeInput({ items: 2 });
  await annotate(input, 0, doxxingClassification());
  const id = input.items[0]!.item.id;

  // Positive control: the honest bundle passes the same check.
  const honest = await verifyBytes(await writeBundle(input, signerFor(identity)));
  expect(honest.errors).toEqual([]);
  expect(honest.checks.find((c) => c.id === 'classifications')?.ok).toBe(true);

  input.items[0]!.classification = doxxingClassification('no address was posted');
  const report = await verifyBytes(await writeBundle(input, signerFor(identity)));
  expect(report.status).toBe('tampered');
  expect(report.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['classifications']);
  expect(report.errors).toEqual([
    expect.stringMatching(
      new RegExp(
        `^items/${id}/classification\\.json is not the classification the custody log recorded last`,
      ),
    ),
  ]);
}, 60_000);
