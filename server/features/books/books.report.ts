/**
 * 01/TCD and 01/XLD figures for any period, and the commune's six-month or yearly report written
 * from the registers (the shape of example 003's sections 3 and 5): TTHC dossiers from Biểu 06
 * (server/features/tthc) and citizen reception and petitions from the book. DOCX, ND 30 layout.
 */
import { Packer } from 'docx';
import { scopePaths } from '@shared/access/actor.ts';
import type { PetitionKindCounts, ReceptionSummary } from '@shared/books/books.contract.ts';
import { formatDate, formatDecimal, padCount } from '@shared/format/vi.ts';
import type { Bieu06Figures } from '@shared/tthc/bieu06.ts';
import { nd30Document } from '@server/platform/documents/nd30.ts';
import { afterHeader, headerBlock } from '@server/platform/documents/nd30-header.ts';
import { closingBlock } from '@server/platform/documents/nd30-signature.ts';
import {
  beforeClosing,
  bodyParagraph,
  documentTitle,
  heading,
} from '@server/platform/documents/nd30-text.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { NotFoundError } from '@server/platform/http/errors.ts';
import { findUnitInScope } from '@server/features/units/units.repo.ts';
import { getBieu06 } from '@server/features/tthc/bieu06.service.ts';
import { slug } from '@server/features/documents/common.schema.ts';
import { receptionFigures } from './books.repo.ts';

export async function getReceptionSummary(
  ctx: SignedInContext,
  query: { unitId: string; from: string; to: string },
): Promise<ReceptionSummary> {
  const unit = await findUnitInScope(ctx.app.db, query.unitId, scopePaths(ctx.actor, 'registers.read'));
  if (!unit) throw new NotFoundError('Không tìm thấy đơn vị hành chính.');
  const figures = await receptionFigures(ctx.app.db, unit.id, { from: query.from, to: query.to });
  return { unitId: unit.id, unitName: unit.name, from: query.from, to: query.to, ...figures };
}

/** "04 đơn", or "không" for none, as example 003 writes counts. */
function count(n: number, noun = 'đơn'): string {
  return n === 0 ? 'không' : `${padCount(n)} ${noun}`;
}

/** "khiếu nại, tố cáo: không; đơn tranh chấp đất đai 04 đơn; đơn kiến nghị, phản ánh: 18 đơn" */
function byKind(c: PetitionKindCounts): string {
  return (
    `khiếu nại, tố cáo: ${count(c.khieuNai + c.toCao)}; đơn tranh chấp đất đai: ${count(c.datDai)}; ` +
    `đơn kiến nghị, phản ánh: ${count(c.kienNghi + c.phanAnh)}`
  );
}

/** Section 5 of the report: citizen reception and petitions, sentence by sentence. */
export function receptionLines(s: ReceptionSummary): string[] {
  const p = s.petitions;
  return [
    `Số buổi tiếp công dân định kỳ của lãnh đạo Ủy ban nhân dân: ${formatDecimal(s.reception.leaderSessions)} (buổi); ` +
      `tổng số buổi tiếp công dân: ${formatDecimal(s.reception.sessions)}. ` +
      `Số lượt công dân định kỳ và thường xuyên đã tiếp: ${formatDecimal(s.reception.visits)} (lượt). ` +
      `Số đoàn đông người (10 người trở lên): ${s.reception.groups === 0 ? 'không có' : formatDecimal(s.reception.groups)}.`,
    `Tổng số đơn tiếp nhận, xử lý: ${formatDecimal(p.inPeriod.total)} đơn thư, trong đó: ${byKind(p.inPeriod)}.`,
    `Số đơn tồn đọng kỳ trước chuyển sang: ${count(p.carried.total)}, trong đó: ${byKind(p.carried)}.`,
    `Số đơn mới tiếp nhận trong kỳ: ${count(p.fresh.total)}, trong đó: ${byKind(p.fresh)}.`,
    `Đã giải quyết: ${count(p.resolved.total)}, trong đó: ${byKind(p.resolved)}; ` +
      `giải quyết đúng hạn: ${count(p.resolvedOnTime.total)}.`,
    `Số đơn, vụ việc đang giải quyết: ${count(p.pending.total)}, trong đó: ${byKind(p.pending)}.`,
  ];
}

