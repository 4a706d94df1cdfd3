// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GENESIS_PREV, createEventLine, headOf, verifyChain } from '../../lib/custody/index';

const FILE_A = { path: 'screenshot-visible.png', sha256: 'a'.repeat(64) };

function buildChain(): string[] {
  const lines: string[] = [];
  const push = (input: Parameters<typeof createEventLine>[1]) =>
    lines.push(createEventLine(lines.at(-1) ?? null, input).line);
  push({
    at: '2024-05-01T09:00:00.000Z',
    type: 'vault-created',
    details: { fingerprint: 'F'.repeat(40) },
  });
  push({
    at: '2024-05-01T10:00:00.000Z',
    type: 'captured',
    itemId: 'i1',
    details: { files: [FILE_A] },
  });
  push({
    at: '2024-05-01T11:00:00.000Z',
    type: 'captured',
    itemId: 'i2',
    details: { files: [FILE_A] },
  });
  push({
    at: '2024-05-01T12:00:00.000Z',
    type: 'exported',
    details: { bundleId: 'b1', items: ['i1', 'i2'] },
  });
  return lines;
}

describe('custody chain', () => {
  it('a valid chain verifies, with fixed key order and the head of the last line', () => {
    const lines = buildChain();
    const report = verifyChain(lines);
    expect(report).toEqual({ ok: true, errors: [], head: headOf(lines) });
    expect(JSON.parse(lines[0]!)).toMatchObject({ seq: 0, prev: GENESIS_PREV });
    expect(lines[1]).toMatch(
      /^\{"seq":1,"at":"[^"]+","type":"captured","itemId":"i1","details":\{.*\},"prev":"[0-9a-f]{64}"\}$/,
    );
    expect(lines[0]).toMatch(
      /^\{"seq":0,"at":"[^"]+","type":"vault-created","details":\{.*\},"prev":"0{64}"\}$/,
    );
    expect(headOf([])).toBe(GENESIS_PREV);
  });

  it('prev of line n+1 is what sha256sum prints for line n (no newline)', () => {
    const lines = buildChain();
    const out = execFileSync('sha256sum', { input: lines[1], encoding: 'utf8' });
    const sum = out.split(' ')[0];
    expect(sum).toMatch(/^[0-9a-f]{64}$/);
    expect((JSON.parse(lines[2]!) as { prev: string }).prev).toBe(sum);
    expect(headOf(lines)).toBe(
      execFileSync('sha256sum', { input: lines[3], encoding: 'utf8' }).split(' ')[0],
    );
  });

  it('detects one changed byte', () => {
    const lines = buildChain();
    lines[1] = lines[1]!.replace('T10:00:00', 'T10:00:01');
    const r = verifyChain(lines);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([expect.stringMatching(/^line 3: prev does not match/)]);
  });

  it('a changed last line changes the head (callers compare it with the recorded head)', () => {
    const lines = buildChain();
    const head = headOf(lines);
    lines[3] = lines[3]!.replace('"b1"', '"b2"');
    expect(verifyChain(lines).head).not.toBe(head);
  });

  it('detects a removed line', () => {
    const lines = buildChain();
    lines.splice(1, 1);
    const r = verifyChain(lines);
    expect(r.ok).toBe(false);
    expect(r.errors.join('\n')).toMatch(/line 2: seq is 2, expected 1/);
    expect(r.errors.join('\n')).toMatch(/line 2: prev does not match/);
  });

  it('detects an inserted line', () => {
    const lines = buildChain();
    const forged = createEventLine(lines[1]!, {
      at: '2024-05-01T10:30:00.000Z',
      type: 'captured',
      itemId: 'forged',
      details: { files: [FILE_A] },
    }).line;
    lines.splice(2, 0, forged);
    const r = verifyChain(lines);
    expect(r.ok).toBe(false);
    expect(r.errors.join('\n')).toMatch(/line 4: seq is 2, expected 3/);
    expect(r.errors.join('\n')).toMatch(/line 4: prev does not match/);
  });

  it('detects two swapped lines', () => {
    const lines = buildChain();
    [lines[1], lines[2]] = [lines[2]!, lines[1]!];
    const r = verifyChain(lines);
    expect(r.ok).toBe(false);
    expect(r.errors.join('\n')).toMatch(/line 2: seq is 2, expected 1/);
  });

  it('detects a non-contiguous seq even when every prev is correct', () => {
    const lines = buildChain().slice(0, 2);
    // Hand-built third line: right prev, but seq jumps from 1 to 3.
    const prev = execFileSync('sha256sum', { input: lines[1], encoding: 'utf8' }).split(' ')[0];
    lines.push(
      JSON.stringify({
        seq: 3,
        at: '2024-05-01T11:00:00.000Z',
        type: 'captured',
        itemId: 'i2',
        details: { files: [] },
        prev,
      }),
    );
    const r = verifyChain(lines);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual(['line 3: seq is 3, expected 2']);
  });

  it('detects bad JSON and a reordered key', () => {
    const lines = buildChain();
    const bad = [...lines];
    bad[3] = bad[3]!.slice(0, -1);
    expect(verifyChain(bad).errors).toEqual(['line 4: not valid JSON']);
    const reordered = [...lines];
    const e = JSON.parse(lines[3]!) as Record<string, unknown>;
    reordered[3] = JSON.stringify({
      at: e.at,
      seq: e.seq,
      type: e.type,
      details: e.details,
      prev: e.prev,
    });
    expect(verifyChain(reordered).errors.join('\n')).toMatch(/line 4: unexpected fields or order/);
  });

  it('refuses a non-UTC time when creating an event', () => {
    expect(() =>
      createEventLine(null, {
        at: '2024-05-01T10:00:00+02:00',
        type: 'vault-created',
        details: { fingerprint: 'x' },
      }),
    ).toThrow(TypeError);
  });
});
