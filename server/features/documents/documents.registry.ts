/** Every official document the application can render, behind one `renderDocument(form, data, format)`. */
import { createDocumentRenderer } from '@server/platform/documents/registry.ts';
import { cchcDeductionsDocument } from './cchc-deductions.document.ts';
import { mau01Document } from './mau-01.document.ts';
import { mau02Document } from './mau-02.document.ts';
import { mau03Document } from './mau-03.document.ts';
import { mau05Document } from './mau-05.document.ts';
import { mau06Document } from './mau-06.document.ts';
import { mau07Document } from './mau-07.document.ts';
import { mau08Document } from './mau-08.document.ts';
import { mau09Document } from './mau-09.document.ts';
import { mau10Document } from './mau-10.document.ts';

/** The renderer over all forms. */
export const documents = createDocumentRenderer([
  mau01Document,
  mau02Document,
  mau03Document,
  mau05Document,
  mau06Document,
  mau07Document,
  mau08Document,
  mau09Document,
  mau10Document,
  cchcDeductionsDocument,
]);

/** Validates `data` for `form` and renders it as DOCX, XLSX or PDF (see server/platform/documents/registry.ts). */
export const renderDocument = documents.renderDocument;
