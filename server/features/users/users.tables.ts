import type { Generated } from 'kysely';
import type { Role } from '@shared/access/roles.ts';

export interface UsersTable {
  id: Generated<string>;
  username: string;
  full_name: string;
  email: string | null;
  password_hash: string;
  is_active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Generated<Date>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RoleAssignmentsTable {
  id: Generated<string>;
  user_id: string;
  role: Role;
  unit_id: string;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface UsersTables {
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
}
