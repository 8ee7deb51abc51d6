/**
 * A password on a database client's command line, in a hook that shells out, a docs block or an
 * error that echoes the command: `mysql -u etl -pS3cret`, `sqlcmd -S h -U u -P '…'`, `bcp … -P …`,
 * `snowsql --password …`, `redis-cli -a …`, `sshpass -p …`, `beeline -n etl -p …`, Oracle's `sqlplus etl/…@ORCL`,
 * Db2's `connect to sample user db2inst1 using …`, Teradata BTEQ's `.logon tdpid/etl,…;`, OpenLDAP's `ldapsearch … -w …`,
 * PowerShell's `ConvertTo-SecureString "…" -AsPlainText -Force`; the tools of legacy warehouses and Windows hosts (red team 80):
 * Oracle's `orapki … -pwd …`, `mkstore … -createCredential tns user …`, `exp`/`imp`, SQL*Plus's `CONN user/…@tns`, Teradata's
 * `tdload … -p …`, Informatica's `pmcmd … -p …`, `az login … -p …`, `net use \\srv\share /user:x …`, `cmdkey /pass:…`,
 * `schtasks … /RP …`, SSIS's `dtexec … /De …`, `lftp -u user,…`; and the secret a Databricks CLI stores,
 * `databricks secrets put-secret <scope> <key> --string-value …` (red team 84). Each
 * client's own flag: `-P` is sqlcmd's password and mysql's port, `mysql -p db` asks for the password
 * and names a database. (`--password=…` is an assignment: password-assignment reads it for every client.)
 */
import type { Detector, DetectorMatch } from '../types.js';
import { isRealSecretValue, isSecretKeyName, isUuid, readsLikeAuthToken } from './key-names.js';
import { charge, scanAll } from './work.js';

/** The clients whose password flags are read, by name (mysqldump, clickhouse-client, mongorestore …). */
const CLIENTS = String.raw`mysql(?:dump|admin|import|sh)?|mariadb(?:-dump)?|sqlcmd|bcp|osql|isql|snowsql|clickhouse(?:-client|\s{1,4}client)|mongosh|mongo(?:dump|export|import|restore)?|redis-cli|sshpass|vsql|hdbsql|sqlplus|sqlldr|expdp|impdp|beeline|connect\s{1,4}to|\.logon|ldap(?:search|modify|add|delete|modrdn|compare|whoami|passwd|exop)|convertto-securestring|orapki|mkstore|exp|imp|conn(?:ect(?:ing)?)?|logon|tdload|pmcmd|az\s{1,4}login|net\s{1,4}use|cmdkey|schtasks|dtexec|lftp|databricks\s{1,4}secrets\s{1,4}put(?:-secret)?`;

const CLIENT = new RegExp(`(?<![\\w.-])(${CLIENTS})\\s{1,4}`, 'gi');

/**
 * A value after a flag: quoted, or up to a space or what ends a shell word. In quotes written twice (`''…''`) the command
 * is a literal of T-SQL's (`EXEC xp_cmdshell 'powershell … ''…'''`), which doubles a quote inside one: single quotes to the
 * shell. No space in it: `-P '' -S h ''` is two empty strings.
 */
const VALUE = `(?:''(?<q3>[^'\\s]{1,256})''|'(?<q1>[^'\\n]{1,256})'|"(?<q2>[^"\\n]{1,256})"|(?<bare>[^\\s'"\`;|&<>(),]{1,256}))`;
/** A word of a command that is not a flag (a wallet's TNS alias, a user). */
const WORD = String.raw`[^\s'"\`;|&<>(),/-][^\s'"\`;|&<>(),]{0,127}`;

/** Teradata's logon after BTEQ's LOGON, `tdpid/user,password`: the tdpid, then the user and the password. */
const TDPID = `[A-Za-z0-9_.-]{1,128}/`;
const TD_LOGON = `[A-Za-z0-9_$#@.]{1,128}\\s{0,4},\\s{0,4}${VALUE}`;
/** The same logon as a whole value (`TD_LOGON=tdpid/user,password`), an account's string after it (`,'acctid'`) and BTEQ's `;`. */
const LOGON_STRING = new RegExp(`^\\s{0,4}${TDPID}${TD_LOGON}(?:\\s{0,4},\\s{0,4}'[^'\\n]{0,128}')?\\s{0,4};?\\s{0,4}$`, 'd');

