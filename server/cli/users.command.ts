/**
 * `npm run --silent cli -- users create --username <u> --name "<họ tên>" --role <vai trò> --unit <mã đơn vị> [--password <p>]`
 * Creates the first accounts without the web app (e.g. the first system administrator).
 */
import { parseArgs } from 'node:util';
import { ROLES, ROLE_LABELS, type Role } from '@shared/access/roles.ts';
import { findCurrentUnitByCode } from '@server/features/units/units.service.ts';
import { newPasswordSchema } from '@shared/auth.schemas.ts';
import { usernameSchema } from '@server/features/users/users.schemas.ts';
import { createUser } from '@server/features/users/users.service.ts';
import { cliContext } from '@server/platform/context.ts';
import { ConflictError, ValidationError } from '@server/platform/http/errors.ts';
import { CliError, runCli, withCliApp } from './open-database.ts';

export const summary = 'Người dùng: create (tạo tài khoản với vai trò tại một đơn vị)';

const USAGE =
  'Cách dùng: users create --username <tên> --name "<họ và tên>" --role <vai trò> --unit <mã đơn vị> [--password <mật khẩu>]\n' +
  `Vai trò: ${ROLES.join(', ')}`;

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') {
    console.error(sub ? `Lệnh con không hợp lệ: ${sub}\n${USAGE}` : USAGE);
    return 2;
  }
  return runCli(() => createCommand(rest));
}

async function createCommand(args: string[]): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args,
      strict: true,
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        unit: { type: 'string' },
        password: { type: 'string' },
        email: { type: 'string' },
      },
    }).values as Record<string, string | undefined>;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  const missing = ['username', 'name', 'role', 'unit'].filter((k) => !values[k]);
  if (missing.length) throw new CliError(`Thiếu ${missing.map((m) => `--${m}`).join(', ')}.\n${USAGE}`);
  const username = usernameSchema.safeParse(values.username);
  if (!username.success) throw new CliError(username.error.issues[0]!.message);
  if (!ROLES.includes(values.role as Role))
    throw new CliError(`Vai trò không hợp lệ: ${values.role}.\n${USAGE}`);
  const role = values.role as Role;
  if (values.password !== undefined) {
    const password = newPasswordSchema.safeParse(values.password);
    if (!password.success) throw new CliError(password.error.issues[0]!.message);
  }
  return withCliApp(async (app) => {
    // As the system: the first system administrator can only be made here (see SystemContext).
    const ctx = cliContext(app);
    const unit = await findCurrentUnitByCode(ctx, values.unit!);
    if (!unit)
      throw new CliError(
        `Không có đơn vị đang hiệu lực mã "${values.unit}". Hãy nhập đơn vị trước: npm run --silent cli -- units import`,
      );
    try {
      const created = await createUser(ctx, {
        username: username.data,
        fullName: values.name!,
        email: values.email ?? null,
        password: values.password,
        roles: [{ role, unitId: unit.id }],
      });
      console.log(
        `Đã tạo người dùng ${username.data} (${values.name}) — ${ROLE_LABELS[role]} tại ${unit.name}.` +
          (created.generatedPassword
            ? ` Mật khẩu tạm: ${created.generatedPassword} (phải đổi khi đăng nhập lần đầu).`
            : ' Người dùng phải đổi mật khẩu khi đăng nhập lần đầu.'),
      );
      return 0;
    } catch (error) {
      if (error instanceof ConflictError || error instanceof ValidationError)
        throw new CliError(error.message);
      throw error;
    }
  });
}
