/**
 * Reading a book's CSV/XLSX rows into records (ADR 0014): a header names a field by its import
 * column (`ngay_ban_hanh`) or its Vietnamese label, with or without diacritics; cells are read as
 * the clerk writes them (dd/mm/yyyy, "1.770", có/không, an option's value or label). Every problem
 * names the row and the column in Vietnamese. Pure: the server reads the file, this reads the cells.
 */
import { foldVietnamese } from '../format/vi.ts';
import { parseRegisterDate, parseYesNo } from '../tthc/dossier-row.ts';
import {
  BOOK_KINDS,
  bookDataSchema,
  importColumnOf,
  recordDateOf,
  type BookData,
  type BookField,
  type BookKindId,
} from './kinds.ts';

export interface BookImportIssue {
  line: number;
  column: string;
  message: string;
}

const norm = (text: string) =>
  foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** The field each header names; headers naming nothing are problems (line 1), except "STT". */
export function mapBookHeaders(
  kindId: BookKindId,
  headers: string[],
): { map: Map<string, BookField>; issues: BookImportIssue[] } {
  const kind = BOOK_KINDS[kindId];
  const map = new Map<string, BookField>();
  const issues: BookImportIssue[] = [];
  const seen = new Set<string>();
  for (const h of headers) {
    const n = norm(h);
    if (n === 'stt' || n === 'don_vi' || n === '') continue;
    const field = kind.fields.find((f) => importColumnOf(f.name) === n || norm(f.label) === n);
    if (!field) {
      issues.push({
        line: 1,
        column: h,
        message: `cột "${h}" không thuộc sổ "${kind.label}" (có: ${kind.fields.map((f) => importColumnOf(f.name)).join(', ')})`,
      });
      continue;
    }
    if (seen.has(field.name))
      issues.push({ line: 1, column: h, message: `cột "${field.label}" xuất hiện hai lần` });
    seen.add(field.name);
    map.set(h, field);
  }
  for (const f of kind.fields)
    if (f.required && !seen.has(f.name))
      issues.push({ line: 1, column: importColumnOf(f.name), message: `thiếu cột bắt buộc "${f.label}"` });
  return { map, issues };
}

function readCell(field: BookField, text: string): { value?: string | number | boolean; problem?: string } {
  const t = text.trim();
  if (t === '') return {};
  switch (field.type) {
    case 'text':
      return { value: t };
    case 'date': {
      const iso = parseRegisterDate(t);
      return iso ? { value: iso } : { problem: `"${t}" không phải ngày hợp lệ (dd/mm/yyyy)` };
    }
    case 'int': {
      const digits = t.replace(/[.\s]/g, '');
      return /^\d+$/.test(digits)
        ? { value: Number(digits) }
        : { problem: `"${t}" không phải số nguyên không âm` };
    }
    case 'bool': {
      const v = parseYesNo(t);
      return v === undefined || v === null
        ? { problem: `"${t}" không hợp lệ; dùng có/không, 1/0 hoặc x` }
        : { value: v };
    }
    case 'choice': {
      const n = norm(t);
      const option = (field.options ?? []).find((o) => norm(o.value) === n || norm(o.label) === n);
      return option
        ? { value: option.value }
        : {
            problem: `"${t}" không có trong danh sách (${(field.options ?? []).map((o) => o.label).join('; ')})`,
          };
    }
  }
}

/** One row's cells (by header) into a record's facts, or the problems of that row. */
export function readBookRow(
  kindId: BookKindId,
  map: Map<string, BookField>,
  line: number,
  cells: Record<string, string>,
): { ok: true; data: BookData; recordDate: string } | { ok: false; issues: BookImportIssue[] } {
  const issues: BookImportIssue[] = [];
  const raw: Record<string, unknown> = {};
  const headerOf = new Map<string, string>();
  for (const [header, field] of map) {
    headerOf.set(field.name, header);
    const { value, problem } = readCell(field, cells[header] ?? '');
    if (problem) issues.push({ line, column: header, message: `${field.label}: ${problem}` });
    else if (value !== undefined) raw[field.name] = value;
  }
  if (issues.length) return { ok: false, issues };
  const parsed = bookDataSchema(kindId).safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '');
        return { line, column: headerOf.get(name) ?? importColumnOf(name), message: i.message };
      }),
    };
  return { ok: true, data: parsed.data, recordDate: recordDateOf(BOOK_KINDS[kindId], parsed.data)! };
}

/** "Dòng 3, cột "ngay_nhan": …" */
export function describeBookIssue(i: BookImportIssue): string {
  return `Dòng ${i.line}, cột "${i.column}": ${i.message}`;
}
