/**
 * Mẫu 01 DOCX for every commune of the largest province (by number of communes in
 * resources/admin-units-2025/merges.json), with plausible generated figures.
 * `--pdf` also converts them all to PDF in one LibreOffice run when it is installed.
 * Figures go in docs/BENCHMARKS.md, section "Văn bản (documents)".
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDocument } from '@server/features/documents/documents.registry.ts';
import { convertDocxFilesToPdf, findSoffice } from '@server/platform/documents/pdf.ts';

type Merges = { data: { name: string; level2s: { level2_id: string; name: string }[] }[] };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const merges = JSON.parse(
  readFileSync(path.join(root, 'resources/admin-units-2025/merges.json'), 'utf8'),
) as Merges;
const province = [...merges.data].sort((a, b) => b.level2s.length - a.level2s.length)[0]!;
const example = JSON.parse(readFileSync(path.join(root, 'docs/examples/mau-01.json'), 'utf8')) as Record<
  string,
  unknown
>;

const MAX = [10, 30, 15, 20, 25];
const COUNTS = [2, 6, 3, 5, 4];

/** Deterministic pseudo-random figures per commune so runs are comparable. */
function figures(seed: number) {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const criteria = MAX.map((max, i) => {
    const lost = Math.round(next() * max * 0.3 * 4) / 4;
    const count = COUNTS[i]!;
    return {
      number: i + 1,
      indicatorCount: count,
      indicatorsAtMax: lost === 0 ? count : Math.max(0, count - Math.ceil(lost / 2)),
      points: String(max - lost),
      maxPoints: max,
    };
  });
  const total = criteria.reduce((sum, c) => sum + Number(c.points), 0);
  const atHalf = criteria.filter((c, i) => Number(c.points) >= MAX[i]! / 2).length;
  const met = (total >= 80 ? 1 : 0) + (atHalf === 5 ? 1 : 0) + 1;
  return {
    criteria,
    conditions: {
      criteriaAtHalf: atHalf,
      totalPoints: String(total),
      totalMax: 100,
      headsDisciplined: false,
      conditionsMet: met,
    },
  };
}

function communeData(name: string, index: number) {
  const kind = name.startsWith('Phường') ? 'phường' : name.startsWith('Đặc khu') ? 'đặc khu' : 'xã';
  const short = name.replace(/^(Phường|Xã|Đặc khu)\s+/, '');
  return {
    ...example,
    ...figures(index + 1),
    header: {
      parentAgency: `UBND ${province.name.toUpperCase()}`,
      issuingAgency: `ỦY BAN NHÂN DÂN\n${name.toUpperCase()}`,
      number: (index % 40) + 1,
      symbol: 'BC-UBND',
      place: short,
      date: '2025-12-19',
      year: 2025,
    },
    unit: { kind, name: short },
    year: 2025,
    addressees: [`Ủy ban nhân dân ${province.name}`],
    recognitionAuthority: `Chủ tịch Ủy ban nhân dân ${province.name}`,
  };
}

const communes = province.level2s;
const outDir = mkdtempSync(path.join(tmpdir(), 'danhgia-bench-docs-'));
// Warm-up: the first render pays for module loading and JIT.
await renderDocument('mau-01', communeData(communes[0]!.name, 0), 'docx');

const files: string[] = [];
let bytes = 0;
const start = performance.now();
for (const [i, commune] of communes.entries()) {
  const { buffer } = await renderDocument('mau-01', communeData(commune.name, i), 'docx');
  bytes += buffer.length;
  const file = path.join(outDir, `mau-01-${commune.level2_id}.docx`);
  writeFileSync(file, buffer);
  files.push(file);
}
const ms = performance.now() - start;
console.log(`Tỉnh lớn nhất: ${province.name}, ${communes.length} đơn vị cấp xã`);
console.log(
  `Mẫu 01 DOCX: ${communes.length} văn bản trong ${(ms / 1000).toFixed(2)} s, ${(ms / communes.length).toFixed(1)} ms/văn bản, trung bình ${Math.round(bytes / communes.length / 1024)} KB`,
);
console.log(`Bộ nhớ heap: ${Math.round(process.memoryUsage().heapUsed / 1024 / 1024)} MB`);

if (process.argv.includes('--pdf')) {
  if (!findSoffice()) console.log('PDF: bỏ qua (chưa cài LibreOffice)');
  else {
    const t = performance.now();
    await convertDocxFilesToPdf(files, outDir);
    const pdfMs = performance.now() - t;
    console.log(
      `PDF (một lần gọi LibreOffice): ${(pdfMs / 1000).toFixed(1)} s, ${(pdfMs / files.length).toFixed(0)} ms/văn bản`,
    );
  }
}
rmSync(outDir, { recursive: true, force: true });