/** The password's span in a value that is Teradata's logon string as a whole (see namesLogon: a key says it is one), when there is one. */
export function logonStringPassword(value: string): { start: number; end: number } | undefined {
  const m = LOGON_STRING.exec(value);
  const { q1, q2, q3, bare } = m?.indices?.groups ?? {};
  const span = q3 ?? q1 ?? q2 ?? bare;
  return span && { start: span[0], end: span[1] };
}
/** Oracle's logon as one word, `user/password` (quoted or bare; `@service` may follow). */
const ORACLE_LOGON = String.raw`[A-Za-z][A-Za-z0-9_$#]{0,63}\/(?:"(?<q2>[^"\n]{1,256})"|(?<bare>[^\s'"\`;|&<>(),\/@]{1,256}))`;

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
  [/^connect\s/i, new RegExp(`(?<=\\s)user\\s{1,4}[A-Za-z0-9_$#@.]{1,128}\\s{1,4}using\\s{1,4}${VALUE}`, 'gi')],
  // Teradata BTEQ's logon, `.LOGON tdpid/user,password;`; without the dot BTEQ reads a command only up to its semicolon
  // (`LOGON tdpid/user,password;`), which prose about a logon lacks
  [/^\.logon$/i, new RegExp(`^\\s(?:${TDPID})?${TD_LOGON}`, 'g')],
  // (the tdpid too: "each logon attempt, LogonFailure;" is prose, red team 83)
  [/^logon$/i, new RegExp(`^\\s${TDPID}${TD_LOGON}(?=\\s{0,4};)`, 'g')],
  // OpenLDAP's clients: `-w` is the bind password (`-W` prompts for it, `-y` names a file that holds it)
  [/^ldap/i, new RegExp(`(?<=\\s)-w\\s{0,4}${VALUE}`, 'g')],
  // PowerShell's cmdlet, its first argument or -String's value; a password in clear only with -AsPlainText (see PLAIN_TEXT)
  [/^convertto/i, new RegExp(`(?:^\\s(?!-)|(?<=\\s)-String\\s{1,4})${VALUE}`, 'gi')],
  // Oracle's tools take the logon as one word, `user/password@service` (`userid=` for sqlldr, expdp and impdp)
  [/^(?:sqlplus|sqlldr|expdp|impdp)$/i, new RegExp(`(?<=\\s)(?:userid=)?${ORACLE_LOGON}(?=@|\\s|$)`, 'g')],
  // and the older exp and imp, whose logon is their first word or `userid=`, its quotes holding ` as sysdba` too (`imp
  // userid="sys/… as sysdba"`): `exp` is a function of SQL too, `exp (a) as g, revenue/total_cost` no logon
  // (a service or a quote after it, or AS SYSDBA: "imp share/SOV2", "exp log_ret/n252" are prose and SQL, red team 83)
  [/^(?:exp|imp)$/i, new RegExp(`(?:^\\s|(?<=\\s)userid=["']?)${ORACLE_LOGON}(?=@|["']|\\s{1,4}as\\s{1,4}sys)`, 'gi')],
  // SQL*Plus's CONNECT (CONN), its logon the first word, then a service, AS SYSDBA or the statement's `;`: "connect
  // source/target systems", "Devices connect TCP/IPv4" (at a line's end, red team 83) are prose. A log's or a note's
  // `connecting as user/password@alias` (red team 86) says so too, with a service after it: the word `as`, then the logon
  [/^conn(?:ect)?$/i, new RegExp(`^\\s(?:as\\s{1,4})?${ORACLE_LOGON}(?=@|\\s{1,4}as\\s{1,4}sys|\\s{0,4};)`, 'gi')],
  [/^connecting$/i, new RegExp(`^\\sas\\s{1,4}${ORACLE_LOGON}(?=@[A-Za-z])`, 'gi')],
  // Oracle's wallet tools: orapki's `-pwd` is the wallet's password; mkstore's credential is `-createCredential tns user
  // password` (without the password it asks for it), a password's entry `-createEntry oracle.security.client.password1 …`
  // (not the entry of a connect string or a user name, red team 83)
  [/^orapki$/i, new RegExp(`(?<=\\s)-pwd\\s{1,4}${VALUE}`, 'gi')],
  [/^mkstore$/i, new RegExp(`(?<=\\s)-(?:create|modify)(?:credential\\s{1,4}${WORD}\\s{1,4}${WORD}|entry\\s{1,4}[\\w.-]{0,128}password\\d{0,4})\\s{1,4}${VALUE}`, 'gi')],
  // Teradata's Easy Loader: `-u user -p password` (the target's, as `--TargetUserPassword`; `--SourceUserPassword` for a database source)
  [/^tdload$/i, new RegExp(`(?<=\\s)(?:-p|--(?:Target|Source)UserPassword)\\s{1,4}${VALUE}`, 'g')],
  // Informatica's pmcmd: `-u user -p password`, `-password` (`-pv` names the environment variable that holds it)
  [/^pmcmd$/i, new RegExp(`(?<=\\s)-p(?:assword)?\\s{1,4}${VALUE}`, 'gi')],
  // Azure's CLI: a user's password or a service principal's secret (a certificate's file there too: see FILE_PATH)
  [/^az\s/i, new RegExp(`(?<=\\s)(?:-p|--password)\\s{1,4}${VALUE}`, 'g')],
  // Windows: `net use \\\\srv\\share [password] /user:domain\\name [password]` (`*` asks for it), cmdkey's `/pass:`,
  // schtasks' `/RP` (the run-as user's) and `/P` (the remote system's), dtexec's `/De[crypt]` (the package's password)
  // (the password after the share only where /user: follows it: `net use \\\\fs01\\Finance2024 Reports_Q3` is a path with a
  // space, red team 83)
  [/^net\s/i, new RegExp(`(?<=\\s)(?:/user:${WORD}|\\\\\\\\[^\\s'"]{1,256}(?=\\s{1,4}[^\\s/]{1,256}\\s{1,4}/user:))\\s{1,4}${VALUE}`, 'gi')],
  [/^cmdkey$/i, new RegExp(`(?<=\\s)/pass:${VALUE}`, 'gi')],
  [/^schtasks$/i, new RegExp(`(?<=\\s)/R?P\\s{1,4}${VALUE}`, 'gi')],
  [/^dtexec$/i, new RegExp(`(?<=\\s)[/-]De(?:crypt)?\\s{1,4}${VALUE}`, 'gi')],
  // lftp's `-u user,password` (without the comma it asks); not anonymous FTP's, whose password is by convention an
  // e-mail address or the user again (`-u anonymous,dataops@acme.com`, red team 83)
  [/^lftp$/i, new RegExp(`(?<=\\s)-u\\s{1,4}(?!(?:anonymous|ftp),)[^\\s,'"]{1,128},${VALUE}`, 'g')],
  // the Databricks CLI's `secrets put-secret <scope> <key> --string-value …` (the legacy CLI's `secrets put --scope s --key k
  // --string-value …`): the value is the secret itself, whatever its key is named; without the flag the CLI asks for it.
  // (Only there: `--string-value` is other tools' flag for any setting's value, `aws ssm put-parameter … --string-value`.)
  [/^databricks/i, new RegExp(`(?<=\\s)--string-value(?:\\s{1,4}|=)${VALUE}`, 'g')],
];

