// SPDX-License-Identifier: AGPL-3.0-or-later
import { renderReadmeAr } from './readme-ar';
import { renderReadmeEs } from './readme-es';
import { renderReadmeFr } from './readme-fr';

/** Fingerprint in groups of four, the way gpg prints it, for reading aloud over the phone. */
export function groupFingerprint(fpr: string): string {
  return (fpr.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

export interface ReadmeOptions {
  bundleId: string;
  createdAt: string;
  collectorName: string;
  fingerprint: string;
  items: number;
  /** BCP 47 tag of the user's language: French, Spanish and Arabic have their own text, anything else gets English. */
  lang?: string;
}

/** README.txt of a bundle: what it is and how to verify it by hand with stock tools. */
export function renderReadme(options: ReadmeOptions): string {
  const lang = options.lang ?? '';
  if (/^fr\b/i.test(lang)) return renderReadmeFr(options);
  if (/^es\b/i.test(lang)) return renderReadmeEs(options);
  if (/^ar\b/i.test(lang)) return renderReadmeAr(options);
  const { bundleId, createdAt, collectorName, fingerprint, items } = options;
  return `ATTEST EVIDENCE BUNDLE (format v1)

Bundle id:   ${bundleId}
Created:     ${createdAt} (UTC)
Collector:   ${collectorName}
Key:         ${groupFingerprint(fingerprint)}
Items:       ${items}

This archive holds captures of web pages (screenshots, page snapshots) made with Attest, each
hashed with SHA-256 when it was captured. SHA256SUMS lists the SHA-256 of every other file in this
archive (except SHA256SUMS.asc); SHA256SUMS.asc is an OpenPGP signature of SHA256SUMS made with the
collector's key, whose public half is collector-key.asc. If any byte of any file changes, the hash
check or the signature check below fails.

Before trusting the signature, confirm the key fingerprint above with the collector by another
channel (in person, by phone). Anyone can make a key; only the fingerprint ties it to a person.

HOW TO VERIFY (unzip the archive first, then run the commands inside its folder)

Linux:
  sha256sum -c SHA256SUMS               every line must say OK
  gpg --import collector-key.asc
  gpg --verify SHA256SUMS.asc SHA256SUMS  must say "Good signature"; compare the fingerprint

macOS:
  shasum -a 256 -c SHA256SUMS
  gpg --import collector-key.asc         (GnuPG from gpgtools.org or Homebrew)
  gpg --verify SHA256SUMS.asc SHA256SUMS

Windows (PowerShell; GnuPG from gpg4win.org):
  Get-Content SHA256SUMS | ForEach-Object { $h, $p = $_ -split '  ', 2
    if ((Get-FileHash -Algorithm SHA256 -LiteralPath $p).Hash.ToLower() -ne $h) { "FAILED: $p" } }
  (prints nothing when every file matches; certutil -hashfile FILE SHA256 checks one file)
  gpg --import collector-key.asc
  gpg --verify SHA256SUMS.asc SHA256SUMS

Also check that SHA256SUMS lists every file in the folder, and no file is missing:
an added or removed file is tampering too. The custody log (custody-log.jsonl) is hash-chained:
each line's "prev" is the SHA-256 of the previous line's exact bytes, e.g. on Linux:
  sed -n 1p custody-log.jsonl | tr -d '\\n' | sha256sum    equals "prev" on line 2

verify.html in this bundle runs every check in a browser, offline: open it and drop the ZIP on it.
But it came inside the very archive it checks, so someone who altered the bundle could have altered
it too. Use a copy of verify.html obtained independently (from the Attest project's release, or
from a colleague who got it there), or the commands above.

With Node.js and the Attest sources, "npm run verify -- bundle.zip" runs all of these checks
without unpacking the archive. The full format is in docs/bundle-format.md of the Attest project.
`;
}
