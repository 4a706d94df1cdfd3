// SPDX-License-Identifier: AGPL-3.0-or-later
import { groupFingerprint, type ReadmeOptions } from './readme';

/**
 * README.txt in Arabic: the same instructions as the English text. Commands, file names and the
 * fingerprint stay on lines of their own, in Latin script, so they read left to right.
 */
export function renderReadmeAr(options: ReadmeOptions): string {
  const { bundleId, createdAt, collectorName, fingerprint, items } = options;
  return `حزمة أدلة من Attest (الصيغة v1)

معرّف الحزمة:
  ${bundleId}
تاريخ الإنشاء (UTC):
  ${createdAt}
جامع الأدلة:
  ${collectorName}
بصمة المفتاح:
  ${groupFingerprint(fingerprint)}
عدد اللقطات: ${items}

يحتوي هذا الملف المضغوط على لقطات لصفحات ويب (لقطات شاشة ونسخ من الصفحات) التُقطت بأداة Attest،
وقد حُسبت قيمة SHA-256 لكل منها لحظة التقاطها. يذكر الملف SHA256SUMS قيمة SHA-256 لكل ملف آخر في
الحزمة (عدا SHA256SUMS.asc)؛ والملف SHA256SUMS.asc توقيع OpenPGP للملف SHA256SUMS بمفتاح جامع
الأدلة، وجزؤه العام هو collector-key.asc. إذا تغيّر بايت واحد في أي ملف، يفشل التحقق من القيم أو
من التوقيع. يلخّص التقرير reports/report-*.pdf الحزمة ويتضمن نماذج إقرارات.

قبل الوثوق بالتوقيع، أكّد بصمة المفتاح المذكورة أعلاه مع جامع الأدلة عبر قناة أخرى (وجهًا لوجه أو
بالهاتف). يستطيع أي شخص إنشاء مفتاح؛ والبصمة وحدها هي ما يربطه بشخص معيّن.

كيف تتحقق (فك ضغط الملف أولًا، ثم نفّذ الأوامر في مجلده)

لينكس: يجب أن يظهر OK في كل سطر، ثم يجب أن يظهر "Good signature"؛ قارن البصمة
  sha256sum -c SHA256SUMS
  gpg --import collector-key.asc
  gpg --verify SHA256SUMS.asc SHA256SUMS

ماك (GnuPG من gpgtools.org أو Homebrew):
  shasum -a 256 -c SHA256SUMS
  gpg --import collector-key.asc
  gpg --verify SHA256SUMS.asc SHA256SUMS

ويندوز (PowerShell؛ وGnuPG من gpg4win.org). لا يظهر شيء إذا تطابقت كل الملفات؛ ويتحقق الأمر
certutil -hashfile FILE SHA256 من ملف واحد:
  Get-Content SHA256SUMS | ForEach-Object { $h, $p = $_ -split '  ', 2
    if ((Get-FileHash -Algorithm SHA256 -LiteralPath $p).Hash.ToLower() -ne $h) { "FAILED: $p" } }
  gpg --import collector-key.asc
  gpg --verify SHA256SUMS.asc SHA256SUMS

تحقّق أيضًا من أن SHA256SUMS يذكر كل ملف في المجلد وأنه لا ينقص أي ملف: إضافة ملف أو حذفه تلاعب
أيضًا. سجل سلسلة الحيازة (custody-log.jsonl) مترابط: الحقل "prev" في كل سطر هو قيمة SHA-256
للبايتات الدقيقة للسطر السابق. مثلًا في لينكس، الناتج يساوي "prev" في السطر 2:
  sed -n 1p custody-log.jsonl | tr -d '\\n' | sha256sum

الملف verify.html في هذه الحزمة يجري كل هذه الفحوص في المتصفح دون اتصال: افتحه وأفلت ملف ZIP عليه.
لكنه وصل داخل الملف نفسه الذي يفحصه: من عدّل الحزمة ربما عدّله أيضًا. استعمل نسخة من verify.html
حصلت عليها بشكل مستقل (من إصدارات مشروع Attest، أو من زميل حصل عليها كذلك)، أو الأوامر أعلاه.

مع Node.js والشيفرة المصدرية لـ Attest، يُجري الأمر "npm run verify -- bundle.zip" كل هذه الفحوص دون
فك الضغط. الصيغة الكاملة موصوفة في docs/bundle-format.md في المشروع.
`;
}
