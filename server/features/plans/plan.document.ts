/**
 * A plan as an official document (Nghị định 30 layout), read like Kế hoạch 3590/KH-UBND (example 001):
 * header, "KẾ HOẠCH" and its summary, I. Mục đích, yêu cầu; II. Nội dung with each task and its
 * "Cơ quan chủ trì / phối hợp / Thời gian thực hiện / Kết quả, sản phẩm" lines in order; III. Kinh phí;
 * IV. Tổ chức thực hiện; signature and recipients.
 */
import { Packer } from 'docx';
import { formatDate } from '@shared/format/vi.ts';
import { nd30Document } from '@server/platform/documents/nd30.ts';
import { afterHeader, headerBlock } from '@server/platform/documents/nd30-header.ts';
import { closingBlock } from '@server/platform/documents/nd30-signature.ts';
import {
  beforeClosing,
  bodyParagraph,
  closingParagraph,
  documentTitle,
  heading,
} from '@server/platform/documents/nd30-text.ts';
import { slug } from '@server/features/documents/common.schema.ts';

export interface PlanDocumentView {
  issuingBody: string;
  /** "3590/KH-UBND" once issued; null on a draft (the clerk fills the number in). */
  number: string | null;
  issuedOn: string | null;
  place: string;
  year: number;
  title: string;
  purpose: string;
  funding: string;
  organisation: string;
  tasks: {
    code: string;
    title: string;
    content: string;
    lead: string;
    partners: string;
    timeText: string;
    dueOn: string | null;
    output: string;
    target: string;
    assignee: string | null;
  }[];
}

/** Ends a line with a full stop unless it already ends with one (or "…", "?", "!"). */
function sentence(text: string): string {
  const t = text.trim();
  return /[.…!?]$/.test(t) ? t : `${t}.`;
}

/** "2.a" → "a)"; "1" → "1."; deeper codes keep their last part ("2.a.1" → "1)"). */
function taskLabel(code: string): string {
  const parts = code.split('.');
  const last = parts[parts.length - 1]!;
  return parts.length === 1 ? `${last}.` : `${last})`;
}

/** The time of a task as the plan states it: its text, its due date, or both. */
export function taskTime(task: Pick<PlanDocumentView['tasks'][number], 'timeText' | 'dueOn'>): string {
  if (task.timeText && task.dueOn && !task.timeText.includes(formatDate(task.dueOn)))
    return `${task.timeText} (hạn ${formatDate(task.dueOn)})`;
  if (task.timeText) return task.timeText;
  return task.dueOn ? `Trước ngày ${formatDate(task.dueOn)}` : '';
}

/** Paragraph texts of section II, in order (what the test compares with example 001). */
export function taskLines(task: PlanDocumentView['tasks'][number]): { text: string; bold: boolean }[] {
  const top = !task.code.includes('.');
  const lines = [{ text: `${taskLabel(task.code)} ${task.title.trim()}`, bold: top }];
  const line = (label: string, value: string) => {
    if (value.trim()) lines.push({ text: `- ${label}: ${sentence(value)}`, bold: false });
  };
  if (task.content.trim()) lines.push({ text: task.content.trim(), bold: false });
  line('Cơ quan chủ trì', task.lead);
  line('Cơ quan phối hợp', task.partners);
  line('Đơn vị được giao', task.assignee ?? '');
  line('Thời gian thực hiện', taskTime(task));
  line('Kết quả, sản phẩm', task.output);
  line('Chỉ tiêu', task.target);
  return lines;
}

/** A free text as paragraphs: "1. Mục đích" lines bold, the others body text. */
function textParagraphs(text: string, last = false) {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.map((l, i) =>
    /^\d+\.\s/.test(l) && l.length < 80
      ? heading(l)
      : last && i === lines.length - 1
        ? closingParagraph(l)
        : bodyParagraph(l),
  );
}

/** "ỦY BAN NHÂN DÂN\nTHỊ XÃ HƯƠNG TRÀ" from "Ủy ban nhân dân thị xã Hương Trà". */
export function agencyLines(body: string): string {
  const m = /^(Ủy ban nhân dân|UBND)\s+(.+)$/iu.exec(body.trim());
  return m ? `Ủy ban nhân dân\n${m[2]}` : body;
}

function numberParts(number: string | null): { number?: number; symbol: string } {
  const m = number ? /^(\d+)\/(.+)$/.exec(number.trim()) : null;
  if (m) return { number: Number(m[1]), symbol: m[2]! };
  return { symbol: number?.trim() || 'KH-UBND' };
}

/** Who signs for the issuing body: its chairman for a People's Committee, else its head. */
export function issuerSignature(body: string): { authority?: string; title: string } {
  return /^(Ủy ban nhân dân|UBND)/iu.test(body.trim())
    ? { authority: 'TM. Ủy ban nhân dân', title: 'Chủ tịch' }
    : { title: 'Thủ trưởng cơ quan' };
}

export function buildPlanDocument(view: PlanDocumentView) {
  const organisation = textParagraphs(view.organisation, true);
  return nd30Document(
    [
      {
        children: [
          headerBlock({
            issuingAgency: agencyLines(view.issuingBody),
            ...numberParts(view.number),
            place: view.place,
            date: view.issuedOn ?? undefined,
            year: view.year,
          }),
          afterHeader(),
          ...documentTitle('Kế hoạch', [view.title]),
          heading('I. MỤC ĐÍCH, YÊU CẦU'),
          ...textParagraphs(view.purpose),
          heading('II. NỘI DUNG'),
          ...view.tasks.flatMap((task) =>
            taskLines(task).map((l) => (l.bold ? heading(l.text) : bodyParagraph(l.text))),
          ),
          heading('III. KINH PHÍ'),
          ...textParagraphs(view.funding),
          heading('IV. TỔ CHỨC THỰC HIỆN'),
          ...(organisation.length ? organisation : [closingParagraph('')]),
          beforeClosing(),
          closingBlock(issuerSignature(view.issuingBody), { items: ['Như mục IV'], archive: 'VT' }),
        ],
      },
    ],
    { title: `Kế hoạch ${view.title}`, issuer: view.issuingBody },
  );
}

export async function renderPlanDocx(view: PlanDocumentView): Promise<{ buffer: Buffer; fileName: string }> {
  const buffer = await Packer.toBuffer(buildPlanDocument(view));
  const fileName = `ke-hoach-${slug(view.number ?? 'du-thao')}-${view.year}.docx`;
  return { buffer, fileName };
}
