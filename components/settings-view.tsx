// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { sendMessage } from '../lib/messaging/client';
import {
  AUTO_LOCK_MINUTES_RANGE,
  type ReviewImagesChoice,
  type SettingsPayload,
} from '../lib/messaging/protocol';
import { errorText } from './error-text';

const REVIEW_CHOICES: Array<{ value: ReviewImagesChoice; label: string }> = [
  { value: 'blurred', label: 'settingsReviewBlurred' },
  { value: 'shown', label: 'settingsReviewShown' },
];

/** Auto-lock idle time and how images appear in review; locking now is the header's button. */
export function SettingsView({ onSaved }: { onSaved?: (saved: SettingsPayload) => void }) {
  // Null until the saved value arrives: typing earlier would be overwritten by it and then saved.
  const [minutes, setMinutes] = useState<string | null>(null);
  const [reviewImages, setReviewImages] = useState<ReviewImagesChoice>('blurred');
  const [status, setStatus] = useState<{ state: 'idle' | 'done' | 'error'; text: string }>({
    state: 'idle',
    text: '',
  });

  useEffect(() => {
    sendMessage('settings.get', {}).then(
      (s) => {
        setMinutes(String(s.autoLockMinutes));
        setReviewImages(s.reviewImages);
      },
      (e: unknown) => setStatus({ state: 'error', text: errorText(e) }),
    );
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    const value = Number(minutes);
    if (
      !Number.isInteger(value) ||
      value < AUTO_LOCK_MINUTES_RANGE.min ||
      value > AUTO_LOCK_MINUTES_RANGE.max
    ) {
      setStatus({
        state: 'error',
        text: t('settingsAutoLockInvalid', [
          String(AUTO_LOCK_MINUTES_RANGE.min),
          String(AUTO_LOCK_MINUTES_RANGE.max),
        ]),
      });
      return;
    }
    try {
      const saved = await sendMessage('settings.update', { autoLockMinutes: value, reviewImages });
      setMinutes(String(saved.autoLockMinutes));
      setReviewImages(saved.reviewImages);
      onSaved?.(saved);
      setStatus({ state: 'done', text: t('settingsSaved') });
    } catch (e) {
      setStatus({ state: 'error', text: errorText(e) });
    }
  }

  return (
    <form onSubmit={(e) => void save(e)}>
      <h2>{t('settingsTitle')}</h2>
      <label>
        <span>{t('settingsAutoLockLabel')}</span>
        <input
          id="auto-lock-minutes"
          type="number"
          min={AUTO_LOCK_MINUTES_RANGE.min}
          max={AUTO_LOCK_MINUTES_RANGE.max}
          value={minutes ?? ''}
          disabled={minutes === null}
          onInput={(e) => setMinutes(e.currentTarget.value)}
        />
      </label>
      <fieldset class="choices" disabled={minutes === null}>
        <legend>{t('settingsReviewLegend')}</legend>
        {REVIEW_CHOICES.map((choice) => (
          <label key={choice.value} class="choice">
            <input
              id={`review-images-${choice.value}`}
              type="radio"
              name="review-images"
              value={choice.value}
              checked={reviewImages === choice.value}
              onChange={() => setReviewImages(choice.value)}
            />{' '}
            {t(choice.label)}
          </label>
        ))}
      </fieldset>
      <button id="settings-save" type="submit" class="primary" disabled={minutes === null}>
        {t('save')}
      </button>
      <p id="settings-status" class="status" data-state={status.state} role="status">
        {status.text}
      </p>
    </form>
  );
}
