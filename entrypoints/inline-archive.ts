// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { buildInlineArchive, type InlineOptions } from '../lib/capture/inline-archive-page';

// Injected only when the user captures, into the isolated world. It only installs the builder on
// the isolated world's global (which the page cannot see); the background then calls it with
// its options through scripting.executeScript({ func }), which waits for the returned promise.
export default defineUnlistedScript((): boolean => {
  const g = globalThis as { __attestInlineArchive?: typeof buildInlineArchive };
  g.__attestInlineArchive = (doc: Document, options: InlineOptions) =>
    buildInlineArchive(doc, options);
  return true;
});
