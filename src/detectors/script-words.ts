/**
 * "Password" (and "token", "secret key") in the prose of teams that write a script past Latin, or
 * a Latin word with a letter past Latin-1, with the name the value judgement reads it by: Russian,
 * Ukrainian пароль, Bulgarian парола, Serbian лозинка, Greek κωδικός (πρόσβασης), συνθηματικό,
 * Chinese 密码 密碼 口令 (and 令牌 token, 密钥 密鑰 secret key, and its common spelling 秘钥), Japanese パスワード 暗証番号
 * (トークン, シークレット, 秘密鍵 private key), Korean 비밀번호 암호 패스워드 (토큰; not the everyday 비번, which is also a shift's "off duty": review 163), Vietnamese mật khẩu, Polish hasło, Arabic كلمة المرور
 * كلمة السر كلمة مرور, Hebrew סיסמה סיסמא, Hindi पासवर्ड, Thai รหัสผ่าน, Persian رمز عبور گذرواژه,
 * Russian токен. Each has a character past Latin-1 (the detector's cheap test, PAST_LATIN1).
 */
export const SCRIPT_WORDS: readonly { word: string; name: string }[] = [
  ...['пароль', 'парола', 'лозинка', 'κωδικός', 'συνθηματικό', '密码', '密碼', '口令', 'パスワード', '暗証番号', '비밀번호', '암호', '패스워드', 'mật khẩu', 'hasło'].map((word) => ({ word, name: 'password' })),
  ...['كلمة المرور', 'كلمة السر', 'كلمة مرور', 'סיסמה', 'סיסמא', 'पासवर्ड', 'รหัสผ่าน', 'رمز عبور', 'گذرواژه'].map((word) => ({ word, name: 'password' })),
  ...['токен', '令牌', 'トークン', '토큰'].map((word) => ({ word, name: 'token' })),
  ...['密钥', '密鑰', '秘钥', '秘鑰', '秘密鍵', 'シークレット'].map((word) => ({ word, name: 'secret' })),
];

/**
 * Words that change their ending in a sentence, searched for by their stem and read with their
 * endings: Russian and Ukrainian пароль (паролем, "with the password"; пароля, паролю, пароле…), Bulgarian
 * парола (паролата), and Greek κωδικός, which capitals write without its accent (ΚΩΔΙΚΟΣ) and other
 * cases end otherwise (κωδικού). The stem is the keyword; the pattern (its endings longest first) is
 * what the detector reads as the word, `cases` the forms that name the value that follows (see
 * namesValue); they replace those SCRIPT_WORDS.
 */
export const SCRIPT_STEMS: readonly { stem: string; pattern: string; replaces: readonly string[] }[] = [
  { stem: 'парол', pattern: 'парол(?:ями|ата|ям|ях|ей|ем|ь|я|ю|е|и|і|а)', replaces: ['пароль', 'парола'] },
  { stem: 'κωδικ', pattern: 'κωδικ(?:ός|ος|ού|ου|ό|ο)', replaces: ['κωδικός'] },
];

/**
 * Whether an inflected form (lower case) names the value after it: a nominative (ΚΩΔΙΚΟΣ, паролата), the
 * instrumental (`з паролем: …`, "with the password"), or the genitive after "value" (`значение пароля: …`).
 * Other cases are another noun's object (`сброс пароля: …`, "password reset"; `к паролю`, "for the password").
 */
export function namesValue(form: string, wordBefore: string): boolean {
  if (form.startsWith('κωδικ')) return form === 'κωδικος' || form === 'κωδικός';
  if (form === 'паролем' || form === 'паролата' || form === 'пароль' || form === 'парола') return true;
  return form === 'пароля' && VALUE_WORDS.has(wordBefore);
}

/** "Value" in Russian and Ukrainian, before a genitive: значение пароля, значення пароля. */
const VALUE_WORDS = new Set(['значение', 'значения', 'значення']);
