// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { PostScriptResult } from '../lib/capture/element-data';
import { runPostScript } from '../lib/capture/post-script';

// Injected only when the user captures a post or a thread, into the isolated world; the promise
// main() returns is what scripting.executeScript hands back to the background once it settles.
// WXT types main() as returning void; the built script still returns its value, the promise.
// eslint-disable-next-line @typescript-eslint/no-misused-promises
export default defineUnlistedScript((): Promise<PostScriptResult> => runPostScript(window));
