// SPDX-License-Identifier: AGPL-3.0-or-later
/*
 * The element picker, run in the captured page's isolated world by the post script. It draws in a
 * closed shadow root (the page cannot read or restyle it) and removes every node and listener it
 * added before it resolves, so the page is left as it was.
 */

export interface PickerOptions {
  /** The element to snap to for a pointed-at element (the recognised post around it), if any. */
  snap(target: Element): Element | null;
  /** Highlighted at start (e.g. the element under the pointer after a right click). */
  preselect?: Element;
  /** The hint shown at the top of the page. */
  hint: string;
  /** The picker gives up (as if cancelled) after this long. */
  timeoutMs: number;
}

const OUTLINE = '#d6246e';
// The page's own events are held back while picking, so a click chooses and does not open links.
const SWALLOWED = ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'auxclick'];

function buildOverlay(doc: Document, hint: string) {
  const host = doc.createElement('div');
  // Inline style with !important: page rules that target bare divs must not hide or move it.
  host.setAttribute(
    'style',
    'all:initial!important;position:fixed!important;inset:0!important;z-index:2147483647!important;pointer-events:none!important',
  );
  const root = host.attachShadow({ mode: 'closed' });
  const box = doc.createElement('div');
  box.setAttribute(
    'style',
    `position:fixed;display:none;box-sizing:border-box;border:3px solid ${OUTLINE};` +
      'background:rgba(214,36,110,.12);box-shadow:0 0 0 1px #fff;pointer-events:none',
  );
  const label = doc.createElement('div');
  label.textContent = hint;
  label.setAttribute(
    'style',
    `position:fixed;top:8px;left:50%;transform:translateX(-50%);padding:6px 12px;` +
      `background:${OUTLINE};color:#fff;font:600 14px/1.4 system-ui,sans-serif;border-radius:4px`,
  );
  root.append(box, label);
  return {
    host,
    show(el: Element) {
      const r = el.getBoundingClientRect();
      box.style.display = 'block';
      box.style.left = `${r.left}px`;
      box.style.top = `${r.top}px`;
      box.style.width = `${r.width}px`;
      box.style.height = `${r.height}px`;
    },
  };
}

function nextFrame(win: Window): Promise<void> {
  return new Promise((resolve) => win.requestAnimationFrame(() => resolve()));
}

/**
 * Lets the user choose an element: hover highlights, click or Enter chooses, Esc cancels, the
 * up arrow widens to the parent and the down arrow narrows back. Resolves with the element, or
 * null when cancelled, once the overlay is gone from the screen (so screenshots do not show it).
 */
export function pickElement(win: Window, options: PickerOptions): Promise<Element | null> {
  const doc = win.document;
  const overlay = buildOverlay(doc, options.hint);
  let current: Element | null = options.preselect ?? null;
  const narrower: Element[] = [];

  return new Promise<Element | null>((resolve) => {
    const highlight = (el: Element | null) => {
      current = el;
      if (el) overlay.show(el);
    };
    const finish = (chosen: Element | null) => {
      win.clearTimeout(timer);
      for (const type of SWALLOWED) win.removeEventListener(type, swallow, true);
      win.removeEventListener('click', onClick, true);
      win.removeEventListener('mousemove', onMove, true);
      win.removeEventListener('keydown', onKey, true);
      win.removeEventListener('scroll', onScroll, true);
      overlay.host.remove();
      // Two frames: the removal is painted before anyone takes a screenshot.
      void nextFrame(win)
        .then(() => nextFrame(win))
        .then(() => resolve(chosen));
    };
    const swallow = (event: Event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    const onMove = (event: MouseEvent) => {
      const target = doc.elementFromPoint(event.clientX, event.clientY);
      if (!target || target === overlay.host) return;
      narrower.length = 0;
      highlight(options.snap(target) ?? target);
    };
    const onClick = (event: MouseEvent) => {
      swallow(event);
      if (event.button !== 0) return;
      const target = doc.elementFromPoint(event.clientX, event.clientY);
      // A click without a move (touchpad tap, scripted click) chooses what is under it.
      finish(current ?? (target ? (options.snap(target) ?? target) : null));
    };
    const onKey = (event: KeyboardEvent) => {
      if (!['Escape', 'Enter', 'ArrowUp', 'ArrowDown'].includes(event.key)) return;
      swallow(event);
      if (event.key === 'Escape') finish(null);
      else if (event.key === 'Enter') finish(current);
      else if (event.key === 'ArrowUp' && current?.parentElement && current !== doc.body) {
        narrower.push(current);
        highlight(current.parentElement);
      } else if (event.key === 'ArrowDown') highlight(narrower.pop() ?? current);
    };
    const onScroll = () => highlight(current);
    const timer = win.setTimeout(() => finish(null), options.timeoutMs);

    for (const type of SWALLOWED) {
      if (type !== 'click') win.addEventListener(type, swallow, true);
    }
    win.addEventListener('click', onClick, true);
    win.addEventListener('mousemove', onMove, true);
    win.addEventListener('keydown', onKey, true);
    win.addEventListener('scroll', onScroll, true);
    doc.documentElement.append(overlay.host);
    highlight(current);
  });
}
