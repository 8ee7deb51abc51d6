/**
 * Red team 80 (enterprise and legacy dbt projects): passwords on the command lines of Oracle's, Teradata's, Informatica's,
 * Azure's and Windows' tools, PowerShell's ConvertTo-SecureString inside a T-SQL literal (its quotes doubled), Oracle's old
 * password after REPLACE, and Teradata's bare password of CREATE and MODIFY USER. Each case names the exact secret
 * found; the decoys beside them (a variable, a placeholder, a prompt, a file, prose about a flag) are none.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const sql = ruleProbe('compiled_code');
const prose = ruleProbe('description');
const log = ruleProbe('msg');

t.test("ConvertTo-SecureString in T-SQL's xp_cmdshell: the quotes doubled inside the literal", async (t) => {
  const hook = `EXEC xp_cmdshell 'powershell -NoProfile -Command "$pw = ConvertTo-SecureString ''Winter2023!Contoso'' -AsPlainText -Force"'`;
  sql.finds(t, 'compiled-code', [[hook, 'Winter2023!Contoso']]);
  log.finds(t, 'run-messages', [[`On model.p.m: ${hook}`, 'Winter2023!Contoso']]);
  sql.findsNothing(t, 'compiled-code', [
    // without -AsPlainText the string is an encrypted one; an empty string is none
    "EXEC xp_cmdshell 'powershell -Command \"$pw = ConvertTo-SecureString ''01000000d08c9ddf0115d1118c7a'' -Key $k\"'",
    "EXEC xp_cmdshell 'powershell -Command \"$pw = ConvertTo-SecureString '''' -AsPlainText -Force\"'",
  ]);
});

t.test("Oracle's current password after REPLACE, quoted or bare", async (t) => {
  t.same(sql.found('ALTER USER erp_ro IDENTIFIED BY "N3w!Pass" REPLACE "0ld!Pass"', 'compiled-code'), ['N3w!Pass', '0ld!Pass']);
  t.same(sql.found('ALTER USER erp_ro IDENTIFIED BY N3wPass_24 REPLACE OldPass_23;', 'compiled-code'), ['N3wPass_24', 'OldPass_23']);
  t.same(sql.found('ALTER USER erp_ro IDENTIFIED BY "N3w!Pass" REPLACE "<old password>"', 'compiled-code'), ['N3w!Pass'], 'a placeholder');
});

t.test("Teradata's bare password of CREATE USER … AS and MODIFY USER … AS", async (t) => {
  t.same(sql.found('CREATE USER etl_td AS PERM = 1e9, PASSWORD = TdEtl_2021, DEFAULT DATABASE = dw;\nMODIFY USER etl_td AS PASSWORD = TdEtl_2022;', 'compiled-code'), ['TdEtl_2021', 'TdEtl_2022']);
  sql.finds(t, 'compiled-code', [['CREATE USER etl FROM dbc AS\n  PERM = 1e9,\n  PASSWORD = TdEtl_2021\n', 'TdEtl_2021']]);
  sql.findsNothing(t, 'compiled-code', [
    'CREATE USER etl FROM dbc AS PERM = 1e9, PASSWORD = NULL;',
    'MODIFY USER etl AS PASSWORD = ${TD_PASSWORD};',
    "MODIFY USER etl AS PASSWORD = {{ env_var('TD_PASSWORD') }};",
    'MODIFY USER etl AS PASSWORD = :new_pw;',
    'MODIFY PROFILE etl_p AS PASSWORD = (EXPIRE = 90);',
    'ALTER USER etl PASSWORD EXPIRE;',
    "CREATE USER etl IDENTIFIED EXTERNALLY;\nCREATE USER ops IDENTIFIED GLOBALLY AS 'CN=ops';",
  ]);
});

t.test("Teradata BTEQ's LOGON without its dot ends at a semicolon; prose about a logon is none", async (t) => {
  prose.finds(t, 'free-text', [['TPT job script:\n```\nLOGON tdprod/tpt_load,TptPw#9;\n```', 'TptPw#9']]);
  prose.findsNothing(t, 'free-text', ['LOGON tdprod/tpt_load,TptPw#9 fails with 8017 here', 'logon tdprod/tpt_load,$TD_PASSWORD;', 'On logon, Passw0rd#1 is asked for.']);
});

t.test("Oracle's wallet tools: orapki's -pwd, mkstore's credential and entry", async (t) => {
  sql.finds(t, 'compiled-code', [
    ['{# orapki wallet create -wallet /u01/app/oracle/wallet -pwd WalletPw_2022# -auto_login #}', 'WalletPw_2022#'],
    ['{# mkstore -wrl /u01/app/oracle/wallet -createCredential ERPPROD erp_ro erpR3ad0nly #}', 'erpR3ad0nly'],
    ['mkstore -wrl /u01/w -createEntry oracle.security.client.password1 Wa11et#Entry', 'Wa11et#Entry'],
  ]);
  sql.findsNothing(t, 'compiled-code', [
    'orapki wallet create -wallet /u01/w -pwd ${WALLET_PW} -auto_login',
    'orapki wallet create -wallet /u01/w -auto_login_only',
    // without the password mkstore asks for it
    'mkstore -wrl /u01/w -createCredential ERPPROD erp_ro',
    'mkstore -wrl /u01/w -createCredential ERPPROD erp_ro <password>',
  ]);
});

t.test("Azure's, Windows', Informatica's, Teradata's and lftp's password flags", async (t) => {
  sql.finds(t, 'compiled-code', [
    ['az login --service-principal -u 3f2b8c1e-9a4d-4e7b-b6c2-1d0e5f8a7b93 -p Az7Q~loginSecretValue.abcdefghijklmnopq12 --tenant contoso.onmicrosoft.com', 'Az7Q~loginSecretValue.abcdefghijklmnopq12'],
    ['net use \\\\fileserver01\\exports /user:CONTOSO\\svc_etl N3tUse!Pwx', 'N3tUse!Pwx'],
    ['net use Z: \\\\fileserver01\\exports N3tUse!Pwx /user:CONTOSO\\svc_etl /persistent:no', 'N3tUse!Pwx'],
    ['cmdkey /generic:sqlprod01 /user:svc_etl /pass:Cmdk3y!Pwx', 'Cmdk3y!Pwx'],
    ['schtasks /Create /TN dbt /TR C:\\dbt\\run.cmd /RU CONTOSO\\svc_etl /RP Sch3d!Pwx', 'Sch3d!Pwx'],
    ['dtexec /F C:\\ssis\\Load.dtsx /DE Dtex3c!Pwx', 'Dtex3c!Pwx'],
    ['tdload -f orders.txt -u tdl_user -p Tdl0ad!Pwx -h tdprod -t dw.orders', 'Tdl0ad!Pwx'],
    ['pmcmd startworkflow -sv IS_PROD -d Dom_Prod -u Administrator -p Inf0!Pwx -f FIN wf_load', 'Inf0!Pwx'],
    ['lftp -u etl,Lftp!Pwxx sftp://sftp.partner.com', 'Lftp!Pwxx'],
  ]);
  sql.findsNothing(t, 'compiled-code', [
    'az login --service-principal -u 3f2b8c1e-9a4d-4e7b-b6c2-1d0e5f8a7b93 -p $AZ_SECRET --tenant contoso',
    'az login --service-principal -u 3f2b8c1e-9a4d-4e7b-b6c2-1d0e5f8a7b93 -p ~/certs/sp.pem --tenant contoso',
    'net use \\\\fileserver01\\exports * /user:CONTOSO\\svc_etl',
    'net use \\\\fileserver01\\exports /user:CONTOSO\\svc_etl /persistent:no',
    'cmdkey /generic:sqlprod01 /user:svc_etl /pass:%PASSWORD%',
    'cmdkey /generic:sqlprod01 /user:svc_etl /pass',
    'schtasks /Create /TN dbt /TR run.cmd /RU SYSTEM /RP *',
    'dtexec /F Load.dtsx /DE $(DB_PASSWORD)',
    'pmcmd startworkflow -sv IS_PROD -d Dom_Prod -u Administrator -pv INFA_PASSWORD wf_load',
    'tdload -f orders.txt -u tdl_user -p **** -h tdprod',
    'lftp -u etl sftp://sftp.partner.com',
    // -p is a port or a path to these
    'psql -h db -p 5432 -U etl',
    'scp -P 2222 file.csv etl@host:/in',
    'mkdir -p /opt/dbt/logs',
  ]);
  prose.findsNothing(t, 'free-text', ['With schtasks, use /RP to give the password of the /RU user.', 'pmcmd takes -p password or -pv for a variable.']);
});

t.test("SQL*Plus's CONNECT and Oracle's exp/imp logons; the documented scott/tiger is none", async (t) => {
  sql.finds(t, 'compiled-code', [
    ['{# CONN sys/Sys_Pw2x@ERPPROD AS SYSDBA #}', 'Sys_Pw2x'],
    ['CONNECT etl_user/Etl#Pw2x@DWPROD', 'Etl#Pw2x'],
    ['imp userid="sys/Sys#Pw1x as sysdba" file=erp.dmp full=y', 'Sys#Pw1x'],
    ['exp userid=erp_ro/Exp#Pw1x@ERPPROD file=erp.dmp', 'Exp#Pw1x'],
    ['sqlplus -s etl_user/Sqlp#Pw1x@DWPROD @load.sql', 'Sqlp#Pw1x'],
  ]);
  sql.findsNothing(t, 'compiled-code', ['exp userid=scott/tiger@orcl file=emp.dmp', 'CONN scott/tiger', 'CONNECT sys/${SYS_PW}@ERPPROD AS SYSDBA', 'exp userid=etl/<password>@db', 'select exp (log_ret) as growth, revenue/total_cost_2 as ratio from t']);
  prose.findsNothing(t, 'free-text', ['We connect source/target systems nightly.', 'Connect dbt/Snowflake to the warehouse.', 'Then connect Read/Write;']);
});

t.test('"connect A/B." in a description is prose, its stop after the pair too; a logon after CONNECT is still one (red team 81)', async (t) => {
  prose.findsNothing(t, 'free-text', [
    'Use this model to connect Salesforce/HubSpot.',
    'Used to connect ERP/CRM.',
    'Bridge table to connect Accounts/Opportunities, one row per pair.',
    'exp docs/Import.',
  ]);
  sql.finds(t, 'compiled-code', [['CONNECT etl_ro/Rd0nly#2024@ERPPROD', 'Rd0nly#2024']]);
});
