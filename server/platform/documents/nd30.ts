/**
 * Nghị định 30/2020/NĐ-CP (Phụ lục I) page and type settings for DOCX documents.
 * Mechanism only: no form knows about another, and nothing here decides business outcomes.
 */
import {
  AlignmentType,
  Document,
  Header,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
  type FileChild,
  type ISectionOptions,
} from 'docx';

/** Millimetres → twentieths of a point (twips), the unit of page geometry in WordprocessingML. */
export function mm(value: number): number {
  return Math.round((value * 1440) / 25.4);
}

/** A4 portrait in twips: Word writes exactly these figures (w:pgSz w:w="11906" w:h="16838"). */
export const A4 = { width: 11906, height: 16838 } as const;

/** Margins inside the ND 30 ranges (top/bottom 20–25, left 30–35, right 15–20 mm). */
export const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } as const;

/** Width of the text area between the margins, in twips. */
export const CONTENT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
/** The same on an A4 landscape page (wide tables: Biểu 06). */
export const LANDSCAPE_CONTENT_WIDTH = A4.height - MARGINS.left - MARGINS.right;

/** The font name stays "Times New Roman" so officials' Word uses it; LibreOffice substitutes Liberation Serif. */
export const FONT = 'Times New Roman';

/**
 * Point sizes. ND 30 asks for consistent steps; we use the 12 / 13 / 13 set for the header block
 * (Quốc hiệu / Tiêu ngữ / place-date) and 14 pt body text.
 */
export const SIZE = {
  body: 14,
  agency: 12,
  number: 13,
  nationalTitle: 12,
  motto: 13,
  placeDate: 13,
  docType: 14,
  summary: 14,
  signature: 14,
  recipientsLabel: 12,
  recipients: 11,
  table: 12,
  pageNumber: 13,
} as const;

/** Half-points, the unit `docx` uses for font sizes. */
export function halfPoints(points: number): number {
  return Math.round(points * 2);
}

/** First-line indent of body paragraphs (ND 30: 1 cm or 1.27 cm). */
export const FIRST_LINE_INDENT = mm(12.7);

/** Space between body paragraphs (ND 30: at least 6 pt), in twips. */
export const PARAGRAPH_SPACING = 120;

export type Nd30Section = {
  /** Content of the section, top to bottom. */
  children: FileChild[];
};

/**
 * Builds an A4 portrait document with ND 30 margins and fonts. Page numbers are centred in
 * the top margin from page 2 on (ND 30: none on page 1). Each section starts on a new page.
 */
export function nd30Document(
  sections: Nd30Section[],
  properties: { title?: string; issuer?: string; landscape?: boolean } = {},
): Document {
  return new Document({
    title: properties.title ?? 'Văn bản',
    // Word and LibreOffice show the author of an official document: the issuing body, not the software.
    creator: properties.issuer ?? 'danhgia',
    styles: {
      default: {
        document: {
          // Vietnamese text marked as such: spelling, hyphenation and screen readers use the right language.
          run: { font: FONT, size: halfPoints(SIZE.body), color: '000000', language: { value: 'vi-VN' } },
        },
      },
    },
    sections: sections.map((section): ISectionOptions => ({
      properties: {
        titlePage: true,
        page: {
          size: properties.landscape
            ? { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }
            : { width: A4.width, height: A4.height },
          margin: { ...MARGINS, header: mm(10), footer: mm(10) },
        },
      },
      headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
      children: section.children,
    })),
  });
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: halfPoints(SIZE.pageNumber) })],
      }),
    ],
  });
}
