// SPDX-License-Identifier: AGPL-3.0-or-later
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/popup-app';
import '../../components/styles.css';
import { applyDocumentDirection, t } from '../../lib/i18n';

applyDocumentDirection(document);
document.title = t('extName');
document.body.classList.add('popup');
// The shortcut leaves its outcome on the toolbar badge; seen now, so clear it.
const api = browser as unknown as {
  action?: typeof browser.action;
  browserAction?: typeof browser.action;
};
const badge = api.action ?? api.browserAction;
void badge?.setBadgeText({ text: '' });

const openVault = () => {
  void browser.tabs
    .create({ url: browser.runtime.getURL('/vault.html') })
    .then(() => window.close());
};
const root = document.getElementById('app');
if (root) render(<PopupApp openVault={openVault} />, root);
