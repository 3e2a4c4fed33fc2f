import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { LIMITS } from './limits.ts';

/** zxcvbn's score (0–4) a new password needs: 3 is "safely unguessable" for an online attack. */
export const PASSWORD_MIN_SCORE = 3;

// Words anyone would try first against this product, beside the common-password lists.
const PRODUCT_WORDS = [
  'danhgia',
  'matkhau',
  'ubnd',
  'tuphap',
  'phapluat',
  'tiepcan',
  'canbo',
  'xaphuong',
  'vietnam',
  'quantri',
  'admin',
];

// zxcvbn's feedback keys, said in Vietnamese (its own texts are English).
const WARNINGS: Record<string, string> = {
  straightRow: 'Các phím liền nhau trên bàn phím rất dễ đoán.',
  keyPattern: 'Các kiểu gõ phím ngắn rất dễ đoán.',
  simpleRepeat: 'Ký tự lặp lại như "aaa" rất dễ đoán.',
  extendedRepeat: 'Cụm ký tự lặp lại như "abcabc" rất dễ đoán.',
  sequences: 'Dãy ký tự liên tiếp như "abc" hay "1234" rất dễ đoán.',
  recentYears: 'Năm gần đây rất dễ đoán.',
  dates: 'Ngày tháng rất dễ đoán.',
  topTen: 'Đây là một trong những mật khẩu hay dùng nhất.',
  topHundred: 'Đây là mật khẩu rất hay dùng.',
  common: 'Đây là mật khẩu hay dùng.',
  similarToCommon: 'Mật khẩu này gần giống một mật khẩu hay dùng.',
  wordByItself: 'Một từ đứng riêng rất dễ đoán.',
  namesByThemselves: 'Tên riêng hoặc họ đứng riêng rất dễ đoán.',
  commonNames: 'Tên riêng và họ phổ biến rất dễ đoán.',
  userInputs: 'Không nên dùng từ liên quan đến phần mềm hoặc đến bạn.',
};

const SUGGESTIONS: Record<string, string> = {
  anotherWord: 'Hãy thêm vài từ ít gặp.',
  useWords: 'Nên dùng nhiều từ ghép lại, ví dụ một câu ngắn chỉ bạn biết.',
  repeated: 'Tránh lặp lại từ hoặc ký tự.',
  sequences: 'Tránh dãy ký tự liên tiếp.',
  dates: 'Tránh ngày tháng gắn với bạn.',
  recentYears: 'Tránh các năm gần đây.',
  longerKeyboardPattern: 'Dùng kiểu gõ phím dài hơn và đổi hướng nhiều lần.',
  capitalization: 'Viết hoa thêm vài chữ ở giữa, không chỉ chữ đầu.',
  allUppercase: 'Viết hoa vài chữ, không phải tất cả.',
  reverseWords: 'Tránh viết ngược các từ thông dụng.',
  l33t: 'Thay chữ bằng số kiểu "@" thay "a" không làm mật khẩu khó đoán hơn.',
  associatedYears: 'Tránh các năm gắn với bạn.',
};

let factory: ZxcvbnFactory | undefined;

/**
 * Why a new password is too easy to guess, in Vietnamese; null when it is strong enough.
 * `userInputs` are words of this account (its user name, full name) that must not carry it.
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  if (password.length < LIMITS.passwordMin) return `Mật khẩu phải có ít nhất ${LIMITS.passwordMin} ký tự`;
  factory ??= new ZxcvbnFactory({
    dictionary: { ...dictionary, product: PRODUCT_WORDS },
    graphs: adjacencyGraphs,
  });
  // Only the first 100 characters are scored: beyond that the estimate is slow and never weak.
  const result = factory.check(password.slice(0, 100), userInputs);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const warning = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  const suggestion = result.feedback.suggestions.map((s) => SUGGESTIONS[s]).find(Boolean);
  return ['Mật khẩu quá dễ đoán.', warning, suggestion ?? 'Hãy dùng mật khẩu dài hơn, gồm vài từ ít gặp.']
    .filter(Boolean)
    .join(' ');
}
