import { Tag } from 'antd';
import type { EvaluationState } from '@shared/evaluations/state-machine.ts';
import { formatDate, formatDecimal } from '@shared/format/vi.ts';
import type { ResultNode } from './types.ts';

const STATE_COLORS: Record<EvaluationState, string> = {
  draft: 'blue',
  submitted: 'cyan',
  posted: 'geekblue',
  under_appraisal: 'orange',
  returned: 'volcano',
  appraised: 'purple',
  decided_achieved: 'green',
  decided_not_achieved: 'red',
};

export function StateTag({ state, label }: { state: EvaluationState; label: string }) {
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{label}</Tag>;
}

export function dateOrDash(value: string | null | undefined): string {
  return value ? formatDate(value) : '—';
}

export function decimalOrDash(value: string | null | undefined): string {
  return value === null || value === undefined ? '—' : formatDecimal(value);
}

/** "8,5/10 điểm", "Đạt", "Không đạt" — the server's values, formatted. */
export function nodeValue(node: ResultNode | undefined): string {
  if (!node) return '—';
  if (node.points !== null)
    return `${formatDecimal(node.points)}${node.max !== null ? `/${formatDecimal(node.max)}` : ''} điểm`;
  if (node.passed !== null) return node.passed ? 'Đạt' : 'Không đạt';
  return '—';
}

export const PROVISIONAL_LABEL = 'Tạm tính (chưa xác nhận văn bản)';

/** Every result node by code. */
export function indexResult(nodes: ResultNode[] | undefined): Map<string, ResultNode> {
  const map = new Map<string, ResultNode>();
  const walk = (list: ResultNode[]) => {
    for (const n of list) {
      map.set(n.code, n);
      walk(n.children);
    }
  };
  walk(nodes ?? []);
  return map;
}
