import {
  PUSH_JSON_ENTRIES,
  PUSH_LIMITS,
  pushDossiersBody,
  pushDossiersResponse,
} from '@shared/registers/push.contract.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { pushTthcDossiers } from './push.service.ts';

/** The push API of the one-stop systems (docs/api-push-tthc.md). */
export const pushRoutes = [
  defineRoute({
    method: 'PUT',
    url: '/api/registers/tthc/dossiers',
    access: { apiToken: 'tthc' },
    summary: 'Hệ thống một cửa gửi một lô hồ sơ TTHC vào sổ của xã (mã kết nối API, tất cả hoặc không)',
    bodyLimits: { bytes: PUSH_LIMITS.maxBytes, jsonEntries: PUSH_JSON_ENTRIES },
    schemas: { body: pushDossiersBody },
    response: pushDossiersResponse,
    handler: ({ body }, ctx) => pushTthcDossiers(ctx, body),
  }),
];
