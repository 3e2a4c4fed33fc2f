import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, TooManyRequestsError } from './errors.ts';

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

/** The one place where errors become HTTP responses: domain errors keep their Vietnamese
 * message; anything unexpected is logged with its stack and shown as a generic message. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    if (error instanceof DomainError) {
      if (error instanceof TooManyRequestsError && error.retryAfterSeconds) {
        reply.header('retry-after', String(error.retryAfterSeconds));
      }
      const body: ErrorBody = { error: { code: error.code, message: error.message } };
      if (error.details !== undefined) body.error.details = error.details;
      return reply.status(error.status).send(body);
    }
    const fastifyError = error as FastifyError;
    if (
      fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
    ) {
      return reply
        .status(400)
        .send({ error: { code: 'invalid_json', message: 'Dữ liệu gửi lên không phải JSON hợp lệ.' } });
    }
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ error: { code: 'too_large', message: 'Dữ liệu gửi lên quá lớn.' } });
    }
    if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .status(415)
        .send({ error: { code: 'unsupported_media_type', message: 'Định dạng dữ liệu không được hỗ trợ.' } });
    }
    if (fastifyError.statusCode === 429) {
      return reply.status(429).send({
        error: {
          code: 'too_many_requests',
          message: 'Bạn thao tác quá nhanh, vui lòng thử lại sau ít phút.',
        },
      });
    }
    const refused = DATABASE_REFUSALS[(error as { code?: string }).code ?? ''];
    if (refused) {
      // The transaction was rolled back by the database; nothing was written. Still logged: a schema
      // should have caught it first.
      request.log.warn({ err: error }, 'database refused the input');
      return reply.status(refused.status).send({ error: { code: refused.code, message: refused.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: {
        code: 'internal',
        message: 'Đã có lỗi ngoài dự kiến. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống.',
      },
    });
  });
}

/** PostgreSQL error codes (same on PGlite) that mean bad input, not a fault of the server. */
const DATABASE_REFUSALS: Record<string, { status: number; code: string; message: string }> = {
  '23503': {
    status: 400,
    code: 'reference_not_found',
    message: 'Dữ liệu tham chiếu đến một mục không tồn tại (ví dụ tài khoản, đơn vị hoặc hồ sơ đã bị xoá).',
  },
  '23505': { status: 409, code: 'duplicate', message: 'Dữ liệu trùng với một mục đã có.' },
  '22P02': { status: 400, code: 'invalid_value', message: 'Dữ liệu có giá trị không đúng định dạng.' },
  '22021': { status: 400, code: 'invalid_text', message: 'Dữ liệu chứa ký tự không hợp lệ.' },
  '22P05': { status: 400, code: 'invalid_text', message: 'Dữ liệu chứa ký tự không hợp lệ.' },
  '22008': { status: 400, code: 'invalid_date', message: 'Ngày tháng không hợp lệ.' },
  '22007': { status: 400, code: 'invalid_date', message: 'Ngày tháng không hợp lệ.' },
  '22003': { status: 400, code: 'out_of_range', message: 'Số quá lớn.' },
};

/**
 * Fastify's `frameworkErrors`: the errors its router raises before any route or error handler runs
 * (a path parameter longer than maxParamLength, a malformed percent-encoding in the path). Without
 * it Fastify answers them itself, in English.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return reply.status(414).send({ error: { code: 'uri_too_long', message: 'Đường dẫn quá dài.' } });
  if (error.code === 'FST_ERR_BAD_URL')
    return reply
      .status(400)
      .send({ error: { code: 'bad_url', message: 'Đường dẫn chứa ký tự không hợp lệ.' } });
  return reply.status(500).send({
    error: {
      code: 'internal',
      message: 'Đã có lỗi ngoài dự kiến. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống.',
    },
  });
}

export function notFoundBody(method: string, url: string): ErrorBody {
  return { error: { code: 'not_found', message: `Không có đường dẫn ${method} ${url.split('?')[0]}.` } };
}
