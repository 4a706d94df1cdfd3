// SPDX-License-Identifier: AGPL-3.0-or-later
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { VaultApp } from '../../components/vault-app';
import '../../components/styles.css';
import { writeBundle } from '../../lib/bundle/write';
import { writePackZip } from '../../lib/bundle/write-pack';
import { detectBrowser } from '../../lib/capture/environment';
import fontBoldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import fontUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import { encryptToRecipients, randomId, sha256Hex, signDetached } from '../../lib/crypto';
import { createBundleExtras } from '../../lib/export/bundle-extras';
import { createStreamZlib } from '../../lib/reports/zlib-streams';
import { VERIFIER_ASSET } from '../../lib/export/verifier-asset';
import { createVaultAccess } from '../../lib/export/create-vault-access';
import { decodeImageInPage } from '../../lib/export/decode-image';
import { reduceImageInPage } from '../../lib/export/reduce-image';
import { createDownloadSaver } from '../../lib/export/save-download';
import { applyDocumentDirection, t } from '../../lib/i18n';
import { createDb, createKeyStore, createVault } from '../../lib/vault';

applyDocumentDirection(document);
document.title = t('vaultTitle');

// Files packaged with the extension; a missing one fails the export, never a bundle without it.
async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} is missing from this build (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

// Same origin as the background: the page reads the vault itself with the session key, so large
// files never travel through messages.
async function main(): Promise<void> {
  const vault = createVault({
    db: createDb(),
    keyStore: createKeyStore(browser.storage.session),
    storage: navigator.storage,
  });
  const manifest = browser.runtime.getManifest();
  const browserInfo = await detectBrowser(browser.runtime, navigator.userAgent);
  const access = createVaultAccess({
    vault,
    writeBundle,
    signDetached,
    sha256Hex,
    randomId,
    generator: {
      name: 'Attest',
      version: manifest.version,
      browser: `${browserInfo.name} ${browserInfo.version}`,
    },
    save: createDownloadSaver(browser.downloads),
    storage: navigator.storage,
    pack: { decode: decodeImageInPage, writePackZip },
    lang: browser.i18n.getUILanguage(),
    extras: createBundleExtras({
      lang: browser.i18n.getUILanguage(),
      loadFonts: async () => ({
        regular: await fetchBytes(fontUrl),
        bold: await fetchBytes(fontBoldUrl),
      }),
      loadVerifier: () => fetchBytes(`/${VERIFIER_ASSET}`),
      classification: (itemId) => vault.getClassification(itemId),
      zlib: createStreamZlib(),
      reduceImage: reduceImageInPage,
    }),
    encryptToRecipients,
  });

  const root = document.getElementById('app');
  if (root) render(<VaultApp access={access} />, root);
}

void main();