/**
 * A value stored in a Databricks secret scope that is a secret: any under a secret's key (`put-secret <scope> erp-password`,
 * `--key erp-password`: `saffron-cobalt-7423`, red team 84); under another key a password (both cases, and a digit or a
 * symbol) or a token (readsLikeAuthToken), not a UUID (an Azure tenant's or a service principal's id), nor a host or a
 * locator of lower-case names, digits and dots (`sftp.partner.io`, `acme-xy12345.eu-west-1`: red team 85).
 */
function readsLikeScopeSecret(v: string, before: string): boolean {
  const m = SCOPE_KEY.exec(before);
  const key = m?.[1] ?? m?.[2];
  if (key !== undefined && isSecretKeyName(key)) return true;
  if (isUuid(v) || /^[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}$/.test(v)) return false;
  return readsLikeAuthToken(v) || (/[a-z]/.test(v) && /[A-Z]/.test(v) && /[^A-Za-z]/.test(v));
}

/** The key a Databricks secret is stored under, in the command before its value (after the client's name): `<scope> <key>`, or `--key <key>`. */
const SCOPE_KEY = /^\s{0,4}(?!-)[^\s'"]{1,128}\s{1,4}['"]?([A-Za-z0-9_.-]{1,128})|--key(?:\s{1,4}|=)['"]?([A-Za-z0-9_.-]{1,128})/;

