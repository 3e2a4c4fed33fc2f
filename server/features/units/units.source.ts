import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The official unit list shipped with the product (resources/admin-units-2025, MIT). */
export const UNITS_DATA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../resources/admin-units-2025',
);
export const DEFAULT_MERGES_FILE = path.join(UNITS_DATA_DIR, 'merges.json');

export type MergesFile = {
  data: {
    level1_id: string;
    name: string;
    merges: { old_id: string; name: string; type: 'full' | 'partial' }[];
    level2s: {
      level2_id: string;
      name: string;
      merges: { old_id: string; name: string; type: 'full' | 'partial' }[];
    }[];
  }[];
};

export function readMergesFile(file = DEFAULT_MERGES_FILE): MergesFile {
  return JSON.parse(readFileSync(file, 'utf8')) as MergesFile;
}

export const DEFAULT_SPLITS_FILE = path.join(UNITS_DATA_DIR, 'splits.json');

/** The OLD units (before 1 July 2025): 63 provinces and their 10,047 communes (no districts). */
export type SplitsFile = {
  data: {
    level1_id: string;
    name: string;
    level3s: { level3_id: string; name: string }[];
  }[];
};

export function readSplitsFile(file = DEFAULT_SPLITS_FILE): SplitsFile {
  return JSON.parse(readFileSync(file, 'utf8')) as SplitsFile;
}
