// SPDX-License-Identifier: AGPL-3.0-or-later
import { groupFingerprint, type ReadmeOptions } from './readme';

/** README.txt in Spanish: the same instructions as the English text. */
export function renderReadmeEs(options: ReadmeOptions): string {
  const { bundleId, createdAt, collectorName, fingerprint, items } = options;
  return `PAQUETE DE PRUEBAS ATTEST (formato v1)

Identificador:  ${bundleId}
Creado:         ${createdAt} (UTC)
Recopilador/a:  ${collectorName}
Clave:          ${groupFingerprint(fingerprint)}
Capturas:       ${items}

Este archivo contiene capturas de páginas web (capturas de pantalla, copias de páginas) hechas con
Attest, cada una con su hash SHA-256 calculado en el momento de la captura. SHA256SUMS da el
SHA-256 de cada uno de los demás archivos (salvo SHA256SUMS.asc); SHA256SUMS.asc es una firma
OpenPGP de SHA256SUMS hecha con la clave del recopilador, cuya parte pública es collector-key.asc.
Si cambia un solo byte de un archivo, falla la comprobación de los hashes o la de la firma.
El informe reports/report-*.pdf resume el paquete e incluye modelos de declaración.

Antes de confiar en la firma, confirme la huella de la clave indicada arriba con el recopilador
por otro canal (en persona, por teléfono). Cualquiera puede crear una clave; solo la huella la
vincula a una persona.

CÓMO VERIFICAR (descomprima primero el archivo y ejecute las órdenes en su carpeta)

Linux:
  sha256sum -c SHA256SUMS               cada línea debe decir OK
  gpg --import collector-key.asc
  gpg --verify SHA256SUMS.asc SHA256SUMS  debe decir "Good signature"; compare la huella

macOS:
  shasum -a 256 -c SHA256SUMS
  gpg --import collector-key.asc         (GnuPG: gpgtools.org o Homebrew)
  gpg --verify SHA256SUMS.asc SHA256SUMS

Windows (PowerShell; GnuPG: gpg4win.org):
  Get-Content SHA256SUMS | ForEach-Object { $h, $p = $_ -split '  ', 2
    if ((Get-FileHash -Algorithm SHA256 -LiteralPath $p).Hash.ToLower() -ne $h) { "FALLO: $p" } }
  (no muestra nada si todos los archivos coinciden; certutil -hashfile ARCHIVO SHA256 comprueba uno)
  gpg --import collector-key.asc
  gpg --verify SHA256SUMS.asc SHA256SUMS

Compruebe también que SHA256SUMS enumera todos los archivos de la carpeta y que no falta ninguno:
un archivo añadido o eliminado también es una manipulación. El registro de custodia
(custody-log.jsonl) está encadenado: el campo "prev" de cada línea es el SHA-256 de los bytes
exactos de la línea anterior, por ejemplo en Linux:
  sed -n 1p custody-log.jsonl | tr -d '\\n' | sha256sum    igual al "prev" de la línea 2

verify.html, en este paquete, hace todas estas comprobaciones en un navegador, sin conexión: ábralo
y suelte el ZIP en él. Pero llegó dentro del mismo archivo que comprueba: quien modificó el paquete
pudo modificarlo también. Use una copia de verify.html obtenida de forma independiente
(publicación del proyecto Attest, o un colega que la obtuvo así), o las órdenes de arriba.

Con Node.js y el código fuente de Attest, "npm run verify -- paquete.zip" hace todas estas
comprobaciones sin descomprimir el archivo. El formato completo se describe en
docs/bundle-format.md del proyecto.
`;
}
