/** Vietnamese labels for the framework model, shared by validation messages, explanations and the UI. */
import type { InputType, NodeKind, Provenance } from './model.ts';

export const NODE_KIND_LABELS: Record<NodeKind, string> = {
  field: 'Lĩnh vực',
  criterion: 'Tiêu chí',
  indicator: 'Chỉ tiêu',
  'sub-criterion': 'Tiêu chí thành phần',
  'sub-item': 'Nội dung',
  adjustment: 'Mục thưởng/phạt',
};

export const INPUT_TYPE_LABELS: Record<InputType, string> = {
  number: 'số',
  count: 'số lượng (số nguyên không âm)',
  ratio: 'tử số/mẫu số',
  boolean: 'có/không',
  choice: 'lựa chọn',
  money: 'số tiền (đồng)',
  date: 'ngày',
  documents: 'danh sách văn bản có hạn',
};

/** Shown next to any value that rests on a rule which is not confirmed against the legal text. */
export const PROVENANCE_LABELS: Record<Provenance, string> = {
  L: 'Đã đối chiếu văn bản pháp luật',
  S: 'Theo nguồn thứ cấp, chưa đối chiếu văn bản gốc (tạm tính)',
  U: 'Theo phần mềm không chính thức, chưa đối chiếu văn bản gốc (tạm tính)',
  I: 'Suy luận, cần kiểm tra (tạm tính)',
  '?': 'Chưa tìm được văn bản gốc, giá trị giả định (tạm tính)',
};

/** True for every tag other than L (confirmed): such values are provisional and must be shown as such. */
export function isProvisional(tag: Provenance): boolean {
  return tag !== 'L';
}
