import type { ColumnType, Generated } from 'kysely';
import type { BookData, BookKindId } from '@shared/books/kinds.ts';

export type BookRecordSource = 'typed' | 'import';

/** One record of any book (ADR 0014); `data` holds the kind's fields (shared/books/kinds.ts). */
export interface BookRecordsTable {
  id: Generated<string>;
  unit_id: string;
  kind: BookKindId;
  /** 'YYYY-MM-DD': the first filled of the kind's date fields. */
  record_date: string;
  data: ColumnType<BookData, string, string>;
  source: Generated<BookRecordSource>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface BooksTables {
  book_records: BookRecordsTable;
}
