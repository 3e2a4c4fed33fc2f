import { describe, expect, it } from 'vitest';
import { parseDossierRow, parseRegisterDate, statusKindOf } from './dossier-row.ts';

const row = (over: Record<string, string> = {}) => ({
  ma_ho_so: 'H01.1-260101-0001',
  ten_thu_tuc: 'Đăng ký khai sinh',
  linh_vuc: 'Hộ tịch',
  kenh_nop: 'truc_tuyen',
  ngay_tiep_nhan: '02/01/2026',
  han_tra_ket_qua: '2026-01-05',
  ngay_tra_ket_qua: '',
  ...over,
});

describe('a dossier row from a one-stop export', () => {
  it('reads both date formats, with or without a time of day', () => {
    expect(parseRegisterDate('02/01/2026')).toBe('2026-01-02');
    expect(parseRegisterDate('2/1/2026 08:15')).toBe('2026-01-02');
    expect(parseRegisterDate('2026-01-02')).toBe('2026-01-02');
    expect(parseRegisterDate('2026-01-02 16:45')).toBe('2026-01-02');
    expect(parseRegisterDate('31/02/2026')).toBeNull();
    expect(parseRegisterDate('01/13/2026')).toBeNull();
    expect(parseRegisterDate('hôm qua')).toBeNull();
  });

  it('turns an instant with an offset into its date in Vietnam time', () => {
    expect(parseRegisterDate('2026-03-02T17:30:00Z')).toBe('2026-03-03');
    expect(parseRegisterDate('2026-03-02T16:59:00Z')).toBe('2026-03-02');
    expect(parseRegisterDate('2026-03-02T23:30:00+07:00')).toBe('2026-03-02');
  });

  it('accepts the Vietnamese words for the channel and for yes/no', () => {
    const r = parseDossierRow(
      row({ kenh_nop: 'Trực tiếp', so_hoa: 'có', thu_xin_loi: 'x', toan_trinh: 'Không' }),
    );
    expect(r.ok && r.dossier).toMatchObject({
      channel: 'truc_tiep',
      digitised: true,
      apologyLetter: true,
      fullProcess: false,
      onlinePayment: null,
      resolvedOn: null,
    });
    const post = parseDossierRow(row({ kenh_nop: 'Bưu chính' }));
    expect(post.ok && post.dossier.channel).toBe('buu_chinh');
  });

  it('names every bad column in Vietnamese', () => {
    const r = parseDossierRow(
      row({ ma_ho_so: '', kenh_nop: 'fax', ngay_tiep_nhan: '30/02/2026', so_hoa: 'có lẽ' }),
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.message)).toEqual([
      'Cột "ma_ho_so" (Mã hồ sơ): không được để trống',
      'Cột "kenh_nop" (Kênh nộp): "fax" không hợp lệ; dùng truc_tuyen, truc_tiep hoặc buu_chinh (có thể viết có dấu)',
      'Cột "ngay_tiep_nhan" (Ngày tiếp nhận): "30/02/2026" không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd, có thể kèm giờ HH:mm)',
      'Cột "so_hoa" (Số hóa): "có lẽ" không hợp lệ; dùng 1/0, có/không hoặc x/để trống',
    ]);
  });

  it('refuses a result returned before the dossier was received', () => {
    const r = parseDossierRow(row({ ngay_tra_ket_qua: '01/01/2026' }));
    expect(!r.ok && r.issues[0]!.column).toBe('ngay_tra_ket_qua');
  });

  it('sorts free-text statuses into withdrawn, returned, supplements or normal', () => {
    expect(statusKindOf('Công dân rút hồ sơ')).toBe('rut');
    expect(statusKindOf('Trả lại hồ sơ')).toBe('tra_lai');
    expect(statusKindOf('Từ chối tiếp nhận')).toBe('tra_lai');
    expect(statusKindOf('Chờ bổ sung')).toBe('bo_sung');
    expect(statusKindOf('Đã trả kết quả trực tuyến')).toBe('binh_thuong');
    expect(statusKindOf(null)).toBe('binh_thuong');
  });
});
