// SPDX-License-Identifier: AGPL-3.0-or-later
import { groupFingerprint } from '../bundle/readme';
import type { PdfLayout } from './pdf-layout';
import type { ReportInput } from './report-input';
import type { ReportText } from './report-text';

/** `YYYY-MM-DD HH:MM:SS UTC` from an ISO 8601 instant. */
export function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function toolName(input: ReportInput): string {
  const g = input.generator;
  return `${g.name} ${g.version} (${g.browser})`;
}

/** Cover sheet: who, what, when, and the key to check the signature against. */
export function writeCover(l: PdfLayout, input: ReportInput, tx: ReportText): void {
  const times = input.items.map((i) => i.item.capturedAt).sort();
  const span = times.length ? `${utc(times[0]!)} - ${utc(times[times.length - 1]!)}` : tx.none;
  const onBehalf = [
    ...new Set(
      input.items.flatMap((i) => {
        const d = i.item.collector.onBehalfOf;
        return d ? [`${d.name} (${d.fingerprint})`] : [];
      }),
    ),
  ];
  l.text(tx.title, { size: 24, bold: true, after: 2 });
  l.text(tx.subtitle, { size: 11, grey: true, after: 18 });
  l.row(tx.cover.caseTitle, input.caseTitle?.trim() || tx.cover.noCase, 10);
  if (input.tlp) l.row(tx.cover.tlp, `TLP:${input.tlp}`, 10);
  l.row(tx.cover.collector, input.collector.name, 10);
  if (onBehalf.length) l.row(tx.cover.onBehalfOf, onBehalf.join(', '), 10);
  l.row(tx.cover.fingerprint, groupFingerprint(input.collector.fingerprint), 10);
  l.row(tx.cover.tool, toolName(input), 10);
  l.row(tx.cover.bundleId, input.bundleId, 10);
  l.row(tx.cover.created, utc(input.createdAt), 10);
  l.row(tx.cover.span, span, 10);
  l.row(tx.cover.items, String(input.items.length), 10);
  l.gap(12);
  l.text(tx.intro, { size: 10 });
}

/** The table of captures: one block of rows per item, every file with its full SHA-256. */
export function writeItems(l: PdfLayout, input: ReportInput, tx: ReportText): void {
  l.heading(tx.itemsTitle);
  input.items.forEach((entry, i) => {
    const { item, classification } = entry;
    const author = item.post?.author;
    const who = author
      ? [author.displayName, author.handle, author.id && `id ${author.id}`]
          .filter(Boolean)
          .join(' / ')
      : tx.none;
    l.text(`${i + 1}. ${item.source.title || item.source.url}`, { size: 10, bold: true, after: 1 });
    l.row('Item', item.id);
    l.row(tx.columns.captured, utc(item.capturedAt));
    l.row(
      tx.columns.url,
      item.source.finalUrl !== item.source.url
        ? `${item.source.url}\n-> ${item.source.finalUrl}`
        : item.source.url,
    );
    if (item.post?.url && item.post.url !== item.source.url)
      l.row(`${tx.columns.url} (post)`, item.post.url);
    l.row(tx.columns.postId, item.post?.id ? `${item.post.platform}: ${item.post.id}` : tx.none);
    l.row(tx.columns.author, who);
    l.row(
      tx.columns.category,
      classification?.category ? tx.categories[classification.category] : tx.none,
    );
    l.row(tx.columns.files, item.files.map((f) => `${f.path}\n  ${f.sha256}`).join('\n'));
    l.rule();
  });
}

/** The item a custody line is about, if any (lines are canonical JSON, lib/custody/chain.ts). */
function itemOf(line: string): string | undefined {
  try {
    const { itemId } = JSON.parse(line) as { itemId?: unknown };
    return typeof itemId === 'string' ? itemId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The custody lines about this bundle's items and the vault-wide ones (vault, cases, exports),
 * verbatim, so the printed log can be compared with custody-log.jsonl. Lines about captures that
 * are not in the bundle are counted, not printed: the file holds them all, and the whole vault's
 * history would otherwise make every report (and its export) grow with the vault.
 */
export function writeCustody(l: PdfLayout, input: ReportInput, tx: ReportText): void {
  l.heading(tx.custodyTitle);
  l.text(tx.custodyIntro, { size: 9.5, after: 8 });
  const ids = new Set(input.items.map((i) => i.item.id));
  let omitted = 0;
  for (const line of input.custodyLines) {
    const item = itemOf(line);
    if (item !== undefined && !ids.has(item)) omitted++;
    else l.text(line, { size: 7, after: 3 });
  }
  if (omitted > 0)
    l.text(tx.custodyOmitted(String(omitted), String(input.custodyLines.length)), {
      size: 8.5,
      grey: true,
    });
}

export function writeVerify(l: PdfLayout, input: ReportInput, tx: ReportText): void {
  l.heading(tx.verifyTitle);
  tx.verifySteps(groupFingerprint(input.collector.fingerprint)).forEach((s, i) =>
    l.text(`${i + 1}. ${s}`, { size: 9.5 }),
  );
}

/** The three declaration templates, each on its own page, with blanks and a signature block. */
export function writeDeclarations(l: PdfLayout, input: ReportInput, tx: ReportText): void {
  const fpr = groupFingerprint(input.collector.fingerprint);
  const sections: Array<[string, string[]]> = [
    [tx.witnessTitle, tx.witness(input.collector.name)],
    [tx.certificationTitle, tx.certification(toolName(input), fpr)],
    [tx.truthTitle, tx.truth],
  ];
  for (const [title, paragraphs] of sections) {
    l.newPage();
    l.text(tx.declarationsTitle, { size: 9, grey: true, after: 2 });
    l.heading(title);
    l.text(tx.declarationsNote, { size: 8.5, grey: true, after: 10 });
    for (const p of paragraphs) l.text(p, { size: 10, after: 8 });
    l.gap(16);
    for (const s of tx.signatureBlock) l.text(s, { size: 10, after: 12 });
  }
}
