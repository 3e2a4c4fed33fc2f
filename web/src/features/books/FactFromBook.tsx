/**
 * Beside a disqualifying fact of the evaluation, what the commune's book says (ADR 0014): the
 * register answers, the officer confirms — the answer is never set by itself.
 */
import { useQuery } from '@tanstack/react-query';
import { Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { BookRecordPage } from '@shared/books/books.contract.ts';
import { BOOK_MEASURE_KIND } from '@shared/books/measures.ts';
import { formatDecimal } from '@shared/format/vi.ts';
import { api } from '@web/lib/api.ts';

/** The facts a book answers, and the measure that lists its records. */
const FACT_MEASURES: Record<string, keyof typeof BOOK_MEASURE_KIND> = {
  headDisciplined: 'books.headDisciplined',
};

export function FactFromBook({ factKey, unitId, year }: { factKey: string; unitId: string; year: number }) {
  const measure = FACT_MEASURES[factKey];
  const q = measure
    ? new URLSearchParams({
        kind: BOOK_MEASURE_KIND[measure],
        unitId,
        measure,
        from: `${year}-01-01`,
        to: `${year}-12-31`,
      }).toString()
    : '';
  const found = useQuery({
    queryKey: ['books', 'records', 'fact', q],
    queryFn: () => api.get<BookRecordPage>(`/api/books/records?${q}&pageSize=1`),
    enabled: !!measure,
  });
  if (!measure || !found.data) return null;
  const n = found.data.total;
  return (
    <Typography.Text data-testid={`fact-book-${factKey}`}>
      <Tag color="blue">Theo sổ kỷ luật</Tag>
      {n === 0
        ? 'Năm ' + year + ' không có trường hợp nào.'
        : `Năm ${year} có ${formatDecimal(n)} trường hợp.`}{' '}
      <Link to={`/so-sach?${q}`}>Xem sổ</Link>. Cán bộ xác nhận bên dưới.
    </Typography.Text>
  );
}