/** ConvertTo-SecureString's switch that says its string is the password in clear (without it, the string is an encrypted standard string). */
const PLAIN_TEXT = /\s-AsPlainText(?![\w-])/i;

/** A file's path (home, relative or a drive's) or a key's or certificate's file name: where a credential is kept, not one. */
const FILE_PATH = /^(?:~|\.{1,2}[/\\]|[A-Za-z]:\\)|\.(?:pem|crt|cer|pfx|p12|key|txt)$/i;

/** How far a command's flags are read after the client's name: one line, at most this long. */
const COMMAND_REACH = 400;

export const cliPasswordDetector: Detector = {
  id: 'cli-password-flag',
  title: "Password on a database client's command line",
  keywords: [
    'mysql', 'mariadb', 'sqlcmd', 'bcp', 'osql', 'isql', 'snowsql', 'clickhouse', 'mongo', 'redis-cli', 'sshpass', 'vsql', 'hdbsql', 'sqlplus', 'sqlldr', 'expdp', 'impdp', 'beeline',
    'connect', 'logon', 'ldap', 'convertto-securestring', 'orapki', 'mkstore', 'tdload', 'pmcmd', 'cmdkey', 'schtasks', 'dtexec', 'lftp',
    // short words with the space the anchor needs after them: `exp`, `imp`, `conn`, `az`, `net` begin too many words (`export`, `network`);
    // `databricks` alone is every Databricks project's adapter type
    'exp ', 'imp ', 'conn ', 'az login', 'net use', 'databricks secrets',
  ],
  // the client's name, then a space: `mysql://` URLs, `adapter: mysql` and `clickhouse_` names are not commands
  // (or a quote and a comma: the first word of a command given as a list, see listCommands)
  anchor: new RegExp(`(?:${CLIENTS})(?:\\s|(?:\\.exe)?['"]\\s{0,4},)`, 'iy'),
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
      for (const { at, secret } of flagSecrets(client, command, flags)) out.push(flagMatch(client, from + at, secret));
    }
    if (value.includes('[')) listCommands(value, out);
    return out;
  },
};

/** A match of a flag's secret at `start` (see flagSecrets). */
function flagMatch(client: string, start: number, secret: string): DetectorMatch {
  const tool = client.replace(/\s{1,4}/g, ' ').toLowerCase();
  // (a Databricks secret may be a token or a key as well as a password)
  const flag = /^databricks/i.test(client) ? 'secret value flag' : 'password flag';
  return { detectorId: 'cli-password-flag', start, end: start + secret.length, description: `${flag} of ${tool}` };
}

/** The secrets of a client's password flags in `command` (a space before its first word), each where it begins there. */
function flagSecrets(client: string, command: string, flags: RegExp): { at: number; secret: string }[] {
  const powershell = /^convertto/i.test(client);
  if (powershell && !PLAIN_TEXT.test(command)) return [];
  const found: { at: number; secret: string }[] = [];
  for (const f of scanAll(flags, command)) {
    const { q1, q2, q3, bare } = f.groups!;
    const secret = q3 ?? q1 ?? q2 ?? bare!;
    // another flag (`-x`, Windows' `/x`), prose about the flag (`sqlcmd … -P option`: a bare lower-case word is no password
    // here), or the file that holds the credential (`az login … -p ~/sp.pem`)
    if (/^[-/]/.test(secret) || (bare !== undefined && /^[a-z]{1,16}[.:!?]?$/.test(secret)) || FILE_PATH.test(secret) || !isRealSecretValue(secret)) continue;
    // PowerShell reads `$` as a variable, bare or in double quotes (`"$env:PW"`, `$plain`): the value is elsewhere
    if (powershell && q1 === undefined && q3 === undefined && secret.startsWith('$')) continue;
    // "connect Read/Write", "connect TCP/IP", "used to connect ERP/CRM.": after the English word (and exp's, imp's) a pair
    // of words is prose, a sentence's stop after it too (red team 81); a logon has more than letters
    if (bare !== undefined && /^(?:conn|exp|imp)/i.test(client) && /^[A-Za-z]{1,16}[.,;:!?]?$/.test(secret)) continue;
    // a Databricks scope keeps a job's settings beside its secrets: a tenant's or a client's id, a host, an account's
    // locator (red team 85); a password's or a token's shape is a secret
    if (/^databricks/i.test(client) && !readsLikeScopeSecret(secret, command.slice(0, f.index))) continue;
    found.push({ at: f.index + f[0].length - secret.length - (q3 !== undefined ? 2 : bare === undefined ? 1 : 0), secret });
  }
  return found;
}

