/**
 * A password on a database client's command line, in a hook that shells out, a docs block or an
 * error that echoes the command: `mysql -u etl -pS3cret`, `sqlcmd -S h -U u -P '…'`, `bcp … -P …`,
 * `snowsql --password …`, `redis-cli -a …`, `sshpass -p …`, `beeline -n etl -p …`, Oracle's `sqlplus etl/…@ORCL`,
 * Db2's `connect to sample user db2inst1 using …`, Teradata BTEQ's `.logon tdpid/etl,…;`, OpenLDAP's `ldapsearch … -w …`,
 * PowerShell's `ConvertTo-SecureString "…" -AsPlainText -Force`. Each
 * client's own flag: `-P` is sqlcmd's password and mysql's port, `mysql -p db` asks for the password
 * and names a database. (`--password=…` is an assignment: password-assignment reads it for every client.)
 */
import type { Detector, DetectorMatch } from '../types.js';
import { isRealSecretValue } from './key-names.js';
import { charge, scanAll } from './work.js';

/** The clients whose password flags are read, by name (mysqldump, clickhouse-client, mongorestore …). */
const CLIENTS = String.raw`mysql(?:dump|admin|import|sh)?|mariadb(?:-dump)?|sqlcmd|bcp|osql|isql|snowsql|clickhouse(?:-client|\s{1,4}client)|mongosh|mongo(?:dump|export|import|restore)?|redis-cli|sshpass|vsql|hdbsql|sqlplus|sqlldr|expdp|impdp|beeline|connect\s{1,4}to|\.logon|ldap(?:search|modify|add|delete|modrdn|compare|whoami|passwd|exop)|convertto-securestring`;

const CLIENT = new RegExp(`(?<![\\w.-])(${CLIENTS})\\s{1,4}`, 'gi');

/** A value after a flag: quoted, or up to a space or what ends a shell word. */
const VALUE = `(?:'(?<q1>[^'\\n]{1,256})'|"(?<q2>[^"\\n]{1,256})"|(?<bare>[^\\s'"\`;|&<>(),]{1,256}))`;

/** Each client's password flags (case matters: `-P` is mysql's port). */
const FLAGS: readonly [RegExp, RegExp][] = [
  // glued only: `mysql -p dbname` prompts, and dbname is no password
  [/^(?:mysql|mariadb)/i, new RegExp(`(?<=\\s)-p${VALUE}`, 'g')],
  [/^(?:sqlcmd|bcp|osql|isql)$/i, new RegExp(`(?<=\\s)-P\\s{0,4}${VALUE}`, 'g')],
  [/^(?:snowsql|clickhouse)/i, new RegExp(`(?<=\\s)--password\\s{1,4}${VALUE}`, 'g')],
  [/^(?:mongo|hdbsql|sshpass)/i, new RegExp(`(?<=\\s)(?:-p|--password)\\s{1,4}${VALUE}`, 'g')],
  // Hive's beeline: `-n user -p password` (`-w` names a file that holds it)
  [/^beeline$/i, new RegExp(`(?<=\\s)-p\\s{1,4}${VALUE}`, 'g')],
  [/^redis-cli$/i, new RegExp(`(?<=\\s)(?:-a|--pass)\\s{1,4}${VALUE}`, 'g')],
  [/^vsql$/i, new RegExp(`(?<=\\s)-w\\s{1,4}${VALUE}`, 'g')],
  // Db2's CONNECT (its command line's, and an error that echoes the statement): `connect to sample user db2inst1 using …`
  [/^connect/i, new RegExp(`(?<=\\s)user\\s{1,4}[A-Za-z0-9_$#@.]{1,128}\\s{1,4}using\\s{1,4}${VALUE}`, 'gi')],
  // Teradata BTEQ's logon, `.LOGON tdpid/user,password;`
  [/^\.logon$/i, new RegExp(`^\\s(?:[A-Za-z0-9_.-]{1,128}/)?[A-Za-z0-9_$#@.]{1,128}\\s{0,4},\\s{0,4}${VALUE}`, 'g')],
  // OpenLDAP's clients: `-w` is the bind password (`-W` prompts for it, `-y` names a file that holds it)
  [/^ldap/i, new RegExp(`(?<=\\s)-w\\s{0,4}${VALUE}`, 'g')],
  // PowerShell's cmdlet, its first argument or -String's value; a password in clear only with -AsPlainText (see PLAIN_TEXT)
  [/^convertto/i, new RegExp(`(?:^\\s(?!-)|(?<=\\s)-String\\s{1,4})${VALUE}`, 'gi')],
  // Oracle's tools take the logon as one word, `user/password@service` (`userid=` for sqlldr, expdp, impdp)
  [/^(?:sqlplus|sqlldr|expdp|impdp)$/i, /(?<=\s)(?:userid=)?[A-Za-z][A-Za-z0-9_$#]{0,63}\/(?:"(?<q2>[^"\n]{1,256})"|(?<bare>[^\s'"`;|&<>(),\/@]{1,256}))(?=@|\s|$)/g],
];

/** ConvertTo-SecureString's switch that says its string is the password in clear (without it, the string is an encrypted standard string). */
const PLAIN_TEXT = /\s-AsPlainText(?![\w-])/i;

/** How far a command's flags are read after the client's name: one line, at most this long. */
const COMMAND_REACH = 400;

export const cliPasswordDetector: Detector = {
  id: 'cli-password-flag',
  title: "Password on a database client's command line",
  keywords: ['mysql', 'mariadb', 'sqlcmd', 'bcp', 'osql', 'isql', 'snowsql', 'clickhouse', 'mongo', 'redis-cli', 'sshpass', 'vsql', 'hdbsql', 'sqlplus', 'sqlldr', 'expdp', 'impdp', 'beeline', 'connect', '.logon', 'ldap', 'convertto-securestring'],
  // the client's name, then a space: `mysql://` URLs, `adapter: mysql` and `clickhouse_` names are not commands
  anchor: new RegExp(`(?:${CLIENTS})\\s`, 'iy'),
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    for (const m of scanAll(CLIENT, value)) {
      const client = m[1]!;
      const flags = FLAGS.find(([name]) => name.test(client))?.[1];
      if (!flags) continue;
      const from = m.index + m[0].length - 1;
      let command = value.slice(from, from + COMMAND_REACH);
      const lineEnd = command.indexOf('\n');
      if (lineEnd >= 0) command = command.slice(0, lineEnd);
      charge(command.length);
      const powershell = /^convertto/i.test(client);
      if (powershell && !PLAIN_TEXT.test(command)) continue;
      for (const f of scanAll(flags, command)) {
        const secret = f.groups!['q1'] ?? f.groups!['q2'] ?? f.groups!['bare']!;
        // another flag, or prose about the flag (`sqlcmd … -P option`): a bare lower-case word is no password here
        if (secret.startsWith('-') || (f.groups!['bare'] !== undefined && /^[a-z]{1,16}[.:!?]?$/.test(secret)) || !isRealSecretValue(secret)) continue;
        // PowerShell reads `$` as a variable, bare or in double quotes (`"$env:PW"`, `$plain`): the value is elsewhere
        if (powershell && f.groups!['q1'] === undefined && secret.startsWith('$')) continue;
        const start = from + f.index + f[0].length - secret.length - (f.groups!['bare'] === undefined ? 1 : 0);
        out.push({ detectorId: 'cli-password-flag', start, end: start + secret.length, description: `password flag of ${client.replace(/\s{1,4}/, ' ').toLowerCase()}` });
      }
    }
    return out;
  },
};
