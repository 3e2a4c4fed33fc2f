/**
 * `npm run --silent cli -- document <form> --data <file.json> --out <file.docx|.xlsx|.pdf>`:
 * renders one official document from a JSON file of its view model, without a server.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { documents } from '@server/features/documents/documents.registry.ts';
import { PdfUnavailableError } from '@server/platform/documents/pdf.ts';
import {
  DocumentDataError,
  UnknownDocumentError,
  type DocumentFormat,
} from '@server/platform/documents/registry.ts';

export const summary =
  'Xuất văn bản (DOCX, XLSX, PDF) từ tệp dữ liệu JSON: document <mẫu> --data <tệp.json> --out <tệp>';

function usage(): string {
  const forms = documents.forms.map((f) => `  ${f.form.padEnd(16)} ${f.title} [${f.formats.join(', ')}]`);
  return [
    'Cách dùng: npm run --silent cli -- document <mẫu> --data <tệp.json> --out <tệp.docx|.xlsx|.pdf>',
    'Các mẫu:',
    ...forms,
    'Định dạng dữ liệu: docs/documents.md; ví dụ: docs/examples/<mẫu>.json',
  ].join('\n');
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Runs the command; returns 0 on success, 2 on a usage or data error, 1 when rendering fails. */
export async function run(args: string[]): Promise<number> {
  const [form] = args;
  if (!form || form.startsWith('-')) {
    console.error(usage());
    return 2;
  }
  if (!documents.forms.some((f) => f.form === form)) {
    console.error(`Không có mẫu văn bản "${form}".\n${usage()}`);
    return 2;
  }
  const dataPath = option(args, '--data');
  const outPath = option(args, '--out');
  if (!dataPath || !outPath) {
    console.error(`Thiếu --data hoặc --out.\n${usage()}`);
    return 2;
  }
  const format = path.extname(outPath).slice(1).toLowerCase() as DocumentFormat;
  let data: unknown;
  try {
    data = JSON.parse(await readFile(dataPath, 'utf8'));
  } catch (error) {
    console.error(
      `Không đọc được tệp dữ liệu ${dataPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 2;
  }
  try {
    const rendered = await documents.renderDocument(form, data, format);
    await writeFile(outPath, rendered.buffer);
    console.log(`Đã tạo ${outPath} (${rendered.buffer.length.toLocaleString('vi-VN')} byte).`);
    return 0;
  } catch (error) {
    if (error instanceof DocumentDataError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof UnknownDocumentError) {
      console.error(`${error.message} Định dạng dùng được: ${error.available.join(', ')}.`);
      return 2;
    }
    if (error instanceof PdfUnavailableError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
