/**
 * How a document marks a provisional value (issue #16 item 4, ADR 0015 "Provenance everywhere"): a score
 * computed with a maximum, a rule or a condition whose provenance is not L (confirmed against a legal
 * text) is printed with "(tạm tính)", and the document says once, under what it printed, what that means.
 */
export const PROVISIONAL_MARK = '(tạm tính)';

export const PROVISIONAL_NOTE =
  'Ghi chú: giá trị ghi “(tạm tính)” được chấm theo điểm tối đa, cách chấm hoặc điều kiện của bộ tiêu chí chưa được đối chiếu với văn bản quy phạm pháp luật chính thức; kết quả có thể thay đổi khi bộ tiêu chí được cập nhật theo văn bản đó.';

/** `text` followed by the mark when the value is provisional. */
export function marked(text: string, provisional: boolean | undefined, separator = ' '): string {
  return provisional ? `${text}${separator}${PROVISIONAL_MARK}` : text;
}
