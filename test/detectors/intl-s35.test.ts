/**
 * Session 35: "password" (and "token", "secret key") in scripts past Latin and in Latin words with a
 * letter past Latin-1, in prose and as a key's name. A value after the word is judged as an English
 * name's is: prose after the word, a mask, a gap, a reference are silent. Each case names the exact
 * secret, or none; labels never show one.
 */
import t from 'tap';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { keyWords } from '../../src/detectors/key-grammar.js';
import { isRealSecretValue, isSecretKeyName, secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { checkDetector as check } from './detector-cases.js';

check(assignmentDetector, [
  { label: 'Russian пароль:', text: 'Доступ: пользователь etl, пароль: Pq7-Xz2mKv9w', secrets: ['Pq7-Xz2mKv9w'] },
  { label: 'Russian Пароль = (title case, spaced)', text: 'Пароль = Pq7-Xz2mKv9w', secrets: ['Pq7-Xz2mKv9w'] },
  { label: 'Russian ПАРОЛЬ: quoted', text: 'ПАРОЛЬ: "Pq7-Xz2mKv9w"', secrets: ['Pq7-Xz2mKv9w'] },
  { label: 'Russian пароль — (a dash says is)', text: 'пароль — Pq7-Xz2mKv9w', secrets: ['Pq7-Xz2mKv9w'] },
  { label: 'Bulgarian парола:', text: 'потребител report, парола: Bg3-Lk8pWq2z', secrets: ['Bg3-Lk8pWq2z'] },
  { label: 'Serbian лозинка:', text: 'лозинка: Sr5-Mn2xVc7q', secrets: ['Sr5-Mn2xVc7q'] },
  { label: 'Greek κωδικός:', text: 'Χρήστης report_ro, κωδικός: Gr2-Th8mLp4x', secrets: ['Gr2-Th8mLp4x'] },
  { label: 'Greek συνθηματικό:', text: 'συνθηματικό: Gr6-Wq1zNk5s', secrets: ['Gr6-Wq1zNk5s'] },
  { label: 'Chinese 密码：(full-width colon, no space)', text: '数据库密码：Mk3#Tz8wQp1v', secrets: ['Mk3#Tz8wQp1v'] },
  { label: 'Chinese 密碼: (traditional)', text: '密碼: Tw4-Hq9xLm2c', secrets: ['Tw4-Hq9xLm2c'] },
  { label: 'Chinese 口令 是', text: '口令是 Kl7-Rn3vBx8d', secrets: ['Kl7-Rn3vBx8d'] },
  { label: 'Japanese パスワード は … です', text: 'パスワード は Jp5-Rk2nWx8t です', secrets: ['Jp5-Rk2nWx8t'] },
  { label: 'Japanese パスワードは…です (no spaces)', text: 'パスワードはJp5-Rk2nWx8tです', secrets: ['Jp5-Rk2nWx8t'] },
  { label: 'Japanese 暗証番号「…」', text: '暗証番号：「Jn8-Vz4qHs1m」', secrets: ['Jn8-Vz4qHs1m'] },
  { label: 'Korean 비밀번호:', text: '비밀번호: Ko4!Lm7vBz2q', secrets: ['Ko4!Lm7vBz2q'] },
  { label: 'Korean 비밀번호는 (a particle says is)', text: '비밀번호는 Ko4!Lm7vBz2q 입니다', secrets: ['Ko4!Lm7vBz2q'] },
  { label: 'Vietnamese mật khẩu là', text: 'mật khẩu là Vn6-Qs1pHd3r (không chia sẻ)', secrets: ['Vn6-Qs1pHd3r'] },
  { label: 'Polish hasło:', text: 'hasło: Pl8_Wr3kFn5z', secrets: ['Pl8_Wr3kFn5z'] },
  { label: 'Polish HASŁO =', text: 'HASŁO = Pl8_Wr3kFn5z', secrets: ['Pl8_Wr3kFn5z'] },
  { label: 'Arabic كلمة المرور:', text: 'كلمة المرور: Ar9-Qx2mZt7k', secrets: ['Ar9-Qx2mZt7k'] },
  { label: 'Arabic كلمة السر =', text: 'كلمة السر = Ar4-Pw8nLs2j', secrets: ['Ar4-Pw8nLs2j'] },
  { label: 'Hebrew סיסמה:', text: 'סיסמה: He5-Wq3nRt8p', secrets: ['He5-Wq3nRt8p'] },
  { label: 'Hindi पासवर्ड:', text: 'पासवर्ड: Hi4-Zx7pLm2b', secrets: ['Hi4-Zx7pLm2b'] },
  { label: 'Thai รหัสผ่าน:', text: 'ผู้ใช้ report รหัสผ่าน: Th3-Vb8kQw1f', secrets: ['Th3-Vb8kQw1f'] },
  { label: 'Persian رمز عبور:', text: 'رمز عبور: Fa7-Nm2xKp9g', secrets: ['Fa7-Nm2xKp9g'] },
  { label: 'Russian токен:', text: 'токен: 9f8e7d6c5b4a39281706f5e4d3c2b1a0', secrets: ['9f8e7d6c5b4a39281706f5e4d3c2b1a0'] },
  { label: 'a JSON key in a string', text: 'vars: {"пароль": "Pq7-Xz2mKv9w", "схема": "raw"}', secrets: ['Pq7-Xz2mKv9w'] },
  { label: 'a JSON key in a JSON string, decoded once', text: '{\\"密码\\": \\"Mk3#Tz8wQp1v\\"}', secrets: ['Mk3#Tz8wQp1v'] },
  { label: 'a SQL comment', text: "select 1 -- 临时账号 etl_tmp 密码：Sq2-Hv6tNc4y\nfrom t", secrets: ['Sq2-Hv6tNc4y'] },
  { label: 'an English assignment and a Russian one, in order', text: 'пароль: Pq7-Xz2mKv9w; password=Zx9-Kp2mQw7e', secrets: ['Pq7-Xz2mKv9w', 'Zx9-Kp2mQw7e'] },
  // prose after the word: no value
  { label: 'a rule about a password (Russian)', text: 'пароль должен содержать 8 символов', secrets: [] },
  { label: 'the link to reset a password (Chinese)', text: '重置密码的链接', secrets: [] },
  { label: 'a password of eight characters or more (Japanese)', text: 'パスワードは8文字以上', secrets: [] },
  { label: 'Vietnamese: what is a password?', text: 'mật khẩu là gì?', secrets: [] },
  { label: 'a required field (Russian, a dash)', text: 'Пароль — обязательное поле', secrets: [] },
  { label: 'a word of prose (Polish)', text: 'hasło: wymagane', secrets: [] },
  { label: 'prose in the script (Chinese: ask the admin)', text: '密码：请联系管理员', secrets: [] },
  { label: 'a Latin word of prose after it', text: 'пароль: required', secrets: [] },
  { label: 'a number of characters', text: 'пароль: 8 символов; 密码长度：12', secrets: [] },
  { label: 'a longer word: encryption (Korean 암호화)', text: '암호화: AES256-GCM-Q7', secrets: [] },
  { label: 'an inflected word (Russian пароля, a password\'s)', text: 'сброс пароля: Pq7-Xz2mKv9w', secrets: [] },
  { label: 'the word inside another (Cyrillic)', text: 'непароль: Pq7-Xz2mKv9w', secrets: [] },
  // masks, gaps, references
  { label: 'masks', text: 'пароль: ********; 密码：******; パスワード: ●●●●●●●●; パスワードは「＊＊＊＊」', secrets: [] },
  { label: 'a gap to fill', text: 'пароль: <пароль>; 密码：<your-password>; hasło: <hasło>', secrets: [] },
  { label: 'references', text: "пароль: {{ env_var('DBT_ENV_SECRET_PG') }}; 비밀번호: ${DB_PASSWORD}", secrets: [] },
  { label: 'placeholders and defaults', text: 'пароль: your-password-here; пароль: xxxxxxxx; пароль: changeme', secrets: [] },
  { label: 'a column compared in SQL', text: 'where пароль = p.пароль', secrets: [] },
]);

check(secretKeyNameDetector, [
  { key: 'пароль', text: 'Pq7-Xz2mKv9w', secrets: ['Pq7-Xz2mKv9w'] },
  { key: 'DB_ПАРОЛЬ', text: 'Pq7-Xz2mKv9w', secrets: ['Pq7-Xz2mKv9w'] },
  { key: '数据库密码', text: 'Mk3#Tz8wQp1v', secrets: ['Mk3#Tz8wQp1v'] },
  { key: '密码', label: 'Chinese prose under a password name', text: '请联系管理员', secrets: [] },
  { key: 'пароль', label: 'Russian prose under a password name', text: 'см. сейф', secrets: [] },
  { key: '密码策略', label: 'a password policy', text: 'Mk3#Tz8wQp1v', secrets: [] },
]);

t.test('a secret word in a script past Latin names a password in a key, a word past Latin after it does not end it', async (t) => {
  for (const name of ['пароль', 'Пароль', 'DB_ПАРОЛЬ', 'парола', '数据库密码', '密碼', 'パスワード', '비밀번호', 'hasło', 'סיסמה', 'كلمة المرور', 'токен', '密钥']) t.ok(isSecretKeyName(name), name);
  for (const name of ['密码提示', '密码学', 'пароль_пользователя', 'имя', '说明', 'パスワードポリシー']) t.notOk(isSecretKeyName(name), name);
  t.same(keyWords('数据库密码'), ['other', 'password']);
  t.same(keyWords('密码提示'), ['password', 'other']);
  // a key without such a word keeps its words past Latin out, as before
  t.same(keyWords('api_key_本番'), ['api', 'key']);
});

t.test('words of a script past Latin, with no ASCII letter or digit, are prose, not a secret', async (t) => {
  for (const v of ['请联系管理员', 'см. сейф', 'パスワードを忘れた']) t.notOk(isRealSecretValue(v, 'password'), 'prose');
  t.ok(isRealSecretValue('пароль123Xq', 'password'), 'letters past Latin with ASCII digits can be a password');
});
