// SPDX-License-Identifier: AGPL-3.0-or-later
import { groupFingerprint, type ReadmeOptions } from './readme';

/** README.txt in French: the same instructions as the English text. */
export function renderReadmeFr(options: ReadmeOptions): string {
  const { bundleId, createdAt, collectorName, fingerprint, items } = options;
  return `LOT DE PREUVES ATTEST (format v1)

Identifiant : ${bundleId}
Créé le :     ${createdAt} (UTC)
Collecteur :  ${collectorName}
Clé :         ${groupFingerprint(fingerprint)}
Captures :    ${items}

Cette archive contient des captures de pages web (captures d'écran, copies de pages) faites avec
Attest, chacune hachée en SHA-256 au moment de la capture. SHA256SUMS donne le SHA-256 de chaque
autre fichier de l'archive (sauf SHA256SUMS.asc) ; SHA256SUMS.asc est une signature OpenPGP de
SHA256SUMS faite avec la clé du collecteur, dont la partie publique est collector-key.asc. Si un
seul octet d'un fichier change, la vérification des empreintes ou de la signature échoue.
Le rapport reports/report-*.pdf résume le lot et contient des modèles de déclarations.

Avant de faire confiance à la signature, confirmez l'empreinte de la clé ci-dessus auprès du
collecteur par un autre canal (en personne, par téléphone). N'importe qui peut créer une clé ;
seule l'empreinte la relie à une personne.

COMMENT VÉRIFIER (décompressez d'abord l'archive, puis lancez les commandes dans son dossier)

Linux :
  sha256sum -c SHA256SUMS               chaque ligne doit indiquer OK
  gpg --import collector-key.asc
  gpg --verify SHA256SUMS.asc SHA256SUMS  doit indiquer « Good signature » ; comparez l'empreinte

macOS :
  shasum -a 256 -c SHA256SUMS
  gpg --import collector-key.asc         (GnuPG : gpgtools.org ou Homebrew)
  gpg --verify SHA256SUMS.asc SHA256SUMS

Windows (PowerShell ; GnuPG : gpg4win.org) :
  Get-Content SHA256SUMS | ForEach-Object { $h, $p = $_ -split '  ', 2
    if ((Get-FileHash -Algorithm SHA256 -LiteralPath $p).Hash.ToLower() -ne $h) { "ÉCHEC : $p" } }
  (n'affiche rien si tous les fichiers correspondent ; certutil -hashfile FICHIER SHA256 vérifie un fichier)
  gpg --import collector-key.asc
  gpg --verify SHA256SUMS.asc SHA256SUMS

Vérifiez aussi que SHA256SUMS liste chaque fichier du dossier et qu'aucun ne manque : un fichier
ajouté ou supprimé est aussi une altération. Le journal de conservation (custody-log.jsonl) est
chaîné : le champ "prev" de chaque ligne est le SHA-256 des octets exacts de la ligne précédente,
par exemple sous Linux :
  sed -n 1p custody-log.jsonl | tr -d '\\n' | sha256sum    égal à "prev" de la ligne 2

verify.html, dans ce lot, fait toutes ces vérifications dans un navigateur, hors ligne : ouvrez-le
et déposez-y le ZIP. Mais il est arrivé dans l'archive même qu'il vérifie : qui a modifié le lot a
pu le modifier aussi. Utilisez une copie de verify.html obtenue indépendamment (publication du
projet Attest, ou un confrère qui l'a obtenue ainsi), ou les commandes ci-dessus.

Avec Node.js et les sources d'Attest, « npm run verify -- lot.zip » fait toutes ces vérifications
sans décompresser l'archive. Le format complet est décrit dans docs/bundle-format.md du projet.
`;
}
