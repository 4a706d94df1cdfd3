// SPDX-License-Identifier: AGPL-3.0-or-later
import { build } from 'vite';

const built = new Map<string, Promise<string>>();

/**
 * Builds `entry` (a TypeScript module and the lib/ code it imports) into one classic script, to
 * be evaluated in an extension page so that it runs the extension's own code there.
 */
export function pageScript(entry: string, name: string): Promise<string> {
  let script = built.get(entry);
  if (!script) {
    script = build({
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: false, lib: { entry, formats: ['iife'], name } },
    }).then((out) => {
      const outputs = (Array.isArray(out) ? out : [out]) as Array<{
        output?: Array<{ type: string; code?: string }>;
      }>;
      const chunk = outputs.flatMap((o) => o.output ?? []).find((o) => o.type === 'chunk');
      if (!chunk?.code) throw new Error(`${entry} did not build`);
      return chunk.code;
    });
    built.set(entry, script);
  }
  return script;
}
