-- The optional registration step of a period: when the period sets a registration deadline, each
-- commune registers (đăng ký) before it may self-assess.
alter table evaluations add column registered_at timestamptz;
alter table evaluations add column registered_by uuid;
