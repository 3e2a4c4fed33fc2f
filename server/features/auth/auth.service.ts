import type { Db } from '@server/db/client.ts';
import { LIMITS } from '@shared/limits.ts';
import { ROLE_LABELS, permissionsOf } from '@shared/access/roles.ts';
import type { ChangePasswordInput, MeResponse, SignInInput } from '@shared/auth.schemas.ts';
import type { AppContext } from '@server/app-context.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '@server/platform/auth/passwords.ts';
import { newToken, sessionIdOf } from '@server/platform/auth/tokens.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { TooManyRequestsError, UnauthenticatedError, ValidationError } from '@server/platform/http/errors.ts';
import { formatDateTime } from '@shared/format/vi.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import {
  deleteAllSessions,
  deleteSession,
  deleteUserSessions,
  insertSession,
  loadActor,
} from './sessions.repo.ts';
import {
  findUnknownNameLock,
  findUserByUsername,
  recordUnknownNameFailure,
  recordFailedSignIn,
  recordSuccessfulSignIn,
  setPassword,
} from './users-auth.repo.ts';
import type { AttemptLimiter } from '@server/platform/auth/attempt-limiter.ts';

const WRONG_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng.';

/** The delay after a failed attempt, growing with failures in a row (capped). */
function failedAttemptDelay(failures: number) {
  return sleep(Math.min(failures * LIMITS.signInDelayStepMs, LIMITS.signInDelayMaxMs));
}

/** The answer to the n-th failure in a row: the lockout message at the limit, else the one generic message. */
function failureError(failures: number) {
  if (failures >= LIMITS.signInMaxFailures)
    return new TooManyRequestsError(
      `Bạn đã nhập sai mật khẩu ${failures} lần. Tài khoản bị tạm khoá ${LIMITS.signInLockMinutes} phút.`,
      LIMITS.signInLockMinutes * 60,
    );
  return new UnauthenticatedError(WRONG_CREDENTIALS);
}

function lockedError(lockedUntil: Date) {
  return new TooManyRequestsError(
    `Tài khoản đang tạm khoá do nhập sai mật khẩu nhiều lần, đến ${formatDateTime(lockedUntil)}. Vui lòng thử lại sau hoặc liên hệ quản trị.`,
    Math.ceil((lockedUntil.getTime() - Date.now()) / 1000),
  );
}

export type SignInResult = { token: string; expiresAt: Date; me: MeResponse };

/**
 * Signs a user in. Failed attempts in a row are slowed down, then lock the account for a while;
 * every outcome is audited. Messages never reveal whether the account exists.
 */
