/**
 * "Password" (and "token", "secret key") in the prose of teams that write a script past Latin, or
 * a Latin word with a letter past Latin-1, with the name the value judgement reads it by: Russian,
 * Ukrainian пароль, Bulgarian парола, Serbian лозинка, Greek κωδικός (πρόσβασης), συνθηματικό,
 * Chinese 密码 密碼 口令 (and 令牌 token, 密钥 密鑰 secret key), Japanese パスワード 暗証番号 (トークン,
 * シークレット), Korean 비밀번호 암호 (토큰), Vietnamese mật khẩu, Polish hasło, Arabic كلمة المرور
 * كلمة السر كلمة مرور, Hebrew סיסמה סיסמא, Hindi पासवर्ड, Thai รหัสผ่าน, Persian رمز عبور گذرواژه,
 * Russian токен. Each has a character past Latin-1 (the detector's cheap test, PAST_LATIN1).
 */
export const SCRIPT_WORDS: readonly { word: string; name: string }[] = [
  ...['пароль', 'парола', 'лозинка', 'κωδικός', 'συνθηματικό', '密码', '密碼', '口令', 'パスワード', '暗証番号', '비밀번호', '암호', 'mật khẩu', 'hasło'].map((word) => ({ word, name: 'password' })),
  ...['كلمة المرور', 'كلمة السر', 'كلمة مرور', 'סיסמה', 'סיסמא', 'पासवर्ड', 'รหัสผ่าน', 'رمز عبور', 'گذرواژه'].map((word) => ({ word, name: 'password' })),
  ...['токен', '令牌', 'トークン', '토큰'].map((word) => ({ word, name: 'token' })),
  ...['密钥', '密鑰', 'シークレット'].map((word) => ({ word, name: 'secret' })),
];
