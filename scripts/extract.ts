// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * `npm run extract -- --url <page url> <saved.html>`: prints the post block Attest extracts from a
 * saved page, so a report that a platform changed its markup can be checked in minutes.
 * Exit 0 when the page was read (recognised or not), 2 when the input cannot be read.
 */
import { readFileSync } from 'node:fs';
import { DOMParser } from 'linkedom';
import { extractPost } from '../lib/platforms/select-extractor.ts';

const USAGE = 'usage: npm run extract -- --url <page url> <saved.html>';

function parseArgs(argv: string[]): { url: string; file: string } | undefined {
  let url: string | undefined;
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--url') url = argv[++i];
    else if (arg?.startsWith('--url=')) url = arg.slice('--url='.length);
    else if (arg && !arg.startsWith('--')) file = arg;
  }
  if (!url || !file) return undefined;
  try {
    new URL(url);
  } catch {
    return undefined;
  }
  return { url, file };
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let html: string;
  try {
    html = readFileSync(args.file, 'utf8');
  } catch (error) {
    process.stderr.write(`cannot read ${args.file}: ${String(error)}\n`);
    return 2;
  }
  const doc = new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  const { post, notes } = extractPost(doc, args.url);
  process.stdout.write(`${JSON.stringify(post ? { post, notes } : { notes }, null, 2)}\n`);
  return 0;
}

process.exitCode = main();
