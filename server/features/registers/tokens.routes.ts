import {
  createTokenBody,
  createdTokenResponse,
  listTokensQuery,
  tokenIdParams,
  tokenListResponse,
  tokenResponse,
} from '@shared/registers/tokens.contract.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { createToken, listTokens, revokeToken } from './tokens.service.ts';

/** API tokens the one-stop systems push dossiers with (docs/api-push-tthc.md). */
export const tokensRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/registers/tokens',
    access: { permission: 'registers.tokens' },
    summary: 'Mã kết nối API của các xã trong phạm vi quản lý (không bao giờ trả lại mã)',
    schemas: { query: listTokensQuery },
    response: tokenListResponse,
    handler: ({ query }, ctx) => listTokens(ctx, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/registers/tokens',
    access: { permission: 'registers.tokens' },
    summary: 'Cấp mã kết nối API cho sổ của một xã (mã chỉ hiển thị một lần)',
    schemas: { body: createTokenBody },
    response: createdTokenResponse,
    async handler({ body }, ctx, http) {
      http.reply.status(201);
      return createToken(ctx, body);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/registers/tokens/:id/revoke',
    access: { permission: 'registers.tokens' },
    summary: 'Thu hồi mã kết nối API',
    schemas: { params: tokenIdParams },
    response: tokenResponse,
    handler: ({ params }, ctx) => revokeToken(ctx, params.id),
  }),
];
