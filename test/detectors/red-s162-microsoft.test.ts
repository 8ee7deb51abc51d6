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

t.test("the Cosmos DB emulator's key and the documented SAS example: nobody's secret", async (t) => {
  const probe = ruleProbe('emulator');
  probe.findsNothing(t, 'config-meta', [
    'AccountEndpoint=https://localhost:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
    'https://myaccount.blob.core.windows.net/sascontainer/sasblob.txt?sv=2019-02-02&st=2019-04-29T22%3A18%3A26Z&se=2019-04-30T02%3A23%3A26Z&sr=b&sp=rw&sip=168.1.5.60-168.1.5.70&spr=https&sig=Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D',
  ]);
  // another account's key stays one
  const key = 'Q2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';
  probe.finds(t, 'config-meta', [[`AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=${key}`, key]]);
});
