import { defineRoute } from '@server/platform/http/route.ts';
import {
  dossierFieldsQuery,
  dossierFieldsResponse,
  dossierPageResponse,
  listDossiersQuery,
} from '@shared/tthc/dossiers.contract.ts';
import { listDossierFields, listDossiers } from './tthc.dossiers.service.ts';

export const tthcDossiersRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/registers/tthc/dossiers',
    access: { permission: 'registers.read' },
    summary:
      'Sổ theo dõi hồ sơ TTHC: lọc theo kỳ, lĩnh vực, kênh nộp, trễ hạn, đang giải quyết, hoặc đúng các hồ sơ một chỉ số tính từ',
    schemas: { query: listDossiersQuery },
    response: dossierPageResponse,
    handler: ({ query }, ctx) => listDossiers(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/registers/tthc/fields',
    access: { permission: 'registers.read' },
    summary: 'Các lĩnh vực có trong sổ theo dõi hồ sơ TTHC (theo thứ tự tiếng Việt)',
    schemas: { query: dossierFieldsQuery },
    response: dossierFieldsResponse,
    handler: ({ query }, ctx) => listDossierFields(ctx, query.unitId),
  }),
];
