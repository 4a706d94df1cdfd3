// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { collectPageData, type PageData } from '../lib/capture/page-data';

// Injected only when the user captures, into the isolated world; the built IIFE ends with the
// value of main(), which is what scripting.executeScript hands back to the background.
export default defineUnlistedScript((): PageData => collectPageData(window));
