// SPDX-License-Identifier: AGPL-3.0-or-later
// The offline verify.html: the extension's verify page, built as one file with no extension APIs.
import { render } from 'preact';
import { VerifyApp } from '../components/verify-app';
import '../components/styles.css';
import { blobSource } from '../lib/bundle/source';
import { verifyBundle } from '../lib/bundle/verify';
import { applyDocumentDirection, t } from '../lib/i18n';

applyDocumentDirection(document);
document.title = t('verifyTitle');

const root = document.getElementById('app');
if (root) render(<VerifyApp verify={(file) => verifyBundle(blobSource(file))} />, root);
