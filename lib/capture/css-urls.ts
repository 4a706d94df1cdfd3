// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Finding and replacing the URLs of a stylesheet (`url(...)` and `@import "..."`) so the
 * self-contained archive can carry them as data: URIs. Pure string functions, tested in Node.
 */

export interface CssRef {
  /** Offsets of the whole `url(...)` token or the `@import` string, in the CSS text. */
  start: number;
  end: number;
  /** The URL as written, CSS escapes resolved. */
  url: string;
  kind: 'url' | 'import';
}

const URL_TOKEN =
  /url\(\s*(?:"((?:[^"\\\n]|\\[\s\S])*)"|'((?:[^'\\\n]|\\[\s\S])*)'|((?:[^)"'\s\\]|\\[\s\S])*))\s*\)|@import\s+(?:"((?:[^"\\\n]|\\[\s\S])*)"|'((?:[^'\\\n]|\\[\s\S])*)')/gi;

/** Resolves CSS escapes (`\26 ` is `&`, `\)` is `)`), as the browser does before fetching. */
export function unescapeCss(text: string): string {
  return text.replace(/\\(?:([0-9a-fA-F]{1,6})\s?|([\s\S]))/g, (_m, hex: string, char: string) => {
    if (hex) {
      const code = parseInt(hex, 16);
      return code === 0 || code > 0x10ffff ? '\uFFFD' : String.fromCodePoint(code);
    }
    return char === '\n' ? '' : char;
  });
}

/** Every URL the stylesheet loads or imports, in order. */
export function findCssRefs(css: string): CssRef[] {
  const refs: CssRef[] = [];
  for (const m of css.matchAll(URL_TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[4] !== undefined || m[5] !== undefined) {
      // `@import "x.css"`: only the string is replaced, the at-rule stays.
      const raw = m[4] ?? m[5] ?? '';
      const quoteAt = m[0].search(/["']/);
      refs.push({ start: start + quoteAt, end, url: unescapeCss(raw).trim(), kind: 'import' });
      continue;
    }
    const raw = m[1] ?? m[2] ?? m[3] ?? '';
    const before = css.slice(Math.max(0, start - 40), start);
    const kind = /@import\s*$/i.test(before) ? 'import' : 'url';
    refs.push({ start, end, url: unescapeCss(raw).trim(), kind });
  }
  return refs;
}

/** Whether a reference must be left alone: empty, same-document (`#id`) or already inline. */
export function isInlineOrLocal(url: string): boolean {
  return url === '' || url.startsWith('#') || /^data:/i.test(url);
}

/**
 * The CSS with each reference replaced by `url("<replacement>")`. References without a
 * replacement (undefined) are kept as they were.
 */
export function replaceCssRefs(
  css: string,
  refs: CssRef[],
  replacements: Array<string | undefined>,
): string {
  let out = '';
  let at = 0;
  refs.forEach((ref, i) => {
    const replacement = replacements[i];
    if (replacement === undefined) return;
    out += css.slice(at, ref.start) + `url(${quoteCssString(replacement)})`;
    at = ref.end;
  });
  return out + css.slice(at);
}

/** A CSS string literal of `value`: quotes, backslashes and line breaks escaped. */
export function quoteCssString(value: string): string {
  return `"${value.replace(/[\\"\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * CSS made safe to sit inside a `<style>` element of a serialized document: a stylesheet that
 * contains `</style` would otherwise end the element and let markup (a script) follow.
 * `\3c ` is the CSS escape of `<`, so the rules keep their meaning.
 */
export function escapeStyleText(css: string): string {
  return css.replace(/<(\/?)(style|script)/gi, (_m, slash: string, name: string) => {
    return `\\3c ${slash}${name}`;
  });
}
