// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect } from 'preact/hooks';
import { t } from '../lib/i18n';

export interface SensitiveImageProps {
  src: string;
  alt: string;
  /** False when the user chose in the settings to see images as captured. */
  veilByDefault: boolean;
  /** Whether this image is the one the user asked to see. */
  revealed: boolean;
  onToggle: (revealed: boolean) => void;
  class?: string;
}

/**
 * A captured image, blurred and greyscale until the user asks for it with its own button, so
 * reviewing evidence does not put abuse in front of them unasked. Hidden again when the tab is
 * hidden; the owning view forgets the choice when it is left.
 */
export function SensitiveImage(props: SensitiveImageProps) {
  const { veilByDefault, revealed, onToggle } = props;
  useEffect(() => {
    if (!veilByDefault) return undefined;
    const onHide = () => {
      if (document.visibilityState === 'hidden') onToggle(false);
    };
    document.addEventListener('visibilitychange', onHide);
    return () => document.removeEventListener('visibilitychange', onHide);
  }, [veilByDefault, onToggle]);

  const veiled = veilByDefault && !revealed;
  return (
    <figure class={`sensitive ${props.class ?? ''}`} data-veiled={String(veiled)}>
      <div class="sensitive-frame">
        <img src={props.src} alt={props.alt} data-veiled={String(veiled)} />
        {veiled && (
          <span class="sensitive-note" aria-hidden="true">
            {t('imageHiddenHint')}
          </span>
        )}
      </div>
      {veilByDefault && (
        <button type="button" class="reveal-image" onClick={() => onToggle(!revealed)}>
          {revealed ? t('hideImage') : t('showImage')}
        </button>
      )}
    </figure>
  );
}
