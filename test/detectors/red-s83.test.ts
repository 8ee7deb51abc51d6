/**
 * Red team 83 (the false alarms of the detectors widened for red teams 79-81, on decoys only): type, status and slogan
 * words after a noun-first password's word, PowerShell's $env: after a password flag, prose after connect, imp, exp and
 * logon, mkstore's entries that hold no password, anonymous FTP, a comment's "create user", Basic samples. Beside each
 * decoy, the secret of the same form that is still found.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const sql = ruleProbe('compiled_code');
const prose = ruleProbe('description');
const base64 = (text: string): string => Buffer.from(text).toString('base64');

t.test("a noun-first password's type, status, level or change, and a slogan, name no password", async (t) => {
  sql.findsNothing(t, 'compiled-code', ["select * from users where heslo_typ = 'silne'", "where sifre_turu = 'guclu'", "and lozinka_vrsta = 'jaka'"]);
  for (const [name, value] of [
    ['sifre_durumu', 'Aktif'],
    ['sifre_seviyesi', 'Yuksek1'],
    ['sifre_degisim', 'Zorunlu90'],
    ['lozinka_vrsta', 'Jaka123'],
    ['haslo_reklamy', 'Lato2025!'],
    ['haslo_przewodnie', 'Lato2025!'],
    ['heslo_kampane', 'Leto2025!'],
    ['geslo_kampanje', 'Poletje2025!'],
  ]) {
    ruleProbe(name!).findsNothing(t, 'config-meta', [value!]);
  }
  ruleProbe('sifre_ftp').finds(t, 'config-meta', [['Odra&Warta12', 'Odra&Warta12']]);
});

t.test("PowerShell's $env: after a password flag is where the password is, not one", async (t) => {
  prose.findsNothing(t, 'free-text', [
    'net use \\\\fs01\\drop /user:CORP\\svc_dbt $env:SHARE_PW',
    'cmdkey /generic:fs01 /user:svc /pass:$env:SHARE_PW',
    'schtasks /create /tn dbt /ru svc /rp $env:RUN_PW',
    'az login --service-principal -u 3f2b8c1e -p $env:AZ_SECRET --tenant 72f988bf',
    'lftp -u etl,$env:FTP_PW sftp://ftp.acme.io',
  ]);
  prose.finds(t, 'free-text', [['cmdkey /generic:fs01 /user:svc /pass:Sh4re#Pw2024', 'Sh4re#Pw2024']]);
});

t.test('prose after connect, imp, exp and logon is no logon; a logon with its service or its terminator is', async (t) => {
  prose.findsNothing(t, 'free-text', ['Devices connect TCP/IPv4', 'Daily imp share/SOV2 by region', 'records each logon attempt, LogonFailure; see DBC.LogOnOffV']);
  sql.findsNothing(t, 'compiled-code', ['select exp log_ret/n252 as vol from r']);
  prose.finds(t, 'free-text', [
    ['CONN etl_ro/Rd0nly#2024@ERPPROD', 'Rd0nly#2024'],
    ['imp userid="sys/Imp0rt#Pw as sysdba" file=full.dmp', 'Imp0rt#Pw'],
    ['LOGON tdprod/tpt_load,TptPw#9;', 'TptPw#9'],
  ]);
});

t.test("mkstore's entries of a connect string or a user hold no password; a password's entry does", async (t) => {
  prose.findsNothing(t, 'free-text', ['mkstore -wrl /u01/w -createEntry oracle.security.client.connect_string1 ORCLPDB1', 'mkstore -wrl /u01/w -createEntry oracle.security.client.username1 DBT_USER']);
  prose.finds(t, 'free-text', [['mkstore -wrl /u01/w -createEntry oracle.security.client.password1 W4llet#Entry9', 'W4llet#Entry9']]);
});

t.test("anonymous FTP's conventional password is none; a user's is", async (t) => {
  prose.findsNothing(t, 'free-text', ['lftp -u anonymous,anonymous@ ftp.ncei.noaa.gov', 'lftp -u anonymous,dataops@acme.com ftp.example.org', 'lftp -u ftp,ftp@ ftp.gnu.org']);
  prose.finds(t, 'free-text', [['lftp -u etl,Ftp#Pw2024 sftp://ftp.acme.io', 'Ftp#Pw2024']]);
});

t.test("a comment's \"create user … as\" does not reach a later password column", async (t) => {
  sql.findsNothing(t, 'compiled-code', ['-- create user dimension as of the last load\nselect iff(u.password = pw_v2, 1, 0) as same from users u']);
  sql.finds(t, 'compiled-code', [['CREATE USER etl FROM dbc AS PERM = 1e9,\n  PASSWORD = TdEtl_2021;', 'TdEtl_2021']]);
});

t.test("Basic and a sample's pair (a user and its name with a number) is no credential", async (t) => {
  prose.findsNothing(t, 'free-text', ['demo:demo123', 'test:test123', 'admin:admin123', 'guest:guest1'].map((pair) => `Use Basic ${base64(pair)} against the sandbox`));
  prose.finds(t, 'free-text', [[`Use Basic ${base64('etl:Au7h!pw')} against prod`, base64('etl:Au7h!pw')]]);
});

t.test("net use: a word after the share is its password only where /user: follows; docs that show a Basic pair's encoding write the pair beside it", async (t) => {
  prose.findsNothing(t, 'free-text', ['net use \\\\fs01\\Finance2024 Reports_Q3', 'net use \\\\fs01\\share\\2024 Archive2024']);
  prose.finds(t, 'free-text', [['net use \\\\fs01\\drop Dr0p#Share24 /user:CORP\\svc_dbt', 'Dr0p#Share24']]);
  prose.findsNothing(t, 'free-text', [`The scheme (docs example): Basic ${base64('john:doe2024')} for john:doe2024`, `e.g. Basic ${base64('x:y123456')} for x:y123456`]);
});

t.test("after a password's label, a word of letters with an accent is a word, as an ASCII one is; a password with a digit or a symbol is still one", async (t) => {
  prose.findsNothing(t, 'free-text', ['Mot de passe : réinitialisé chaque 90 jours', 'Mot de passe\u00a0: géré par le SSO', 'Mot de passe : stocké dans Azure Key Vault', 'Contraseña: caducada', 'Passwort: geändert']);
  prose.finds(t, 'free-text', [['Mot de passe : Tour#Eiffel89', 'Tour#Eiffel89'], ['Contraseña: Señor#2024', 'Señor#2024']]);
});
