import { z } from 'zod';

/**
 * The push API of the TTHC register, `PUT /api/registers/tthc/dossiers` (docs/api-push-tthc.md):
 * a batch of dossiers in the canonical columns of shared/tthc/dossier-row.ts, authenticated by an
 * API token of one commune.
 */
export const PUSH_LIMITS = {
  /** Dossiers in one batch. */
  maxDossiers: 10_000,
  /** Bytes of one request body (10,000 dossiers of 14 fields take about 5 MB). */
  maxBytes: 20 * 1024 * 1024,
  /** Fields of one dossier (the 14 canonical columns and whatever else the system sends, ignored). */
  maxFieldsPerDossier: 40,
} as const;

/** Keys and items the JSON guard admits for a full batch (shared/json-guard.ts). */
export const PUSH_JSON_ENTRIES = (PUSH_LIMITS.maxDossiers + 1) * (PUSH_LIMITS.maxFieldsPerDossier + 1) + 1;

/** A value of one field: text, a yes/no, a number, or nothing. */
const pushValue = z.union([z.string(), z.boolean(), z.number(), z.null()], {
  error: 'Giá trị phải là chuỗi, số, true/false hoặc null',
});

export const pushDossiersBody = z.object({
  dossiers: z
    .array(
      z
        .record(z.string(), pushValue, { error: 'Mỗi hồ sơ phải là một đối tượng JSON { "ma_ho_so": … }' })
        .refine((r) => Object.keys(r).length <= PUSH_LIMITS.maxFieldsPerDossier, {
          message: `Mỗi hồ sơ tối đa ${PUSH_LIMITS.maxFieldsPerDossier} trường`,
        }),
      { error: 'Thiếu mảng "dossiers"' },
    )
    .min(1, 'Mảng "dossiers" phải có ít nhất 1 hồ sơ')
    .max(PUSH_LIMITS.maxDossiers, 'Mỗi lần gửi tối đa 10.000 hồ sơ; hãy chia thành nhiều lần gửi'),
});
export type PushDossiersBody = z.output<typeof pushDossiersBody>;

export const pushDossiersResponse = z.object({
  received: z.number(),
  created: z.number(),
  updated: z.number(),
});
