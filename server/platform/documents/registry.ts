/**
 * The document registry: each form declares its data schema and its builders; `renderDocument`
 * validates the data, builds the DOCX or XLSX, and converts to PDF through LibreOffice.
 * The registry knows no form: features register theirs (server/features/documents).
 */
import { Packer, type Document } from 'docx';
import type ExcelJS from 'exceljs';
import * as z from 'zod';
import type { DocumentFormat } from '@shared/evaluations/documents.ts';
import { docxToPdf } from './pdf.ts';
import { workbookToBuffer } from './xlsx.ts';

export type { DocumentFormat };

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export type DocumentDefinition<T> = {
  /** Form id used in URLs and the CLI, e.g. "mau-01". */
  form: string;
  /** Vietnamese name shown in lists. */
  title: string;
  schema: z.ZodType<T>;
  /** File name without extension, e.g. "mau-01-long-hoa-2023". */
  fileName(data: T): string;
  docx(data: T): Document;
  xlsx?(data: T): ExcelJS.Workbook;
};

/** A definition with its data type erased, so forms of different shapes share one registry. */
export type RegisteredDocument = {
  form: string;
  title: string;
  formats: DocumentFormat[];
  parse(data: unknown): unknown;
  fileName(valid: unknown): string;
  docx(valid: unknown): Document;
  xlsx?(valid: unknown): ExcelJS.Workbook;
};

export type RenderedDocument = {
  form: string;
  format: DocumentFormat;
  buffer: Buffer;
  contentType: string;
  /** File name with extension. */
  fileName: string;
};

/** Invalid data: `issues` name each field ("criteria[2].points: …") in Vietnamese. */
export class DocumentDataError extends Error {
  constructor(
    readonly form: string,
    readonly issues: string[],
  ) {
    super(`Dữ liệu của văn bản ${form} không hợp lệ:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'DocumentDataError';
  }
}

/** Asked for a form that does not exist, or a format the form does not offer. */
export class UnknownDocumentError extends Error {
  constructor(
    message: string,
    readonly available: string[],
  ) {
    super(message);
    this.name = 'UnknownDocumentError';
  }
}

const viErrors = z.locales.vi().localeError;

/** "criteria[2].points" from a zod path. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

/** Validates `data` against a schema with Vietnamese messages; throws DocumentDataError naming each field. */
export function parseDocumentData<T>(form: string, schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data, { error: viErrors });
  if (result.success) return result.data;
  throw new DocumentDataError(
    form,
    result.error.issues.map((issue) => `${fieldName(issue.path) || '(gốc)'}: ${issue.message}`),
  );
}

/** Registers a form, erasing its data type behind a validating `parse`. */
export function defineDocument<T>(def: DocumentDefinition<T>): RegisteredDocument {
  // The casts are safe: builders only ever receive what `parse` returned.
  return {
    form: def.form,
    title: def.title,
    formats: def.xlsx ? ['docx', 'xlsx', 'pdf'] : ['docx', 'pdf'],
    parse: (data) => parseDocumentData(def.form, def.schema, data),
    fileName: (valid) => def.fileName(valid as T),
    docx: (valid) => def.docx(valid as T),
    xlsx: def.xlsx ? (valid) => def.xlsx!(valid as T) : undefined,
  };
}

export type DocumentRenderer = {
  forms: RegisteredDocument[];
  get(form: string): RegisteredDocument;
  renderDocument(form: string, data: unknown, format: DocumentFormat): Promise<RenderedDocument>;
};

/** Builds a renderer over a set of registered forms. */
export function createDocumentRenderer(forms: RegisteredDocument[]): DocumentRenderer {
  const byForm = new Map(forms.map((f) => [f.form, f]));
  const names = forms.map((f) => f.form);
  function get(form: string): RegisteredDocument {
    const found = byForm.get(form);
    if (!found) throw new UnknownDocumentError(`Không có mẫu văn bản "${form}".`, names);
    return found;
  }
  async function renderDocument(
    form: string,
    data: unknown,
    format: DocumentFormat,
  ): Promise<RenderedDocument> {
    const def = get(form);
    if (!def.formats.includes(format)) {
      throw new UnknownDocumentError(`Mẫu ${form} không xuất được định dạng ${format}.`, def.formats);
    }
    const valid = def.parse(data);
    let buffer: Buffer;
    if (format === 'xlsx') buffer = await workbookToBuffer(def.xlsx!(valid));
    else {
      const docx = await Packer.toBuffer(def.docx(valid));
      buffer = format === 'pdf' ? await docxToPdf(docx) : docx;
    }
    return {
      form,
      format,
      buffer,
      contentType: CONTENT_TYPES[format],
      fileName: `${def.fileName(valid)}.${format}`,
    };
  }
  return { forms, get, renderDocument };
}
