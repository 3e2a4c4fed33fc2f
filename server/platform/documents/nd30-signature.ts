/** Signature block (ND 30 box 7) and the "Nơi nhận" block (box 9b), side by side at the end of a document. */
import {
  AlignmentType,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  WidthType,
} from 'docx';
import { CONTENT_WIDTH, SIZE } from './nd30.ts';
import { run } from './nd30-text.ts';

export type Signature = {
  /** Thẩm quyền ký, e.g. "TM. ỦY BAN NHÂN DÂN"; omitted when the signer signs in their own name. */
  authority?: string;
  /** Chức vụ, e.g. "CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH". */
  title: string;
  /** Họ và tên; left blank when not known yet. */
  name?: string;
};

export type Recipients = {
  /** One line each, without the leading "- " and trailing ";". */
  items: string[];
  /** Archive line after "Lưu:", e.g. "VT, TP". */
  archive: string;
};

const LEFT = 4200;
const RIGHT = CONTENT_WIDTH - LEFT;

function centeredLine(text: string, style: Parameters<typeof run>[1]): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, style)] });
}

/** The signer's lines: authority and title bold upper-case, room for the signature and seal, then the name. */
export function signatureParagraphs(signature: Signature): Paragraph[] {
  const lines: Paragraph[] = [];
  if (signature.authority) lines.push(centeredLine(signature.authority.toUpperCase(), { bold: true }));
  lines.push(centeredLine(signature.title.toUpperCase(), { bold: true }));
  for (let i = 0; i < 4; i++) lines.push(centeredLine('', {}));
  lines.push(centeredLine(signature.name ?? '', { bold: true, size: SIZE.signature }));
  return lines;
}

/** "Nơi nhận:" bold italic 12 pt, then "- …;" lines in 11 pt and "- Lưu: VT, …." last. */
export function recipientParagraphs(recipients: Recipients): Paragraph[] {
  const items = recipients.items.map((item) => `- ${item.replace(/[;.]\s*$/, '')};`);
  items.push(`- Lưu: ${recipients.archive.replace(/\.\s*$/, '')}.`);
  return [
    new Paragraph({
      children: [run('Nơi nhận:', { bold: true, italics: true, size: SIZE.recipientsLabel })],
    }),
    ...items.map((text) => new Paragraph({ children: [run(text, { size: SIZE.recipients })] })),
  ];
}

function cell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    children: children.length ? children : [new Paragraph('')],
  });
}

function twoColumns(left: Paragraph[], right: Paragraph[], leftWidth = LEFT, width = CONTENT_WIDTH): Table {
  const rightWidth = width - leftWidth;
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [leftWidth, rightWidth],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ cantSplit: true, children: [cell(leftWidth, left), cell(rightWidth, right)] })],
  });
}

/** The closing block of most documents: recipients on the left, the signature on the right (`width`: landscape pages). */
export function closingBlock(signature: Signature, recipients?: Recipients, width = CONTENT_WIDTH): Table {
  return twoColumns(
    recipients ? recipientParagraphs(recipients) : [],
    signatureParagraphs(signature),
    width - (CONTENT_WIDTH - LEFT),
    width,
  );
}

/** Two signatures side by side (minutes: the secretary on the left, the person chairing on the right). */
export function twoSignatures(left: Signature, right: Signature): Table {
  return twoColumns(signatureParagraphs(left), signatureParagraphs(right), Math.round(CONTENT_WIDTH / 2));
}

export { RIGHT as SIGNATURE_WIDTH };