/** Section 3 of the report: the TTHC figures of Biểu 06 for the same period. */
export function tthcLines(f: Bieu06Figures, from: string, to: string): string[] {
  const n = (v: number) => formatDecimal(v);
  return [
    `Tổng số hồ sơ yêu cầu giải quyết TTHC từ ${formatDate(from)} đến ${formatDate(to)} là ${n(f.received)} hồ sơ; ` +
      `số hồ sơ mới tiếp nhận: ${n(f.online + f.direct)} hồ sơ (trực tuyến ${n(f.online)}); ` +
      `số hồ sơ từ kỳ báo cáo trước chuyển qua: ${f.carriedOver === 0 ? 'không' : `${n(f.carriedOver)} hồ sơ`}.`,
    `Kết quả giải quyết TTHC: số hồ sơ đã giải quyết ${n(f.resolved)} hồ sơ, số hồ sơ giải quyết trước hạn: ` +
      `${n(f.early)} hồ sơ, số hồ sơ giải quyết đúng hạn ${n(f.onTime)} hồ sơ, hồ sơ quá hạn: ${n(f.late)} hồ sơ; ` +
      `số hồ sơ đang giải quyết: ${n(f.pending)} hồ sơ; hồ sơ trong hạn ${n(f.pendingWithinDue)} hồ sơ, ` +
      `quá hạn: ${n(f.pendingOverdue)} hồ sơ.`,
  ];
}

/** "6 tháng đầu năm 2022", "năm 2022", or "từ 01/01/2022 đến 30/05/2022". */
export function periodName(from: string, to: string): string {
  const y = from.slice(0, 4);
  if (to.slice(0, 4) === y && from.slice(5) === '01-01') {
    if (to.slice(5) === '06-30') return `6 tháng đầu năm ${y}`;
    if (to.slice(5) === '12-31') return `năm ${y}`;
  }
  return `từ ${formatDate(from)} đến ${formatDate(to)}`;
}

export async function renderCommuneReport(
  ctx: SignedInContext,
  query: { unitId: string; from: string; to: string },
): Promise<{ buffer: Buffer; fileName: string; lines: string[] }> {
  const summary = await getReceptionSummary(ctx, query);
  const bieu06 = await getBieu06(ctx, query);
  const period = periodName(query.from, query.to);
  const section3 = tthcLines(bieu06.total, query.from, query.to);
  const section5 = receptionLines(summary);
  const doc = nd30Document(
    [
      {
        children: [
          headerBlock({
            issuingAgency: `Ủy ban nhân dân\n${summary.unitName}`,
            symbol: 'BC-UBND',
            place: summary.unitName.replace(/^(Xã|Phường|Thị trấn|Đặc khu)\s+/u, ''),
            year: Number(query.to.slice(0, 4)),
          }),
          afterHeader(),
          ...documentTitle('Báo cáo', [
            `Kết quả cải cách hành chính, tiếp công dân và giải quyết đơn thư ${period}`,
          ]),
          heading('1. Kết quả thực hiện cải cách hành chính (giải quyết thủ tục hành chính)'),
          ...section3.map((l) => bodyParagraph(l)),
          heading('2. Công tác tiếp công dân, đối thoại, giải quyết kiến nghị, đơn thư'),
          ...section5.map((l) => bodyParagraph(l)),
          beforeClosing(),
          closingBlock(
            { authority: 'TM. Ủy ban nhân dân', title: 'Chủ tịch' },
            { items: ['Như trên'], archive: 'VT' },
          ),
        ],
      },
    ],
    { title: `Báo cáo ${period}`, issuer: `Ủy ban nhân dân ${summary.unitName}` },
  );
  const buffer = await Packer.toBuffer(doc);
  return {
    buffer,
    fileName: `bao-cao-${slug(summary.unitName)}-${query.from}-${query.to}.docx`,
    lines: [...section3, ...section5],
  };
}
