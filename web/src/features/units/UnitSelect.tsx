import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '@web/lib/api.ts';
import { toQuery, type Page, type Unit } from './units.api.ts';

/** Picks a current unit within the user's scope, searching by name (with or without diacritics) or code. */
export function UnitSelect(props: {
  /** Set by Form.Item, so that its label names the field. */
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  /** Only units of this level (e.g. communes, for a commune's register). */
  level?: 'province' | 'commune';
}) {
  const [search, setSearch] = useState('');
  const { data, isFetching } = useQuery({
    queryKey: ['units', 'select', search, props.level],
    queryFn: () => api.get<Page<Unit>>(`/api/units${toQuery({ search, level: props.level, pageSize: 30 })}`),
    staleTime: 30_000,
  });
  return (
    <Select
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? 'Gõ tên hoặc mã đơn vị (có thể không dấu)'}
      loading={isFetching}
      style={props.style ?? { width: '100%' }}
      notFoundContent={isFetching ? 'Đang tìm…' : 'Không có đơn vị phù hợp'}
      options={(data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
    />
  );
}
