/** The sections of the self-assessment report (báo cáo tự đánh giá), in order. No zod: pages import it cheaply. */
export const NARRATIVE_SECTIONS = {
  organisation: 'Tình hình tổ chức thực hiện',
  advantages: 'Thuận lợi',
  difficulties: 'Tồn tại, hạn chế, khó khăn, vướng mắc và nguyên nhân',
  proposals: 'Đề xuất, kiến nghị các giải pháp khắc phục',
  goals: 'Mục tiêu thực hiện',
  plan: 'Kế hoạch thực hiện',
} as const;
export type NarrativeSection = keyof typeof NARRATIVE_SECTIONS;