/**
 * A command given as a list of words, as Python's subprocess takes one and its CalledProcessError prints it (`Command
 * '['sqlcmd', '-S', 'tcp:…', '-U', 'etl', '-P', '…']' returned non-zero exit status 1.`: red team 162): its words read
 * as the command line they make, each word one argument whatever it holds (quoted, a flag's glued value too: `-p'…'`), a
 * secret only a whole word's (or a glued flag's whole value: review 163), found where that word is.
 */
export const LIST_CLIENT = new RegExp(`\\[\\s{0,32}(['"])(?:[^'"\\n\\]]{0,128}[/\\\\])?(${CLIENTS})(?:\\.exe)?\\1\\s{0,32},`, 'gi');
const LIST_WORD = /\s{0,32}(?:'([^'\n]{0,256})'|"([^"\n]{0,256})")\s{0,32}([,\]])/y;
/** A word that is a flag alone (`-P`, `--password`, `/user:`), written bare; a short flag with its value glued (`-pS3cret`). */
const FLAG_WORD = /^(?:-{1,2}[A-Za-z][\w-]{0,40}|\/[A-Za-z]{1,16}:?)$/;
const GLUED_FLAG = /^-[A-Za-z](?=.)/;
/** The most words of a listed command read. */
const LIST_WORDS = 64;

function listCommands(value: string, out: DetectorMatch[]): void {
  for (const m of scanAll(LIST_CLIENT, value)) {
    const client = m[2]!;
    const flags = FLAGS.find(([name]) => name.test(client))?.[1];
    if (!flags) continue;
    // the command line the words make, and where each word's argument is in it and in the value
    let command = '';
    const places: { inCommand: number; inValue: number; length: number }[] = [];
    let at = m.index + m[0].length;
    for (let n = 0; n < LIST_WORDS; n++) {
      LIST_WORD.lastIndex = at;
      const word = LIST_WORD.exec(value);
      if (!word) break;
      const text = word[1] ?? word[2]!;
      const textAt = at + word[0].indexOf(word[1] !== undefined ? "'" : '"') + 1;
      // (a word that holds a quote of one kind is written in the other)
      const quote = text.includes("'") ? '"' : "'";
      if (FLAG_WORD.test(text)) {
        // (`-pS3cret` as it stands: a flag's name or a short flag with its value glued, `-pwd` orapki's flag)
        command += ` ${text}`;
        if (GLUED_FLAG.test(text)) places.push({ inCommand: command.length - text.length + 2, inValue: textAt + 2, length: text.length - 2 });
      } else if (GLUED_FLAG.test(text) && !text.includes(quote)) {
        command += ` ${text.slice(0, 2)}${quote}`;
        places.push({ inCommand: command.length, inValue: textAt + 2, length: text.length - 2 });
        command += `${text.slice(2)}${quote}`;
      } else if (!text.includes(quote)) {
        command += ` ${quote}`;
        places.push({ inCommand: command.length, inValue: textAt, length: text.length });
        command += `${text}${quote}`;
      } else command += " ''";
      at += word[0].length;
      if (word[3] === ']') break;
    }
    charge(command.length);
    for (const { at: found, secret } of flagSecrets(client, command, flags)) {
      // a word's whole argument, nothing across words
      const place = places.find((p) => p.inCommand === found && p.length === secret.length);
      if (place) out.push(flagMatch(client, place.inValue, secret));
    }
  }
}
