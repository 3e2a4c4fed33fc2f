import type { z } from 'zod';
import type { evidenceItemResponse } from '../evidence/evidence.contract.ts';
import { formatDecimal } from '../format/vi.ts';

/**
 * Evidence files (tài liệu kiểm chứng): which kinds are accepted and how a file's kind is told
 * from its first bytes ("magic bytes"), never from its name or the browser's claimed type.
 */
export const EVIDENCE_TYPES = {
  'application/pdf': { label: 'PDF', extension: 'pdf', preview: 'pdf' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'Word (DOCX)',
    extension: 'docx',
    preview: null,
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'Excel (XLSX)',
    extension: 'xlsx',
    preview: null,
  },
  'image/jpeg': { label: 'Ảnh JPEG', extension: 'jpg', preview: 'image' },
  'image/png': { label: 'Ảnh PNG', extension: 'png', preview: 'image' },
} as const satisfies Record<string, { label: string; extension: string; preview: 'pdf' | 'image' | null }>;

export type EvidenceContentType = keyof typeof EVIDENCE_TYPES;

export const ALLOWED_EVIDENCE_LABEL = 'PDF, Word (DOCX), Excel (XLSX), ảnh JPEG hoặc PNG';

/** Bytes needed at the start of a file to tell its family. */
export const SIGNATURE_BYTES = 8;

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // "PK\3\4": DOCX and XLSX are ZIP packages

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** The family a file's first bytes announce; 'zip' still needs the package's part names. */
export function detectFamily(head: Uint8Array): EvidenceContentType | 'zip' | null {
  if (startsWith(head, PDF)) return 'application/pdf';
  if (startsWith(head, PNG)) return 'image/png';
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (startsWith(head, ZIP)) return 'zip';
  return null;
}

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const WORD_PART = ascii('word/document.xml');
const EXCEL_PART = ascii('xl/workbook.xml');
const CONTENT_TYPES_PART = ascii('[Content_Types].xml');

function contains(bytes: Uint8Array, needle: number[]): boolean {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * DOCX or XLSX, from part names seen in the package (its start and its central directory at the
 * end, which lists every part); null for any other ZIP.
 */
export function detectOfficePackage(...regions: Uint8Array[]): EvidenceContentType | null {
  const has = (needle: number[]) => regions.some((r) => contains(r, needle));
  if (!has(CONTENT_TYPES_PART)) return null;
  if (has(WORD_PART)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (has(EXCEL_PART)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

/** Extensions a name may keep for each type (the first of each is EVIDENCE_TYPES' own). */
const EXTENSIONS: Record<EvidenceContentType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe'],
  'image/png': ['png'],
};

// C0/C1 controls, and the bidirectional marks, embeddings, overrides and isolates that let a name
// display in another order than it is ("hoso\u202efdp.exe" shows as "hosoexe.pdf").
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/g;
// Only a short run with a letter counts as an extension: "Quyết định số 12.2024" has none.
const EXTENSION = /^(.+)\.([A-Za-z0-9]{1,8})$/;

/**
 * The name kept and served for a file: no folders, no control or bidi characters, NFC, at most
 * 255 characters, and always the extension of the type its bytes show, whatever it was called
 * (a PDF/HTML polyglot named "baocao.html" becomes "baocao.pdf", so no program opens it as a page).
 */
export function cleanFileName(name: string, contentType: EvidenceContentType): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const trimmed = base
    .replace(INVISIBLE, '')
    .trim()
    .replace(/[.\s]+$/, '');
  // ".pdf" alone would be a hidden file once saved.
  const cleaned = trimmed.startsWith('.') ? `tai-lieu${trimmed}` : trimmed;
  const allowed = EXTENSIONS[contentType];
  const isAllowed = (extension: string) => allowed.includes(extension.toLowerCase());
  let stem = cleaned;
  let extension = allowed[0]!;
  const match = EXTENSION.exec(cleaned);
  if (match && /[A-Za-z]/.test(match[2]!)) {
    stem = match[1]!;
    if (isAllowed(match[2]!)) extension = match[2]!;
    else {
      // "bang.xlsx.exe" is kept as "bang.xlsx", not "bang.xlsx.xlsx".
      const inner = EXTENSION.exec(stem);
      if (inner && isAllowed(inner[2]!)) [stem, extension] = [inner[1]!, inner[2]!];
    }
  }
  stem = stem.trim().replace(/[.\s]+$/, '');
  if (!stem) stem = 'tai-lieu';
  return `${stem.slice(0, 255 - extension.length - 1)}.${extension}`;
}

/** One evidence file as the API presents it. */
/** One evidence file as the API shows it (shared/evidence/evidence.contract.ts). */
export type EvidenceItem = z.output<typeof evidenceItemResponse>;

/** Evidence of one evaluation, grouped by node code. */
export type EvidenceList = { byNode: Record<string, EvidenceItem[]>; count: number };

/** A file size as shown to users: "850 byte", "12,4 KB", "3,2 MB" (binary units, one decimal). */
export function formatFileSize(bytes: number): string {
  const oneDecimal = (n: number) => formatDecimal(Math.round(n * 10) / 10);
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${oneDecimal(bytes / 1024)} KB`;
  return `${oneDecimal(bytes / 1024 / 1024)} MB`;
}
