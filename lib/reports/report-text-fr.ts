// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ReportText } from './report-text';

const BLANK = '____________________';

/** Texte français du rapport. Les déclarations sont des modèles à adapter par un avocat. */
export const REPORT_TEXT_FR: ReportText = {
  lang: 'fr',
  title: 'Rapport de preuves',
  subtitle:
    'Captures de contenus en ligne, empreintes calculées à la capture, signées par le collecteur',
  cover: {
    caseTitle: 'Dossier',
    tlp: 'Diffusion (Traffic Light Protocol 2.0)',
    collector: 'Collecteur',
    onBehalfOf: 'Pour le compte de',
    fingerprint: 'Empreinte de la clé du collecteur (OpenPGP)',
    tool: 'Outil et version',
    bundleId: 'Identifiant du lot',
    created: 'Lot créé le (UTC)',
    span: 'Captures faites entre (UTC)',
    items: 'Nombre de captures',
    noCase: '(aucun titre de dossier)',
  },
  intro:
    "Ce rapport accompagne un lot de preuves signé. Chaque fichier listé ci-dessous a été haché en SHA-256 au moment de la capture, avant d'être enregistré. Le fichier SHA256SUMS du lot donne l'empreinte de chaque fichier et il est signé avec la clé du collecteur dont l'empreinte figure ci-dessus. Ce rapport est lui-même l'un des fichiers listés et signés ; ce sont les fichiers du lot, et non ce rapport, qui constituent la preuve.",
  itemsTitle: 'Captures',
  columns: {
    captured: 'Capturé le (UTC)',
    url: 'URL',
    postId: 'Id de la publication',
    author: 'Auteur',
    category: 'Catégorie',
    files: 'Fichiers et SHA-256',
  },
  none: '-',
  categories: {
    harassment: 'Harcèlement',
    'threat-of-violence': 'Menace de violence',
    doxxing: 'Divulgation de données personnelles (doxxing)',
    impersonation: "Usurpation d'identité",
    'defamation-smear': 'Diffamation ou campagne de dénigrement',
    'hate-speech': 'Discours de haine',
    'coordinated-campaign': 'Campagne coordonnée',
    'image-based-sexual-abuse': 'Abus sexuel fondé sur des images',
    'sexual-harassment': 'Harcèlement sexuel',
    'hacking-account-takeover': 'Piratage ou prise de contrôle de compte',
    other: 'Autre',
  },
  screenshotsTitle: "Captures d'écran",
  screenshotOf: (n, path) => `Capture ${n} : ${path}`,
  blurredNote: (parentSha, copyPath, copySha) =>
    `Affichée FLOUTÉE car marquée sensible. Cette image est une copie dérivée (${copyPath}, SHA-256 ${copySha}) faite à partir du fichier original, SHA-256 ${parentSha}, qui figure inchangé dans le lot.`,
  notDrawn: (path) =>
    `Cette image n'a pas pu être affichée ici ; l'original figure dans le lot sous ${path}.`,
  reducedNote: (path, sha256, original, shown) =>
    `Vue réduite (${shown} px) de la capture d'écran originale ${path} (${original} px, SHA-256 ${sha256}), qui figure inchangée dans le lot ; ouvrez ce fichier pour la voir en pleine résolution.`,
  sensitiveOmitted: (path) =>
    `Cette image est marquée sensible et n'a pas pu être floutée : elle n'est donc pas affichée ; l'original figure dans le lot sous ${path}.`,
  custodyTitle: 'Journal de la chaîne de conservation',
  custodyIntro:
    "Chaque événement de la vie des preuves, dans l'ordre. Chaque ligne contient le SHA-256 de la ligne précédente (prev) : supprimer, déplacer ou modifier un événement rompt la chaîne. Les lignes complètes sont dans custody-log.jsonl.",
  custodyOmitted: (omitted, total) =>
    `${omitted} événements concernant des captures absentes de ce lot ne sont pas imprimés ici ; custody-log.jsonl contient les ${total} lignes, et la vérification du lot contrôle toute la chaîne.`,
  verifyTitle: 'Comment vérifier ce lot',
  verifySteps: (fpr) => [
    'Utilisez la copie du ZIP que vous avez reçue ; décompressez-la et ouvrez un terminal dans son dossier.',
    'Linux : sha256sum -c SHA256SUMS   (chaque ligne doit indiquer OK)',
    'macOS : shasum -a 256 -c SHA256SUMS',
    'Windows : certutil -hashfile <fichier> SHA256 pour chaque fichier, à comparer avec sa ligne dans SHA256SUMS (README.txt contient une boucle PowerShell qui les vérifie tous).',
    'Puis : gpg --import collector-key.asc et gpg --verify SHA256SUMS.asc SHA256SUMS, qui doit indiquer « Good signature » (« Bonne signature »).',
    `L'empreinte affichée par gpg doit être ${fpr}. Confirmez-la auprès du collecteur par un autre canal (en personne, par téléphone).`,
    'Vérifiez aussi que SHA256SUMS liste chaque fichier du dossier : un fichier ajouté ou manquant est aussi une altération.',
    "Ou ouvrez verify.html (une copie obtenue indépendamment de ce lot, par exemple auprès du projet Attest) dans un navigateur et déposez-y le ZIP : toutes les vérifications s'exécutent hors ligne.",
  ],
  declarationsTitle: 'Modèles de déclarations',
  declarationsNote:
    'Les textes suivants sont des modèles. Un avocat doit les adapter à la juridiction et au tribunal avant tout usage ; les blancs sont à remplir à la main.',
  witnessTitle: 'Attestation de témoin',
  witness: (collector) => [
    `Je soussigné(e), ${BLANK} (nom complet), désigné(e) dans ce lot comme collecteur « ${collector} », demeurant ${BLANK} (adresse personnelle ou professionnelle), déclare :`,
    `1. Entre le ${BLANK} et le ${BLANK}, j'ai utilisé l'extension de navigateur Attest pour capturer les pages web listées dans ce rapport, sur un ordinateur sous mon contrôle.`,
    "2. J'ai capturé chaque page telle qu'elle m'était affichée, sans en modifier le contenu. Les captures d'écran et fichiers du lot sont ceux que l'outil a enregistrés au moment de la capture.",
    `3. Je détiens la clé OpenPGP dont l'empreinte figure dans ce rapport et j'ai signé le lot avec elle le ${BLANK} (date).`,
    `4. ${BLANK} (autres faits utiles : comment j'ai eu connaissance du contenu, pour le compte de qui je l'ai capturé, avec quel consentement).`,
  ],
  certificationTitle: "Certification du procédé et de l'algorithme d'empreinte",
  certification: (tool, fpr) => [
    `Je soussigné(e), ${BLANK} (nom complet), ${BLANK} (fonction ou qualité), certifie que :`,
    `1. Les fichiers de ce lot ont été produits par ${tool}, un procédé qui enregistre des contenus web et produit un résultat exact : chaque fichier est haché en SHA-256 (FIPS 180-4) au moment de la capture, avant son enregistrement, et l'empreinte est conservée avec le fichier.`,
    "2. SHA-256 est une fonction de hachage cryptographique : toute modification d'un fichier, même minime, donne une valeur différente, et aucun moyen pratique n'est connu de produire deux fichiers différents ayant la même valeur.",
    '3. La liste des empreintes (SHA256SUMS) est signée avec la clé OpenPGP ' +
      fpr +
      ' ; la signature et chaque empreinte se vérifient avec des outils standard (sha256sum, certutil, shasum, gpg) sans faire confiance à Attest.',
    '4. Le journal de conservation enregistre chaque capture et chaque export, chaque entrée étant chaînée à la précédente par son SHA-256.',
    "Cette certification s'inspire de la règle 902(14) des Federal Rules of Evidence des États-Unis (documents authentifiés par leur empreinte) et de la règle 902(13).",
  ],
  truthTitle: 'Déclaration de véracité',
  truth: [
    "Je crois que les faits exposés dans la présente déclaration sont vrais. Je comprends que des poursuites pour outrage au tribunal (contempt of court) peuvent être engagées contre quiconque fait, ou fait faire, une fausse déclaration dans un document confirmé par une déclaration de véracité sans croire honnêtement à sa véracité. (Texte des Civil Procedure Rules d'Angleterre et du Pays de Galles ; en droit français, voir l'article 202 du code de procédure civile et l'article 441-7 du code pénal.)",
  ],
  signatureBlock: [`Signature : ${BLANK}`, `Nom : ${BLANK}`, `Date : ${BLANK}`, `Lieu : ${BLANK}`],
  page: (n, total) => `Page ${n} sur ${total}`,
};
