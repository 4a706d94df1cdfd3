// SPDX-License-Identifier: AGPL-3.0-or-later
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { VaultApp } from '../../components/vault-app';
import '../../components/styles.css';
import { writeBundle } from '../../lib/bundle/write';
import { writePackZip } from '../../lib/bundle/write-pack';
import { detectBrowser } from '../../lib/capture/environment';
import { randomId, sha256Hex, signDetached } from '../../lib/crypto';
import { createVaultAccess } from '../../lib/export/create-vault-access';
import { decodeImageInPage } from '../../lib/export/decode-image';
import { createDownloadSaver } from '../../lib/export/save-download';
import { applyDocumentDirection, t } from '../../lib/i18n';
import { createDb, createKeyStore, createVault } from '../../lib/vault';

applyDocumentDirection(document);
document.title = t('vaultTitle');

// Same origin as the background: the page reads the vault itself with the session key, so large
// files never travel through messages.
async function main(): Promise<void> {
  const vault = createVault({ db: createDb(), keyStore: createKeyStore(browser.storage.session) });
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
  });

  const root = document.getElementById('app');
  if (root) render(<VaultApp access={access} />, root);
}

void main();
