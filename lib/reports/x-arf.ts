// SPDX-License-Identifier: AGPL-3.0-or-later
// X-ARF v0.2 ("eXtended Abuse Reporting Format") messages for hosting providers. What this
// follows, as documented by the X-ARF project and the pyxarf library (xarfutil's example report):
// a MIME message with the header `X-XARF: PLAIN`, a human-readable text/plain part, and a
// text/plain part named report.txt holding a YAML report with Reported-From, Category,
// Report-Type, Report-ID, Date (RFC 2822), Source, Source-Type, Service, Port, User-Agent,
// Version ("0.2") and Attachment. X-ARF 0.2 publishes schemas only for network abuse (login
// attacks, malware...); none fits online harassment, so Category is "abuse", Report-Type is the
// Attest category id and no Schema-URL is claimed. One message per item (X-ARF has one Source per
// report), the messages of a host concatenated as an mbox (RFC 4155).
import {
  bundlePath,
  categoryLabel,
  explanationOf,
  isNcii,
  legalGroundsText,
  locationOf,
  mainScreenshot,
  type PackInput,
  type PackItem,
} from './pack-model';

/** RFC 2822 date in UTC, e.g. `Sat, 01 Mar 2025 10:00:00 +0000`. */
export function rfc2822(iso: string): string {
  return new Date(iso).toUTCString().replace(/GMT$/, '+0000');
}

// Single-quoted YAML scalar on one line: no value can start a new key or document.
function yaml(value: string): string {
  return `'${value.replace(/[\r\n]+/g, ' ').replaceAll("'", "''")}'`;
}

function header(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

function portOf(url: string): number {
  try {
    const u = new URL(url);
    if (u.port) return Number(u.port);
    return u.protocol === 'http:' ? 80 : 443;
  } catch {
    return 443;
  }
}

function serviceOf(url: string): string {
  return url.startsWith('http:') ? 'http' : 'https';
}

/** The YAML report part of one item's X-ARF message. */
export function xarfReport(p: PackItem, input: Pick<PackInput, 'notifier' | 'generator'>): string {
  const url = locationOf(p.item);
  const fields: Array<[string, string]> = [
    ['Reported-From', yaml(input.notifier.email ?? input.notifier.name)],
    ['Category', yaml('abuse')],
    ['Report-Type', yaml(p.classification?.category ?? 'unclassified')],
    ['Report-ID', yaml(`${p.item.id}@attest`)],
    ['Date', yaml(rfc2822(p.item.capturedAt))],
    ['Source', yaml(url)],
    ['Source-Type', yaml('uri')],
    ['Service', yaml(serviceOf(url))],
    ['Port', String(portOf(url))],
    ['User-Agent', yaml(`${input.generator.name} ${input.generator.version}`)],
    ['Version', yaml('0.2')],
    ['Attachment', yaml('none')],
  ];
  return `---\r\n${fields.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n`;
}

function humanPart(p: PackItem, host: string): string {
  const { item, classification: c } = p;
  const shot = mainScreenshot(item);
  const lines = [
    `This is an abuse report about content served by ${host}.`,
    '',
    `URL: ${locationOf(item)}`,
    `Category: ${categoryLabel(c)}`,
    `Legal ground: ${legalGroundsText(c) || 'not stated'}`,
    `Explanation: ${explanationOf(p)}`,
    `Observed at (UTC): ${item.capturedAt}`,
  ];
  if (c?.imminentRisk) lines.push('URGENT: imminent risk to life or physical safety.');
  if (shot)
    lines.push(
      `Screenshot (withheld, in the evidence bundle): ${bundlePath(item.id, shot.path)}`,
      `  SHA-256 ${shot.sha256}`,
    );
  if (isNcii(p)) lines.push('Intimate images are never attached; hashes: ncii-hashes.csv.');
  return lines.join('\r\n');
}

function message(
  p: PackItem,
  host: string,
  input: Pick<PackInput, 'notifier' | 'generator' | 'createdAt'>,
): string {
  const boundary = `attest-xarf-${p.item.id}`;
  const from = input.notifier.email
    ? `${header(input.notifier.name)} <${header(input.notifier.email)}>`
    : header(input.notifier.name);
  return [
    `From attest ${new Date(input.createdAt).toUTCString()}`,
    `From: ${from}`,
    `Subject: ${header(`[X-ARF] abuse report: ${locationOf(p.item)}`)}`,
    `Date: ${rfc2822(input.createdAt)}`,
    'MIME-Version: 1.0',
    'X-XARF: PLAIN',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    humanPart(p, host),
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8; name="report.txt"',
    '',
    xarfReport(p, input),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** `notices/<host>-x-arf.txt`: one X-ARF message per item served by `host`. */
export function xarfMessages(
  host: string,
  items: readonly PackItem[],
  input: Pick<PackInput, 'notifier' | 'generator' | 'createdAt'>,
): string {
  return items.map((p) => message(p, host, input)).join('\r\n');
}
