/** DOCX → PDF through LibreOffice headless; PDF is never drawn by hand so it always matches the DOCX. */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeJobTempDir } from '@server/platform/jobs/temp-dirs.ts';

/** Raised when LibreOffice is missing, so callers can tell the user what to install. */
export class PdfUnavailableError extends Error {
  constructor() {
    super(
      'Chưa cài LibreOffice nên không tạo được PDF. Hãy cài gói libreoffice-writer-nogui và fonts-liberation2 ' +
        '(apt-get install -y libreoffice-writer-nogui fonts-liberation2) rồi thử lại, hoặc xuất DOCX.',
    );
    this.name = 'PdfUnavailableError';
  }
}

/** Path of the `soffice` (or `libreoffice`) executable on PATH, or undefined when LibreOffice is not installed. */
export function findSoffice(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of ['soffice', 'libreoffice']) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

function exec(file: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 10 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`LibreOffice không chuyển được sang PDF: ${stderr || error.message}`));
      else resolve();
    });
  });
}

/**
 * Converts DOCX files to PDF in one LibreOffice run (much faster than one run per file) and
 * returns the PDF paths in the same order. Each run gets its own throw-away profile so
 * concurrent conversions don't fight over LibreOffice's profile lock.
 */
/** Scratch folders of a conversion, named with the process id so that a start after a kill -9 removes them. */
export const PDF_TEMP_PREFIXES = ['danhgia-lo-', 'danhgia-pdf-'] as const;

export async function convertDocxFilesToPdf(files: string[], outDir: string): Promise<string[]> {
  const soffice = findSoffice();
  if (!soffice) throw new PdfUnavailableError();
  if (files.length === 0) return [];
  const profile = await makeJobTempDir(PDF_TEMP_PREFIXES[0]);
  try {
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      ...files,
    ];
    await exec(soffice, args, 60_000 + files.length * 5_000);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  const outputs = files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.pdf`));
  for (const output of outputs) {
    try {
      accessSync(output, constants.R_OK);
    } catch {
      throw new Error(`LibreOffice không tạo ra tệp ${path.basename(output)}.`);
    }
  }
  return outputs;
}

/** Converts one DOCX held in memory to a PDF buffer. */
export async function docxToPdf(docx: Buffer): Promise<Buffer> {
  if (!findSoffice()) throw new PdfUnavailableError();
  const dir = await makeJobTempDir(PDF_TEMP_PREFIXES[1]);
  try {
    const input = path.join(dir, 'van-ban.docx');
    await writeFile(input, docx);
    const [output] = await convertDocxFilesToPdf([input], dir);
    return await readFile(output!);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
