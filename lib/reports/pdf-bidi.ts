// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Visual order for report lines that hold right-to-left text. pdf-lib draws a string through
 * fontkit's layout, which shapes Arabic (GSUB init/medi/fina, lam-alef) and, when the string's
 * first strong script is right to left, reverses the whole glyph run. That is right for an Arabic
 * word but also reverses digits and Latin inside it ("16" would print "61"), and fontkit mirrors
 * no brackets (DejaVu Sans has no 'rtlm'). So a line is ordered here with a reduced Unicode bidi
 * algorithm (UAX #9: strong letters, European/Arabic digits, neutrals; rules W2, W4, W7, N0, N1, N2,
 * I1, I2, L2, L4; no explicit embeddings), then cut into runs of one direction that fontkit shapes.
 */

export interface VisualRun {
  /** Logical order: fontkit reverses a run that holds right-to-left letters itself. */
  text: string;
  rtl: boolean;
}

type Kind = 'L' | 'R' | 'EN' | 'N';

const STRONG_R = /[\u0590-\u065F\u066A-\u06EF\u06FA-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]/;
const STRONG_L = /\p{L}/u;
// What fontkit's script detection takes as right to left (it skips Common characters such as the
// Arabic comma, which STRONG_R counts as a letter for ordering).
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
const MIRROR: Record<string, string> = {
  '(': ')',
  ')': '(',
  '[': ']',
  ']': '[',
  '{': '}',
  '}': '{',
  '<': '>',
  '>': '<',
  '«': '»',
  '»': '«',
};

function kindOf(ch: string): Kind {
  if (DIGIT.test(ch)) return 'EN';
  if (STRONG_R.test(ch)) return 'R';
  if (STRONG_L.test(ch)) return 'L';
  return 'N';
}

/** True if the line needs bidi ordering at all. */
export function hasRtl(text: string): boolean {
  return STRONG_R.test(text);
}

const OPENING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * N0: a pair of brackets takes the paragraph's direction if its content has any, else the
 * other direction when the content and the text before the opening bracket both have it, so
 * "Attest 0.1.0 (chromium 156)" stays whole inside an Arabic sentence.
 */
function pairBrackets(chars: string[], types: string[], base: 'L' | 'R'): void {
  const asDir = (t: string | undefined) => (t === 'L' ? 'L' : t === 'R' || t === 'AN' ? 'R' : null);
  const open: number[] = [];
  chars.forEach((ch, close) => {
    if (types[close] !== 'N') return;
    if (OPENING[ch]) {
      open.push(close);
      return;
    }
    const at = open.findLastIndex((o) => OPENING[chars[o]!] === ch);
    if (at < 0) return;
    const start = open[at]!;
    open.length = at;
    const inside = types.slice(start + 1, close).map(asDir);
    let dir: 'L' | 'R' | null = null;
    if (inside.includes(base)) dir = base;
    else if (inside.some((d) => d && d !== base)) {
      let before: 'L' | 'R' = base;
      for (let j = start - 1; j >= 0; j--) {
        const d = asDir(types[j]);
        if (d) {
          before = d;
          break;
        }
      }
      dir = before !== base ? before : base;
    }
    if (dir) types[start] = types[close] = dir;
  });
}

/** Embedding level of each character (even: left to right, odd: right to left). */
function levels(chars: string[], rtlBase: boolean): number[] {
  const sos: 'L' | 'R' = rtlBase ? 'R' : 'L';
  let strong: 'L' | 'R' = sos;
  // W2, W7: digits after right-to-left letters are Arabic-context numbers (AN), else L.
  const types: string[] = chars.map((ch) => {
    const k = kindOf(ch);
    if (k === 'L' || k === 'R') strong = k;
    if (k === 'EN') return strong === 'R' ? 'AN' : 'L';
    return k;
  });
  // W4: one separator between two Arabic-context numbers joins them (a date, 1.5, 10:30).
  types.forEach((t, i) => {
    if (t === 'N' && /[-+,./:]/.test(chars[i]!) && types[i - 1] === 'AN' && types[i + 1] === 'AN')
      types[i] = 'AN';
  });
  pairBrackets(chars, types, sos);
  // N1, N2: neutrals between the same direction take it (numbers count as R), else the base.
  const dir = (t: string): 'L' | 'R' | null => (t === 'N' ? null : t === 'L' ? 'L' : 'R');
  const resolved = types.map((t, i) => {
    if (t !== 'N') return t;
    let before: 'L' | 'R' = sos;
    for (let j = i - 1; j >= 0; j--) {
      const d = dir(types[j]!);
      if (d) {
        before = d;
        break;
      }
    }
    let after: 'L' | 'R' = sos;
    for (let j = i + 1; j < types.length; j++) {
      const d = dir(types[j]!);
      if (d) {
        after = d;
        break;
      }
    }
    return before === after ? before : sos;
  });
  // I1, I2.
  const e = rtlBase ? 1 : 0;
  return resolved.map((t) => {
    if (e === 0) return t === 'R' ? 1 : t === 'AN' ? 2 : 0;
    return t === 'R' ? 1 : 2;
  });
}

/**
 * The runs of one line in visual order (left to right on the page) for a paragraph of the given
 * direction. Each right-to-left run is in logical order with its brackets mirrored (L4);
 * `drawableText` gives the string pdf-lib should draw for it.
 */
export function visualRuns(line: string, rtlBase = true): VisualRun[] {
  const chars = [...line];
  const lv = levels(chars, rtlBase);
  const order = chars.map((_, i) => i);
  // L2: from the highest level down to the lowest odd one, reverse every run at or above it.
  const max = Math.max(0, ...lv);
  for (let k = max; k >= 1; k--) {
    let i = 0;
    while (i < order.length) {
      if (lv[order[i]!]! < k) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && lv[order[j]!]! >= k) j++;
      order.splice(i, j - i, ...order.slice(i, j).reverse());
      i = j;
    }
  }
  const runs: Array<{ chars: string[]; rtl: boolean }> = [];
  for (const i of order) {
    const rtl = lv[i]! % 2 === 1;
    const ch = rtl ? (MIRROR[chars[i]!] ?? chars[i]!) : chars[i]!;
    const last = runs[runs.length - 1];
    if (last && last.rtl === rtl) last.chars.push(ch);
    else runs.push({ chars: [ch], rtl });
  }
  // Right-to-left runs back to logical order: fontkit lays them out and reverses them again.
  return runs.map((r) => ({ text: (r.rtl ? r.chars.reverse() : r.chars).join(''), rtl: r.rtl }));
}

/**
 * The string to hand to pdf-lib for one run: fontkit reverses a run that holds right-to-left
 * letters itself; a right-to-left run without any (spaces, brackets) is reversed here.
 */
export function drawableText(run: VisualRun): string {
  if (!run.rtl || RTL_SCRIPT.test(run.text)) return run.text;
  return [...run.text].reverse().join('');
}
