// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { collectPageData, type PageData } from '../lib/capture/page-data';
import { measurePage } from '../lib/capture/page-helpers';

// Injected only when the user captures, into the isolated world; the built IIFE ends with the
// value of main(), which is what scripting.executeScript hands back to the background. The page
// is measured first, where the user left it (the full-page capture restores that position).
export default defineUnlistedScript((): PageData => {
  const metrics = measurePage();
  return { ...collectPageData(window), metrics };
});
