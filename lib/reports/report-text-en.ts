// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ReportText } from './report-text';

const BLANK = '____________________';

/** English report text. The declarations are templates for counsel to adapt, not legal advice. */
export const REPORT_TEXT_EN: ReportText = {
  lang: 'en',
  title: 'Evidence report',
  subtitle: 'Captures of online content, hashed at capture and signed by the collector',
  cover: {
    caseTitle: 'Case',
    tlp: 'Sharing (Traffic Light Protocol 2.0)',
    collector: 'Collector',
    onBehalfOf: 'On behalf of',
    fingerprint: 'Collector key fingerprint (OpenPGP)',
    tool: 'Tool and version',
    bundleId: 'Bundle id',
    created: 'Bundle created (UTC)',
    span: 'Captures made between (UTC)',
    items: 'Number of captures',
    noCase: '(no case title given)',
  },
  intro:
    'This report accompanies a signed evidence bundle. Each file listed below was hashed with SHA-256 when it was captured, before it was stored. The bundle file SHA256SUMS lists the hash of every file and is signed with the collector key whose fingerprint is shown above. The report itself is one of the files listed and signed; the files in the bundle, not this report, are the evidence.',
  itemsTitle: 'Captures',
  columns: {
    captured: 'Captured (UTC)',
    url: 'URL',
    postId: 'Post id',
    author: 'Author',
    category: 'Category',
    files: 'Files and SHA-256',
  },
  none: '-',
  categories: {
    harassment: 'Harassment',
    'threat-of-violence': 'Threat of violence',
    doxxing: 'Doxxing',
    impersonation: 'Impersonation',
    'defamation-smear': 'Defamation or smear',
    'hate-speech': 'Hate speech',
    'coordinated-campaign': 'Coordinated campaign',
    'image-based-sexual-abuse': 'Image-based sexual abuse',
    'sexual-harassment': 'Sexual harassment',
    'hacking-account-takeover': 'Hacking or account takeover',
    other: 'Other',
  },
  screenshotsTitle: 'Screenshots',
  screenshotOf: (n, path) => `Capture ${n}: ${path}`,
  blurredNote: (parentSha, copyPath, copySha) =>
    `Shown BLURRED because it is marked sensitive. This picture is a derived copy (${copyPath}, SHA-256 ${copySha}) made from the original file, SHA-256 ${parentSha}, which is in the bundle unchanged.`,
  notDrawn: (path) =>
    `This image could not be drawn here; the original is in the bundle at ${path}.`,
  reducedNote: (path, sha256, original, shown) =>
    `Reduced view (${shown} px) of the original screenshot ${path} (${original} px, SHA-256 ${sha256}), which is in the bundle unchanged; open that file to see it at full resolution.`,
  sensitiveOmitted: (path) =>
    `This image is marked sensitive and could not be blurred, so it is not shown; the original is in the bundle at ${path}.`,
  custodyTitle: 'Custody log',
  custodyIntro:
    'Every event in the life of the evidence, in order. Each line holds the SHA-256 of the line before it (prev), so removing, reordering or editing an event breaks the chain. The full lines are in custody-log.jsonl.',
  custodyOmitted: (omitted, total) =>
    `${omitted} events about captures that are not in this bundle are not printed here; custody-log.jsonl holds all ${total} lines, and verifying the bundle checks the whole chain.`,
  verifyTitle: 'How to verify this bundle',
  verifySteps: (fpr) => [
    'Use a copy of the bundle ZIP you received; unzip it and open a terminal in its folder.',
    'Linux: sha256sum -c SHA256SUMS   (every line must say OK)',
    'macOS: shasum -a 256 -c SHA256SUMS',
    'Windows: certutil -hashfile <file> SHA256 for each file, compared with its line in SHA256SUMS (README.txt has a PowerShell loop that checks all of them).',
    'Then: gpg --import collector-key.asc and gpg --verify SHA256SUMS.asc SHA256SUMS, which must report "Good signature".',
    `The fingerprint gpg prints must be ${fpr}. Confirm it with the collector by another channel (in person, by phone).`,
    'Also check that SHA256SUMS lists every file in the folder: an added or missing file is tampering too.',
    'Or open verify.html (a copy obtained independently of this bundle, e.g. from the Attest project) in a browser and drop the ZIP on it: it runs every check offline.',
  ],
  declarationsTitle: 'Declaration templates',
  declarationsNote:
    'The following are templates. They must be adapted to the court and jurisdiction by a lawyer before use; blanks are to be filled in by hand.',
  witnessTitle: 'Witness declaration',
  witness: (collector) => [
    `I, ${BLANK} (full name), known in this bundle as collector "${collector}", of ${BLANK} (address or professional address), state:`,
    `1. Between ${BLANK} and ${BLANK} I used the Attest browser extension to capture the web pages listed in this report, on a computer under my control.`,
    '2. I captured each page as it was displayed to me, without altering its content. The screenshots and files in the bundle are what the tool recorded at the time of capture.',
    `3. I hold the OpenPGP key whose fingerprint is given in this report and I signed the bundle with it on ${BLANK} (date).`,
    `4. ${BLANK} (any other relevant facts: how I came to see the content, on whose behalf I captured it, with what consent).`,
  ],
  certificationTitle: 'Certification of the process and of the hash algorithm',
  certification: (tool, fpr) => [
    `I, ${BLANK} (full name), ${BLANK} (position or qualification), certify that:`,
    `1. The files in this bundle were produced by ${tool}, a process that records web content and generates an accurate result: each file is hashed with SHA-256 (FIPS 180-4) at the moment of capture, before storage, and the hash is stored with the file.`,
    '2. SHA-256 is a cryptographic hash function: any change to a file, however small, produces a different value, and no practical way is known to make two different files with the same value.',
    '3. The list of file hashes (SHA256SUMS) is signed with the OpenPGP key ' +
      fpr +
      '; the signature and every hash can be checked with standard tools (sha256sum, certutil, shasum, gpg) without relying on Attest.',
    '4. The custody log records each capture and export, each entry chained to the previous one by its SHA-256.',
    'This certification is written in the spirit of US Federal Rule of Evidence 902(14) (records authenticated by hash value) and 902(13).',
  ],
  truthTitle: 'Statement of truth',
  truth: [
    'I believe that the facts stated in this witness statement are true. I understand that proceedings for contempt of court may be brought against anyone who makes, or causes to be made, a false statement in a document verified by a statement of truth without an honest belief in its truth.',
  ],
  signatureBlock: [`Signed: ${BLANK}`, `Name: ${BLANK}`, `Date: ${BLANK}`, `Place: ${BLANK}`],
  page: (n, total) => `Page ${n} of ${total}`,
};
