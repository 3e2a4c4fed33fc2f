import { describe, expect, it } from 'vitest';
import { changePasswordSchema } from './auth.schemas.ts';
import { passwordWeakness } from './password-strength.ts';

describe('password strength', () => {
  it('refuses guessable passwords with Vietnamese reasons', () => {
    expect(passwordWeakness('aaaaaaaa')).toBe(
      'Mật khẩu quá dễ đoán. Ký tự lặp lại như "aaa" rất dễ đoán. Hãy thêm vài từ ít gặp.',
    );
    expect(passwordWeakness('canbob12')).toMatch(/^Mật khẩu quá dễ đoán\./);
    expect(passwordWeakness('12345678')).toMatch(/^Mật khẩu quá dễ đoán\./);
    expect(passwordWeakness('DanhGia@2026')).toMatch(/^Mật khẩu quá dễ đoán\./);
    expect(passwordWeakness('ngan')).toBe('Mật khẩu phải có ít nhất 8 ký tự');
    expect(passwordWeakness('nguyenvana-2026', ['nguyenvana'])).toMatch(/^Mật khẩu quá dễ đoán\./);
  });

  it('accepts long or unusual ones, Vietnamese phrases included', () => {
    expect(passwordWeakness('matkhau-thu-nghiem')).toBeNull();
    expect(passwordWeakness('Mat-khau-moi-2026!')).toBeNull();
    expect(passwordWeakness('Trời hôm nay đẹp quá')).toBeNull();
    expect(passwordWeakness('Ab3k-9xQz-7mPw')).toBeNull();
  });

  it('is the rule of the password-change schema', () => {
    const weak = changePasswordSchema.safeParse({ currentPassword: 'x', newPassword: 'canbob12' });
    expect(weak.success).toBe(false);
    expect(weak.error?.issues[0]?.message).toMatch(/^Mật khẩu quá dễ đoán\./);
    expect(
      changePasswordSchema.safeParse({ currentPassword: 'x', newPassword: 'Mat-khau-moi-2026!' }).success,
    ).toBe(true);
  });
});
