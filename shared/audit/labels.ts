/**
 * Vietnamese names of the audit trail's actions and object types, for the audit page (filters and
 * table) and anywhere else a row of the trail is shown. Every action written by the server must have
 * a label here: server/features/audit/audit.labels.test.ts reads the server's source and fails otherwise.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.signed-in': 'Đăng nhập',
  'auth.signed-out': 'Đăng xuất',
  'auth.signed-out-everywhere': 'Đăng xuất trên mọi thiết bị',
  'auth.sign-in-failed': 'Đăng nhập không thành công',
  'auth.sign-in-blocked': 'Đăng nhập khi tài khoản đang bị khoá',
  'user.locked': 'Tạm khoá tài khoản do nhập sai mật khẩu',
  'user.created': 'Tạo người dùng',
  'user.password-changed': 'Đổi mật khẩu',
  'user.password-reset': 'Đặt lại mật khẩu',
  'user.deactivated': 'Khoá tài khoản',
  'user.activated': 'Mở khoá tài khoản',
  'user.role-granted': 'Cấp vai trò',
  'user.role-revoked': 'Thu hồi vai trò',
  'unit.updated': 'Sửa đơn vị hành chính',
  'unit.deleted': 'Xoá đơn vị hành chính',
  'units.imported': 'Nhập danh mục đơn vị hành chính',
  'units.import-requested': 'Yêu cầu nhập danh mục đơn vị hành chính',
  'calendar.builtin-loaded': 'Nạp lịch nghỉ lễ có sẵn',
  'holiday.created': 'Thêm ngày nghỉ',
  'holiday.updated': 'Sửa ngày nghỉ',
  'holiday.deleted': 'Xoá ngày nghỉ',
  'framework.imported': 'Nhập bộ tiêu chí',
  'framework.copied': 'Sao chép bộ tiêu chí cho tỉnh',
  'period.created': 'Mở kỳ đánh giá',
  'evaluation.registered': 'Đăng ký tham gia đánh giá',
  'evaluation.self-assessment-saved': 'Lưu tự đánh giá',
  'evaluation.inputs-recomputed': 'Tính lại số liệu từ sổ',
  'evaluation.indicator-assigned': 'Phân công chỉ tiêu',
  'evaluation.submitted': 'Trình hồ sơ tự đánh giá',
  'evaluation.posted': 'Niêm yết kết quả tự đánh giá',
  'evaluation.sent': 'Gửi hồ sơ đề nghị thẩm định',
  'evaluation.returned': 'Trả hồ sơ để giải trình',
  'evaluation.explained': 'Gửi giải trình',
  'evaluation.appraised': 'Hoàn tất thẩm định',
  'evaluation.decided': 'Quyết định công nhận',
  'evaluation.reopened': 'Mở lại hồ sơ',
  'appraisal.verdict-recorded': 'Ghi kết luận thẩm định chỉ tiêu',
  'comment.received': 'Nhận ý kiến của Nhân dân',
  'comment.responded': 'Tiếp thu, giải trình ý kiến',
  'evidence.uploaded': 'Tải lên tài liệu kiểm chứng',
  'evidence.deleted': 'Xoá tài liệu kiểm chứng',
  'council.created': 'Thành lập Hội đồng',
  'plan.created': 'Tạo kế hoạch',
  'plan.updated': 'Sửa kế hoạch',
  'plan.issued': 'Ban hành kế hoạch',
  'plan.closed': 'Kết thúc kế hoạch',
  'plan-task.created': 'Thêm nhiệm vụ của kế hoạch',
  'plan-task.updated': 'Sửa, báo cáo nhiệm vụ của kế hoạch',
  'plan.remediation-proposed': 'Lập kế hoạch khắc phục từ kết quả đánh giá',
  'plan-task.overdue-marked': 'Đánh dấu nhiệm vụ quá hạn (kiểm tra hằng ngày)',
  'plan-task.reminders-mailed': 'Gửi thư điện tử nhắc việc (nhiệm vụ đến hạn, quá hạn)',
  'council.meeting-recorded': 'Ghi nhận cuộc họp Hội đồng',
  'council.opinion-recorded': 'Ghi nhận ý kiến thành viên Hội đồng',
  'council.member-linked': 'Liên kết thành viên Hội đồng với tài khoản',
  'council.member-unlinked': 'Bỏ liên kết thành viên Hội đồng với tài khoản',
  'sessions.ended-all': 'Kết thúc mọi phiên đăng nhập (sau khi phục hồi)',
  'decision.issued': 'Ban hành quyết định công nhận',
  'documents.bulk-requested': 'Yêu cầu tạo văn bản hàng loạt',
  'tthc.import-requested': 'Yêu cầu nhập tệp hồ sơ TTHC (lưu cách ghép cột)',
  'tthc.dossiers-imported': 'Nhập hồ sơ TTHC vào sổ theo dõi',
  'register-token.created': 'Cấp mã kết nối API cho sổ',
  'register-token.revoked': 'Thu hồi mã kết nối API',
  'tthc.dossiers-pushed': 'Hệ thống một cửa gửi hồ sơ TTHC qua API',
  'tthc-aggregates.saved': 'Lưu số liệu tổng hợp Biểu 06 (TTHC)',
};

/** Object types (audit_log.object_type). */
export const AUDIT_OBJECT_TYPE_LABELS: Record<string, string> = {
  user: 'Người dùng',
  unit: 'Đơn vị hành chính',
  calendar: 'Lịch nghỉ lễ',
  holiday: 'Ngày nghỉ',
  framework_version: 'Bộ tiêu chí',
  evaluation_period: 'Kỳ đánh giá',
  evaluation: 'Hồ sơ đánh giá',
  public_comment: 'Ý kiến của Nhân dân',
  evidence_file: 'Tài liệu kiểm chứng',
  council: 'Hội đồng',
  plan: 'Kế hoạch',
  plan_reminders: 'Thư nhắc việc kế hoạch',
  council_meeting: 'Cuộc họp Hội đồng',
  council_member: 'Thành viên Hội đồng',
  session: 'Phiên đăng nhập',
  recognition_decision: 'Quyết định công nhận',
  job: 'Công việc chạy nền',
  tthc_import: 'Lần nhập sổ hồ sơ TTHC',
  register_token: 'Mã kết nối API',
  tthc_aggregates: 'Số liệu tổng hợp Biểu 06 (TTHC)',
};

/** The action's Vietnamese name; an unknown code (a row older than its label) is shown as written. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export function auditObjectTypeLabel(type: string): string {
  return AUDIT_OBJECT_TYPE_LABELS[type] ?? type;
}
