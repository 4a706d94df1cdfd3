// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ReportText } from './report-text';

const BLANK = '____________________';

/** Spanish report text. The declarations are templates for counsel to adapt, not legal advice. */
export const REPORT_TEXT_ES: ReportText = {
  lang: 'es',
  title: 'Informe de pruebas',
  subtitle:
    'Capturas de contenido en línea, con hash calculado al capturar y firmadas por quien las recopiló',
  cover: {
    caseTitle: 'Caso',
    tlp: 'Difusión (Traffic Light Protocol 2.0)',
    collector: 'Recopilador/a',
    onBehalfOf: 'En nombre de',
    fingerprint: 'Huella de la clave del recopilador (OpenPGP)',
    tool: 'Herramienta y versión',
    bundleId: 'Identificador del paquete',
    created: 'Paquete creado (UTC)',
    span: 'Capturas realizadas entre (UTC)',
    items: 'Número de capturas',
    noCase: '(sin título de caso)',
  },
  intro:
    'Este informe acompaña a un paquete de pruebas firmado. Cada archivo enumerado a continuación se procesó con SHA-256 en el momento de la captura, antes de guardarse. El archivo SHA256SUMS del paquete contiene el hash de cada archivo y está firmado con la clave del recopilador cuya huella figura arriba. El propio informe es uno de los archivos enumerados y firmados; la prueba son los archivos del paquete, no este informe.',
  itemsTitle: 'Capturas',
  columns: {
    captured: 'Capturado (UTC)',
    url: 'URL',
    postId: 'Id. de la publicación',
    author: 'Autor/a',
    category: 'Categoría',
    files: 'Archivos y SHA-256',
  },
  none: '-',
  categories: {
    harassment: 'Acoso',
    'threat-of-violence': 'Amenaza de violencia',
    doxxing: 'Divulgación de datos personales (doxxing)',
    impersonation: 'Suplantación de identidad',
    'defamation-smear': 'Difamación o campaña de desprestigio',
    'hate-speech': 'Discurso de odio',
    'coordinated-campaign': 'Campaña coordinada',
    'image-based-sexual-abuse': 'Abuso sexual basado en imágenes',
    'sexual-harassment': 'Acoso sexual',
    'hacking-account-takeover': 'Intrusión o toma de control de cuenta',
    other: 'Otra',
  },
  screenshotsTitle: 'Capturas de pantalla',
  screenshotOf: (n, path) => `Captura ${n}: ${path}`,
  blurredNote: (parentSha, copyPath, copySha) =>
    `Se muestra DIFUMINADA porque está marcada como sensible. Esta imagen es una copia derivada (${copyPath}, SHA-256 ${copySha}) hecha a partir del archivo original, SHA-256 ${parentSha}, que está sin cambios en el paquete.`,
  notDrawn: (path) =>
    `Esta imagen no se pudo dibujar aquí; el original está en el paquete en ${path}.`,
  reducedNote: (path, sha256, original, shown) =>
    `Vista reducida (${shown} px) de la captura de pantalla original ${path} (${original} px, SHA-256 ${sha256}), que está sin cambios en el paquete; abra ese archivo para verla en resolución completa.`,
  sensitiveOmitted: (path) =>
    `Esta imagen está marcada como sensible y no se pudo difuminar, por lo que no se muestra; el original está en el paquete en ${path}.`,
  custodyTitle: 'Registro de custodia',
  custodyIntro:
    'Cada evento en la vida de las pruebas, en orden. Cada línea contiene el SHA-256 de la línea anterior (prev), de modo que eliminar, reordenar o modificar un evento rompe la cadena. Las líneas completas están en custody-log.jsonl.',
  custodyOmitted: (omitted, total) =>
    `${omitted} eventos sobre capturas que no están en este paquete no se imprimen aquí; custody-log.jsonl contiene las ${total} líneas, y la verificación del paquete comprueba toda la cadena.`,
  verifyTitle: 'Cómo verificar este paquete',
  verifySteps: (fpr) => [
    'Use una copia del ZIP del paquete que recibió; descomprímalo y abra una terminal en su carpeta.',
    'Linux: sha256sum -c SHA256SUMS   (cada línea debe decir OK)',
    'macOS: shasum -a 256 -c SHA256SUMS',
    'Windows: certutil -hashfile <archivo> SHA256 para cada archivo, comparado con su línea en SHA256SUMS (README.txt incluye un bucle de PowerShell que los comprueba todos).',
    'Después: gpg --import collector-key.asc y gpg --verify SHA256SUMS.asc SHA256SUMS, que debe indicar "Good signature" (firma correcta).',
    `La huella que muestra gpg debe ser ${fpr}. Confírmela con el recopilador por otro canal (en persona, por teléfono).`,
    'Compruebe también que SHA256SUMS enumera todos los archivos de la carpeta: un archivo añadido o que falta también es una manipulación.',
    'O abra verify.html (una copia obtenida independientemente de este paquete, p. ej. del proyecto Attest) en un navegador y suelte el ZIP en él: realiza todas las comprobaciones sin conexión.',
  ],
  declarationsTitle: 'Modelos de declaración',
  declarationsNote:
    'Lo que sigue son modelos. Un abogado debe adaptarlos al tribunal y a la jurisdicción antes de usarlos; los espacios en blanco se completan a mano.',
  witnessTitle: 'Declaración testimonial',
  witness: (collector) => [
    `Yo, ${BLANK} (nombre completo), identificado/a en este paquete como recopilador/a "${collector}", con domicilio en ${BLANK} (domicilio o domicilio profesional), declaro:`,
    `1. Entre el ${BLANK} y el ${BLANK} utilicé la extensión de navegador Attest para capturar las páginas web enumeradas en este informe, en un ordenador bajo mi control.`,
    '2. Capturé cada página tal como se me mostraba, sin alterar su contenido. Las capturas de pantalla y los archivos del paquete son lo que la herramienta registró en el momento de la captura.',
    `3. Soy titular de la clave OpenPGP cuya huella figura en este informe y firmé el paquete con ella el ${BLANK} (fecha).`,
    `4. ${BLANK} (otros hechos pertinentes: cómo llegué a ver el contenido, en nombre de quién lo capturé, con qué consentimiento).`,
  ],
  certificationTitle: 'Certificación del proceso y del algoritmo de hash',
  certification: (tool, fpr) => [
    `Yo, ${BLANK} (nombre completo), ${BLANK} (cargo o cualificación), certifico que:`,
    `1. Los archivos de este paquete fueron producidos por ${tool}, un proceso que registra contenido web y genera un resultado exacto: cada archivo se procesa con SHA-256 (FIPS 180-4) en el momento de la captura, antes de guardarse, y el hash se guarda con el archivo.`,
    '2. SHA-256 es una función hash criptográfica: cualquier cambio en un archivo, por pequeño que sea, produce un valor distinto, y no se conoce ninguna forma práctica de crear dos archivos diferentes con el mismo valor.',
    '3. La lista de hashes de los archivos (SHA256SUMS) está firmada con la clave OpenPGP ' +
      fpr +
      '; la firma y cada hash pueden comprobarse con herramientas estándar (sha256sum, certutil, shasum, gpg) sin depender de Attest.',
    '4. El registro de custodia anota cada captura y cada exportación, y cada entrada está encadenada a la anterior por su SHA-256.',
    'Esta certificación está redactada en el espíritu de las reglas 902(14) (registros autenticados por valor hash) y 902(13) de las Federal Rules of Evidence de EE. UU.',
  ],
  truthTitle: 'Declaración de veracidad',
  truth: [
    'Creo que los hechos expuestos en esta declaración son ciertos. Entiendo que quien haga, o haga que se haga, una declaración falsa en un documento verificado por una declaración de veracidad sin creer honestamente en su veracidad puede ser objeto de acciones legales.',
  ],
  signatureBlock: [`Firma: ${BLANK}`, `Nombre: ${BLANK}`, `Fecha: ${BLANK}`, `Lugar: ${BLANK}`],
  page: (n, total) => `Página ${n} de ${total}`,
};
