// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { errorText } from './error-text';

/** What a form's status line says: nothing yet, busy, saved, or why not. */
export type Status = { state: 'idle' | 'working' | 'done' | 'error'; text: string };
export const IDLE: Status = { state: 'idle', text: '' };

type SavedFormOptions<T> = {
  /** Reads the saved values once, when the form mounts. */
  load: () => Promise<T>;
  /** Saves and returns what the background kept (it may normalise). */
  save: (fields: T) => Promise<T>;
  /** A message for values the background would refuse, or undefined to go on. */
  check?: (fields: T) => string | undefined;
};

/**
 * A settings form: values that are null until the saved ones arrive (typing earlier would be
 * overwritten by them), a submit that checks, saves and shows what the background kept, and a
 * status line. `saves` counts successful saves, for parts that reload after one.
 */
export function useSavedForm<T extends object>({ load, save, check }: SavedFormOptions<T>) {
  const [fields, setFields] = useState<T | null>(null);
  const [status, setStatus] = useState<Status>(IDLE);
  const [saves, setSaves] = useState(0);

  useEffect(() => {
    load().then(setFields, (e: unknown) => setStatus({ state: 'error', text: errorText(e) }));
    // Loaded once, when the form mounts (the options are a new object on every render).
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (!fields) return;
    const refusal = check?.(fields);
    if (refusal !== undefined) {
      setStatus({ state: 'error', text: refusal });
      return;
    }
    try {
      setFields(await save(fields));
      setStatus({ state: 'done', text: t('settingsSaved') });
      setSaves((n) => n + 1);
    } catch (e) {
      setStatus({ state: 'error', text: errorText(e) });
    }
  }

  const patch = (change: Partial<T>) => {
    if (fields) setFields({ ...fields, ...change });
  };
  return { fields, patch, status, setStatus, submit, saves };
}
