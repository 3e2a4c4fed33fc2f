import type { Generated } from 'kysely';
import type { EvidenceContentType } from '@shared/evaluations/evidence.ts';

export interface EvidenceFilesTable {
  id: Generated<string>;
  evaluation_id: string;
  unit_id: string;
  node_code: string;
  file_name: string;
  content_type: EvidenceContentType;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: Generated<Date>;
  deleted_at: Date | null;
}

export interface EvidenceTables {
  evidence_files: EvidenceFilesTable;
}
