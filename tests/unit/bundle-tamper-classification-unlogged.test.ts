// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect, it } from 'vitest';
import { writeBundle } from '../../lib/bundle/write';
import { doxxingClassification, makeInput, signerFor, verifyBytes } from './support/bundle-fixture';

it('rejects a classification.json that no annotated event records, even when signed', async () => {
  const { input, identity } = await makeInput({ items: 2 });
  input.items[1]!.classification = doxxingClassification();
  const id = input.items[1]!.item.id;
  const report = await verifyBytes(await writeBundle(input, signerFor(identity)));
  expect(report.status).toBe('tampered');
  expect(report.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['classifications']);
  expect(report.errors).toEqual([
    `items/${id}/classification.json has no 'annotated' event in the custody log`,
  ]);
}, 60_000);
