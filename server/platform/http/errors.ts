/**
 * Domain errors. Services throw these; the single error handler (error-handler.ts) maps them to
 * HTTP responses. Messages are Vietnamese and safe to show to the user.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export type FieldProblem = { field: string; message: string };

export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(400, 'validation_failed', message, { problems });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Bạn cần đăng nhập để tiếp tục.') {
    super(401, 'unauthenticated', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Bạn không có quyền thực hiện thao tác này.') {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Không tìm thấy dữ liệu yêu cầu.') {
    super(404, 'not_found', message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(429, 'too_many_requests', message, retryAfterSeconds ? { retryAfterSeconds } : undefined);
  }
}
