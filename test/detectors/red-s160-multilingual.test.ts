/**
 * Red team 160 (a precision sweep of multilingual projects): what a document names after a password's or a token's word
 * is no secret: a version, an advisory's or a standard's id, an IBAN, a person's name; after a token's or a key's word a
 * date, a fiscal period, a duration, a ticket's or an order's id, a telephone number too (under a password's a person's
 * password may be a birthday or `ADMIN-123456`: review 161); a placeholder whose words hold accents (`tu_contraseña`); a note in
 * another language's quotation marks (`„siehe Vault“`) or words (`см. Vault`, `voir le coffre`, `1Passwordを参照`); a state's
 * word (`abgelaufen`). A password stays one in any language, and a weak one under a password's name (`ADMIN-2024`).
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PASSWORD = 'Hq4!zWp8Lm3x';

const RECORDS = [
  'senha: v2.3.1', 'token: 1.8.0-rc.2', 'Passwort: ISO-8601', 'токен: OPS-2024-1187', 'κωδικός: CVE-2024-3094', 'Token: 15.03.2024', 'シークレット：FY2024', 'token: FY2024 Q1', 'token = Q1/2024', 'Token: 3600s', 'token: JIRA-4821',
  'lozinka:\u00a0DE89370400440532013000', 'Token: "+49 30 12345678"', 'token: "Müller, Jürgen"', 'token: ORD-2024-0001234',
];
const PLACEHOLDERS = [
  'contraseña: tu_contraseña', 'contraseña: TU_CONTRASEÑA', 'Passwort: dein_schlüssel', 'heslo: vaše_heslo', 'lösenord: ditt_lösenord',
  'şifre: şifreniz_buraya', 'mot de passe : mot_de_passe_sécurisé', 'senha: nova_senha_do_usuário',
];
const QUOTED_NOTES = ['Passwort: „siehe Vault“', 'Passwort: »siehe Vault«', 'contraseña: «ver el gestor de secretos»', 'пароль: «см. Vault»', 'パスワード：「1Passwordを参照」', 'senha: “sua_senha_aqui”'];

t.test("a record's value, a placeholder or a note after a password's or a token's word: none", async (t) => {
  ruleProbe('description').findsNothing(t, 'free-text', [...RECORDS, ...PLACEHOLDERS, ...QUOTED_NOTES]);
});

t.test('a password stays one, in quotation marks too; a weak one under a password name', async (t) => {
  ruleProbe('description').finds(t, 'free-text', [
    [`Passwort: ${PASSWORD}`, PASSWORD],
    [`Passwort: „${PASSWORD}“`, PASSWORD],
    [`пароль: «${PASSWORD}»`, PASSWORD],
    [`senha: ${PASSWORD}`, PASSWORD],
    ['senha: ADMIN-2024', 'ADMIN-2024'],
    ['password: WELCOME_2024', 'WELCOME_2024'],
    // a version's shape with a letter in it is no version
    ['token: v2.3.1x9Kq7Lm2Zp', 'v2.3.1x9Kq7Lm2Zp'],
  ]);
  // under a password's name a birthday, a ticket's shape, a number, a passphrase with a language's small words, an accented
  // password stay passwords (review 161)
  ruleProbe('password').finds(t, 'config-meta', ['15.03.1987', '03/15/1987', 'ADMIN-123456', 'ACME-2024-01', '+491701234567', 'i love paris 2024', 'la vie en rose 2024', 'do or die 1999', 'ÉTÉ-123456'].map((v) => [v, v] as const));
});

t.test("notes and states in other languages under a password's key", async (t) => {
  const notes = ['см. Vault', 'ver el gestor de secretos', 'consulte o cofre de senhas', '请参阅 Vault', '1Passwordを参照', 'voir le coffre', 'zie de kluis', 'siehe 1Password', 'im Tresor', 'fragen Sie den DBA', 'aktiv', 'abgelaufen', 'expiré', 'Smith, John'];
  for (const key of ['password', 'passwort', 'пароль', 'api_key']) {
    const probe = ruleProbe(key);
    probe.findsNothing(t, 'config-meta', notes);
    probe.finds(t, 'config-meta', [[PASSWORD, PASSWORD]]);
  }
});

t.test("Korean's 패스워드, Chinese's 秘钥 (密钥's common spelling), Japanese's 秘密鍵; not Korean's 비번, a shift's \"off duty\" too (review 163)", async (t) => {
  const probe = ruleProbe('description');
  probe.finds(t, 'free-text', [
    [`테스트 계정 패스워드: ${PASSWORD}`, PASSWORD],
    [`接口秘钥：${PASSWORD}`, PASSWORD],
    [`秘密鍵：${PASSWORD}`, PASSWORD],
  ]);
  probe.findsNothing(t, 'free-text', ['패스워드 변경 주기: 90일', '비번 초기화 방법은 위키 참조', '秘钥：请联系管理员', '근무형태 (당번=DAY01, 비번=OFF02, 휴무=HOL03)', '비번: N2-Shift', '설비번 = GX4411']);
});
