/**
 * What the register pages (the TTHC dossiers, the commune's books) share: filters kept in the URL, so a
 * link from an evaluation's figure (`measure=`) opens exactly the rows behind it; the commune's own unit
 * for commune users; the banner naming the measure's rule; the unit and date-range pickers.
 */
import { Alert, Button, DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DATE_INPUT_FORMAT, formatDate, formatDecimal } from '@shared/format/vi.ts';
import { isMeasureId, MEASURES } from '@shared/registers/measures.ts';
import { useMe, useToday } from '@web/lib/auth.tsx';
import { UnitSelect } from '@web/features/units/UnitSelect.tsx';

const COMMUNE_ROLES = new Set(['commune_chairman', 'commune_officer']);

export type RegisterFilters = ReturnType<typeof useRegisterFilters>;

export function useRegisterFilters() {
  const { data: me } = useMe();
  const today = useToday();
  const [params, setParams] = useSearchParams();
  const year = today.slice(0, 4);
  // A commune user sees the own commune's register; province users choose a commune (or see all).
  const communeUnit = me?.grants.every((g) => COMMUNE_ROLES.has(g.role)) ? me.grants[0]?.unitId : undefined;
  const measureParam = params.get('measure');
  const measure = measureParam && isMeasureId(measureParam) ? measureParam : undefined;
  const [pageSize, setPageSize] = useState(50);

  /** Changes filters in the URL; any change but the page's own goes back to page 1. */
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  return {
    me,
    params,
    set,
    communeUnit,
    unitId: params.get('unitId') ?? communeUnit ?? undefined,
    from: params.get('from') ?? `${year}-01-01`,
    to: params.get('to') ?? `${year}-12-31`,
    measure,
    def: measure ? MEASURES[measure] : undefined,
    page: Number(params.get('page') ?? '1') || 1,
    pageSize,
    setPageSize,
  };
}

/** Names the figure a link opened: its count, its rule, and a way back to the whole register. */
export function MeasureBanner({
  filters,
  data,
  testId,
}: {
  filters: RegisterFilters;
  data: { total: number; counted: number | null } | undefined;
  testId?: string;
}) {
  const { def, from, to, set } = filters;
  if (!def || !data) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid={testId}
      title={`${def.label}: ${formatDecimal(data.total)} ${def.rows}${
        data.counted !== null ? `, trong đó ${formatDecimal(data.counted)} được tính` : ''
      } (${formatDate(from)} – ${formatDate(to)})`}
      description={
        <>
          {def.rule}{' '}
          <Button type="link" size="small" onClick={() => set({ measure: undefined })}>
            Xem toàn bộ sổ
          </Button>
        </>
      }
    />
  );
}

/** The commune (for province users; a register is a commune's) and the date range of a register's list. */
export function UnitAndRange({ filters }: { filters: RegisterFilters }) {
  const { communeUnit, unitId, from, to, set } = filters;
  return (
    <>
      {!communeUnit && (
        <UnitSelect
          value={unitId}
          onChange={(v) => set({ unitId: v })}
          allowClear
          level="commune"
          placeholder="Tất cả xã, phường trong phạm vi"
          style={{ minWidth: 280 }}
        />
      )}
      <DatePicker.RangePicker
        format={DATE_INPUT_FORMAT}
        allowClear={false}
        value={[dayjs(from), dayjs(to)]}
        aria-label="Khoảng thời gian"
        onChange={(range) =>
          range?.[0] && range[1]
            ? set({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })
            : undefined
        }
      />
    </>
  );
}
