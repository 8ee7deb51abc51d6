/**
 * Red team 162 (a Microsoft shop's target): a client's password in a command given as a list of words, as Python's
 * CalledProcessError prints one (`Command '['sqlcmd', …, '-P', '…']' returned non-zero exit status 1.`); the Azure Cosmos
 * DB emulator's published key and the signature of Azure Storage's documented SAS example are nobody's secret.
 */
import t from 'tap';
import { markedInRaw, ruleProbe } from './rule-probe.js';

// made up for this test
const PASSWORD = 'Sq1cmdAbcdefGH12';
const LISTED = [
  `Command '['sqlcmd', '-S', 'tcp:acme-sql-prod.database.windows.net,1433', '-d', 'edw', '-U', 'etl_loader', '-P', '${PASSWORD}', '-Q', 'EXEC etl.refresh_sales']' returned non-zero exit status 1.`,
  `subprocess.CalledProcessError: Command '['/opt/mssql-tools18/bin/bcp', 'dbo.sales', 'in', 'sales.csv', '-S', 'h', '-U', 'etl', '-P', '${PASSWORD}']' returned non-zero exit status 1.`,
  `subprocess.run(["/usr/bin/mysql", "-u", "etl", "-p${PASSWORD}", "analytics"])`,
];

t.test('a password flag in a command given as a list of words', async (t) => {
  const probe = ruleProbe('message');
  probe.finds(t, 'run-messages', LISTED.map((text) => [text, PASSWORD] as const));
  probe.findsNothing(t, 'run-messages', [
    "Command '['sqlcmd', '-S', 'h', '-U', 'etl', '-P']' returned non-zero exit status 1.",
    "Command '['bcp', 'dbo.t', 'in', 'f.csv', '-S', 'h', '-T']' returned non-zero exit status 1.",
    "Command '['mysql', '-p', 'analytics']' returned non-zero exit status 1.",
  ]);
  // the raw JSON text marks them, double quotes escaped
  for (const text of LISTED) t.ok(markedInRaw('message', text), `${text.slice(0, 40)}: marked`);
});

t.test('each word of a listed command is one argument: the whole word is the password, nothing across words (review 163)', async (t) => {
  const probe = ruleProbe('message');
  probe.finds(t, 'run-messages', [
    ["Command '['sqlcmd', '-S', 'h', '-U', 'u', '-P', 'Xy7pQ2wLm9;Ab&cd']' returned non-zero exit status 1.", 'Xy7pQ2wLm9;Ab&cd'],
    ["Command '['sqlcmd', '-P', 'Xy7pQ2(wLm9)Ab']' returned non-zero exit status 1.", 'Xy7pQ2(wLm9)Ab'],
    ["Command '['mysql', '-u', 'x', '-pXy7pQ2w|Lm9<x>']' returned non-zero exit status 1.", 'Xy7pQ2w|Lm9<x>'],
    ["Command '['sqlcmd', '-P', 'K9m,2xYq7Lp4']' returned non-zero exit status 1.", 'K9m,2xYq7Lp4'],
    [`Command '['sqlcmd', '-S', 'h', '-P', "Xy7'pQ2wLm9"]' returned non-zero exit status 1.`, "Xy7'pQ2wLm9"],
    ['subprocess.run([\n        "sqlcmd",\n        "-S",\n        "h",\n        "-P",\n        "Xy7pQ2wLm9Ab",\n    ])', 'Xy7pQ2wLm9Ab'],
  ]);
  probe.findsNothing(t, 'run-messages', [
    "Command '['sqlcmd', 'x -P', 'Xy7pQ2wLm9', 'd e']' returned non-zero exit status 1.",
    "Command '['sqlcmd', '-Q', 'select 1 -P Xy7pQ2wLm9']' returned non-zero exit status 1.",
  ]);
});

t.test("the Cosmos DB emulator's key and the documented SAS example: nobody's secret", async (t) => {
  const probe = ruleProbe('emulator');
  probe.findsNothing(t, 'config-meta', [
    'AccountEndpoint=https://localhost:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
    'https://myaccount.blob.core.windows.net/sascontainer/sasblob.txt?sv=2019-02-02&st=2019-04-29T22%3A18%3A26Z&se=2019-04-30T02%3A23%3A26Z&sr=b&sp=rw&sip=168.1.5.60-168.1.5.70&spr=https&sig=Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D',
  ]);
  // …under a connection string's or a SAS's name too (review 163)
  ruleProbe('cosmos_connection_string').findsNothing(t, 'config-meta', ['AccountEndpoint=https://localhost:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==;']);
  ruleProbe('sas_token').findsNothing(t, 'config-meta', [
    'sv=2019-02-02&st=2019-04-29T22%3A18%3A26Z&se=2019-04-30T02%3A23%3A26Z&sr=b&sp=rw&sip=168.1.5.60-168.1.5.70&spr=https&sig=Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D',
  ]);
  ruleProbe('sas_token').finds(t, 'config-meta', [[
    'sv=2019-02-02&st=2019-04-29T22%3A18%3A26Z&se=2029-04-30T02%3A23%3A26Z&sr=b&sp=rw&spr=https&sig=Y%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D',
    'Y%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D',
  ]]);
  // another account's key stays one
  const key = 'Q2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
  probe.finds(t, 'config-meta', [[`AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=${key}`, key]]);
});
