import type { Permission } from '@shared/access/roles.ts';

/**
 * The side menu. An item shows only to users holding its permission (the server checks again on
 * every request; hiding is for clarity, not security). Add one entry per page.
 */
export type NavItem = {
  path: string;
  /** Short enough for the 240 px side menu; a longer label wraps (and is repeated as a tooltip). */
  label: string;
  permission?: Permission;
  /** Items of one group are shown together under its heading. */
  group?: string;
};

export const navItems: NavItem[] = [
  { path: '/', label: 'Việc cần làm' },
  { path: '/tai-khoan', label: 'Tài khoản của tôi' },
  {
    path: '/danh-gia',
    label: 'Chuẩn tiếp cận pháp luật',
    permission: 'assessments.read',
    group: 'Hồ sơ tự đánh giá',
  },
  { path: '/chi-so-cchc', label: 'Chỉ số CCHC', permission: 'assessments.read', group: 'Hồ sơ tự đánh giá' },
  { path: '/ky-danh-gia', label: 'Kỳ đánh giá', permission: 'periods.read' },
  { path: '/thong-ke', label: 'Thống kê, phân tích', permission: 'assessments.read' },
  { path: '/bo-tieu-chi', label: 'Bộ tiêu chí', permission: 'frameworks.read' },
  { path: '/lich-ngay-nghi', label: 'Lịch ngày nghỉ', permission: 'periods.read' },
  { path: '/ke-hoach', label: 'Kế hoạch', permission: 'registers.read', group: 'Sổ sách' },
  { path: '/lay-y-kien', label: 'Lấy ý kiến, khảo sát', permission: 'registers.read', group: 'Sổ sách' },
  { path: '/so-tthc', label: 'Sổ theo dõi hồ sơ TTHC', permission: 'registers.read', group: 'Sổ sách' },
  { path: '/so-tthc/bieu-06', label: 'Biểu 06 (TTHC)', permission: 'registers.read', group: 'Sổ sách' },
  { path: '/so-sach', label: 'Sổ sách của xã', permission: 'registers.read', group: 'Sổ sách' },
  { path: '/so-tthc/ket-noi', label: 'Kết nối một cửa', permission: 'registers.tokens', group: 'Sổ sách' },
  { path: '/don-vi', label: 'Đơn vị hành chính', permission: 'units.read', group: 'Quản trị' },
  { path: '/nguoi-dung', label: 'Người dùng', permission: 'users.read', group: 'Quản trị' },
  { path: '/nhat-ky', label: 'Nhật ký thao tác', permission: 'audit.read', group: 'Quản trị' },
];
