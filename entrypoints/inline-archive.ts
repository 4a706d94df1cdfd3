// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startInlineArchive, type InlineBuild } from '../lib/capture/inline-archive-build';
import type { InlineOptions } from '../lib/capture/inline-archive-page';

// Injected only when the user captures, into the isolated world. It only installs the builder on
// the isolated world's global (which the page cannot see); the background then starts it with
// its options and collects the archive, each
// through scripting.executeScript({ func }), which waits for a returned promise.
export default defineUnlistedScript((): boolean => {
  const g = globalThis as {
    __attestInlineArchive?: (d: Document, o: InlineOptions) => InlineBuild;
  };
  g.__attestInlineArchive = (doc, options) => startInlineArchive(doc, options);
  return true;
});