export async function signIn(
  app: AppContext,
  limiter: AttemptLimiter,
  input: SignInInput,
  client: { ip: string; userAgent: string | null },
): Promise<SignInResult> {
  // Only failures count against an address: a training room behind one NAT signs in 30 times in minutes.
  const wait = await limiter.check(client.ip);
  if (wait > 0) {
    throw new TooManyRequestsError(
      `Quá nhiều lần đăng nhập từ máy này. Vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.`,
      wait,
    );
  }
  const user = await findUserByUsername(app.db, input.username);
  if (!user || !user.is_active) {
    // Same work, same delays, same lockout message as a real account: nothing tells which names exist.
    await limiter.hit(client.ip);
    await verifyAgainstDummy(input.password);
    // Failures in a row for a name that is no account are counted and locked like a real account's
    // (in the database, shared by every instance), so the lockout message cannot tell which names exist.
    const name = input.username.trim().toLowerCase();
    const lockedUntil = await findUnknownNameLock(app.db, name);
    if (lockedUntil) throw lockedError(lockedUntil);
    const failures = await recordUnknownNameFailure(
      app.db,
      name,
      LIMITS.signInMaxFailures,
      LIMITS.signInLockMinutes,
    );
    await app.db.transaction().execute((trx) =>
      writeAudit(trx, {
        action: 'auth.sign-in-failed',
        objectType: 'user',
        diff: { username: input.username, reason: 'unknown_user' },
        ip: client.ip,
      }),
    );
    await failedAttemptDelay(failures);
    throw failureError(failures);
  }
  const actorRef = { userId: user.id, fullName: user.full_name };
  if (user.locked_until && user.locked_until > new Date()) {
    await app.db.transaction().execute((trx) =>
      writeAudit(trx, {
        action: 'auth.sign-in-blocked',
        objectType: 'user',
        objectId: user.id,
        actor: actorRef,
        ip: client.ip,
      }),
    );
    await verifyAgainstDummy(input.password);
    throw lockedError(user.locked_until);
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await limiter.hit(client.ip);
    const failures = user.failed_login_count + 1;
    const lock = failures >= LIMITS.signInMaxFailures;
    const lockedUntil = lock ? new Date(Date.now() + LIMITS.signInLockMinutes * 60_000) : null;
    await app.db.transaction().execute(async (trx) => {
      await recordFailedSignIn(trx, user.id, lock ? 0 : failures, lockedUntil);
      await writeAudit(trx, {
        action: 'auth.sign-in-failed',
        objectType: 'user',
        objectId: user.id,
        actor: actorRef,
        diff: { failures },
        ip: client.ip,
      });
      if (lock) {
        await writeAudit(trx, {
          action: 'user.locked',
          objectType: 'user',
          objectId: user.id,
          actor: actorRef,
          diff: { locked_until: lockedUntil!.toISOString(), failures },
          ip: client.ip,
        });
      }
    });
    await failedAttemptDelay(failures);
    throw failureError(failures);
  }
  const token = newToken();
  const csrfToken = newToken(24);
  const expiresAt = new Date(Date.now() + app.config.sessionTtlMs);
  await app.db.transaction().execute(async (trx) => {
    await recordSuccessfulSignIn(trx, user.id);
    await insertSession(trx, { id: sessionIdOf(token), userId: user.id, csrfToken, expiresAt, ...client });
    await writeAudit(trx, {
      action: 'auth.signed-in',
      objectType: 'user',
      objectId: user.id,
      actor: actorRef,
      ip: client.ip,
    });
  });
  const actor = await loadActor(app.db, user.id, user.username, user.full_name);
  return { token, expiresAt, me: presentMe(actor, user.must_change_password, csrfToken) };
}

export async function signOut(ctx: SignedInContext, sessionId: string, everywhere: boolean): Promise<number> {
  return ctx.app.db.transaction().execute(async (trx) => {
    const removed = everywhere
      ? await deleteUserSessions(trx, ctx.actor.userId)
      : (await deleteSession(trx, sessionId), 1);
    await writeAudit(trx, {
      action: everywhere ? 'auth.signed-out-everywhere' : 'auth.signed-out',
      objectType: 'user',
      objectId: ctx.actor.userId,
      actor: ctx.actor,
      diff: everywhere ? { sessions: removed } : null,
      ip: ctx.ip,
    });
    return removed;
  });
}

/** Changes the user's own password and ends their other sessions. */
export async function changePassword(ctx: SignedInContext, sessionId: string, input: ChangePasswordInput) {
  const user = await findUserByUsername(ctx.app.db, ctx.actor.username);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new ValidationError('Mật khẩu hiện tại không đúng.', [
      { field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.app.db.transaction().execute(async (trx) => {
    await setPassword(trx, user.id, passwordHash, false);
    const ended = await deleteUserSessions(trx, user.id, sessionId);
    await writeAudit(trx, {
      action: 'user.password-changed',
      objectType: 'user',
      objectId: user.id,
      actor: ctx.actor,
      diff: { other_sessions_ended: ended },
      ip: ctx.ip,
    });
  });
}

export function presentMe(
  actor: SignedInContext['actor'],
  mustChangePassword: boolean,
  csrfToken: string,
): MeResponse {
  const permissions = new Set(actor.grants.flatMap((g) => permissionsOf(g.role)));
  return {
    user: { id: actor.userId, username: actor.username, fullName: actor.fullName, mustChangePassword },
    grants: actor.grants.map((g) => ({
      role: g.role,
      roleLabel: ROLE_LABELS[g.role],
      unitId: g.unitId,
      unitName: g.unitName,
    })),
    permissions: [...permissions].sort(),
    csrfToken,
    today: todayInVietnam(),
  };
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Signs everyone out (operator command, e.g. right after restoring a backup, which brings back the
 * sessions it held: docs/adr/0011-sessions-after-restore.md). Audited in the same transaction.
 */
export async function endAllSessions(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await deleteAllSessions(trx);
    await writeAudit(trx, {
      action: 'sessions.ended-all',
      objectType: 'session',
      actor: null,
      diff: { ended },
    });
    return ended;
  });
}
