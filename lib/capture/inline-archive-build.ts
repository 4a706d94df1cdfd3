// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Runs one archive build in the page (isolated world): the tree inlining of
 * inline-archive-page.ts and its notes (lib/capture/inline-archive.ts drives it from the
 * background).
 */
import { countNodes, fromPrototype, MAX_DOM_NODES } from './dom-budget';
import {
  inlineTree,
  type InlineContext,
  type InlineOptions,
  type InlineResult,
} from './inline-archive-page';
import { createInlineFetcher } from './inline-fetch';
import { NOT_READABLE_NOTE } from './fetch-as-page';

function escapeComment(text: string): string {
  return text.replace(/--/g, '-\u2010').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

function notesOf(ctx: InlineContext): string[] {
  const { stats } = ctx.fetcher;
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  const list = (urls: string[]) => urls.slice(0, 5).join(' ') + (urls.length > 5 ? ' …' : '');
  const notes: string[] = [];
  if (stats.overResourceCap.length > 0)
    notes.push(
      `HTML archive: ${stats.overResourceCap.length} resources over the ${mb(ctx.options.maxResourceBytes)} per-resource cap left out: ${list(stats.overResourceCap)}`,
    );
  if (stats.overTotalCap.length > 0)
    notes.push(
      `HTML archive: ${mb(ctx.options.maxTotalBytes)} total cap reached; ${stats.overTotalCap.length} resources left out: ${list(stats.overTotalCap)}`,
    );
  if (stats.timedOut)
    notes.push(
      `HTML archive: time limit of ${ctx.options.timeoutMs / 1000} s reached; resources not yet loaded were left out`,
    );
  if (stats.notShown.length > 0)
    notes.push(
      `HTML archive: ${stats.notShown.length} resources left out, not an image, font or stylesheet: ${list(stats.notShown)}`,
    );
  if (stats.notReadable.length > 0)
    notes.push(
      `HTML archive: ${stats.notReadable.length} resources of another site left out: ${NOT_READABLE_NOTE}: ${list(stats.notReadable)}`,
    );
  if (stats.failed.length > 0)
    notes.push(
      `HTML archive: ${stats.failed.length} resources could not be loaded from the page: ${list(stats.failed)}`,
    );
  if (ctx.framesSkipped > 0)
    notes.push(
      `HTML archive: ${ctx.framesSkipped} frames from other origins (or nested too deep) not inlined`,
    );
  return notes;
}

/** A build under way in the page; the document was cloned before it was returned. */
export interface InlineBuild {
  /** The archive, once every fetch is done or the deadline has passed. */
  end(): Promise<InlineResult>;
}

async function build(ctx: InlineContext, doc: Document): Promise<InlineResult> {
  try {
    const body = await inlineTree(ctx, doc, 0);
    const notes = notesOf(ctx);
    const header =
      `<!-- Attest self-contained page archive. Scripts removed; images, styles, fonts and\n` +
      `     same-origin frames inlined as data: URIs (${ctx.fetcher.stats.inlined} resources).\n` +
      `     URL: ${escapeComment(fromPrototype<string>(doc, 'URL'))}\n` +
      `     Captured: ${escapeComment(ctx.options.capturedAt)} -->\n`;
    const [doctype, ...rest] = body.split('\n');
    const html = doctype?.startsWith('<!DOCTYPE')
      ? `${doctype}\n${header}${rest.join('\n')}\n`
      : `${header}${body}\n`;
    return { html, notes };
  } finally {
    ctx.fetcher.close();
  }
}

/** Starts the page's archive. */
export function startInlineArchive(
  doc: Document,
  options: InlineOptions,
  fetchImpl?: typeof fetch,
): InlineBuild {
  // Inlining walks every element (and fetches for many): over the node limit it is not attempted.
  const nodes = countNodes(fromPrototype<Element>(doc, 'documentElement'), MAX_DOM_NODES);
  if (nodes > MAX_DOM_NODES) {
    const skipped = {
      skipped: `the page has more than ${MAX_DOM_NODES} DOM nodes, the limit for it`,
    };
    return { end: () => Promise.resolve(skipped) };
  }
  const fetcher = createInlineFetcher(options, fetchImpl);
  const result = build({ fetcher, options, framesSkipped: 0 }, doc);
  return { end: () => result };
}
