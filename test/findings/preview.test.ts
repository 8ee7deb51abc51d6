/**
 * The previews of connection strings (findings/preview.ts): who and where, never the password. A URL
 * shows scheme, user and host; Go's MySQL DSN, Oracle's Easy Connect and Oracle's JDBC URL show the
 * same from their own shapes; a user that is itself a token is masked too. Each case's password is
 * what the url-password detector reports, and no preview holds it.
 */
import t from 'tap';
import { urlPasswordDetector } from '../../src/detectors/connection-strings.js';
import { previewOf } from '../../src/findings/preview.js';

const cases: { text: string; preview: string }[] = [
  { text: 'postgresql://transformer:Qm7vX2pLk9RtWz4N@warehouse.internal:5432/dw', preview: 'postgresql://transformer:****@warehouse.internal' },
  { text: 'trino://svc_dbt@acme.com/accountadmin:Vq8rT2mXw9pL4kZa@acme-prod.trino.galaxy.starburst.io:443', preview: 'trino://svc_dbt@acme.com/accountadmin:****@acme-prod.trino.galaxy.starburst.io' },
  { text: 'trino://alice@acme.com:Summer@2024xyzQ@trino.acme.io:443', preview: 'trino://alice@acme.com:****@trino.acme.io' },
  { text: 'replica: loader:Lq7-vKe2Wm9xTn@tcp(db-replica.acme.io:3306)/orders?parseTime=true', preview: 'loader:****@tcp(db-replica.acme.io:3306)' },
  { text: 'unix socket: app:Zq8vLm2xRt9w@unix(/var/run/mysqld/mysqld.sock)/app', preview: 'app:****@unix(/var/run/mysqld/mysqld.sock)' },
  { text: 'sqlplus etl/Or4-Mv7qZx2@//ora.acme.io:1521/ORCLPDB1 @load.sql', preview: 'etl/****@//ora.acme.io:1521' },
  { text: 'url: jdbc:oracle:thin:etl/Ks9-x2Lq7w@db.acme.io:1521:ORCL', preview: 'jdbc:oracle:thin:etl/****@db.acme.io:1521' },
  { text: 'jdbc:oracle:thin:etl/Ks9#x2@Lq7w@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521)))', preview: '****' },
  { text: 'https://ghp_R8x2Qm7vLk9TzW4nB6yP1sD3fG5hJ0aC2eK7:Zq8vLm2xRt9wKp4n@github.com/acme/repo.git', preview: 'https://****:****@github.com' },
  // a token as the whole userinfo (red team 124)
  { text: 'git clone https://Xk9mPq2vLr7wNs4tZZ8aQ2b7Yc3Rd5Tf9Hg1Jk4L@gitlab.acme.io/a/b.git', preview: 'https://****@gitlab.acme.io' },
];

t.test('a connection string shows who and where, never the password', async (t) => {
  for (const { text, preview } of cases) {
    const matches = urlPasswordDetector.detect(text, { key: undefined });
    t.equal(matches.length, 1, `one password in ${preview}`);
    const m = matches[0]!;
    const shown = previewOf({ value: text, start: m.start, end: m.end, detectorId: m.detectorId, key: undefined });
    t.equal(shown, preview);
    t.notOk(shown.includes(text.slice(m.start, m.end)), `${preview}: no password in it`);
  }
});

// A webhook's preview: its host and the route words the format writes out, never a segment of the token,
// even when the workspace id happens to be all letters (red team 89: `services/TRMEJVDIS/****`)
t.test('a webhook shows its host and fixed route, never its workspace id', async (t) => {
  for (const team of ['TRMEJVDIS', 'T0IJQF7WLB']) {
    const value = `https://hooks.slack.com/services/${team}/BCJPA6S86V8/9MVzAZoLglj4YvaNoaoTp8Pd`;
    const shown = previewOf({ value, start: 0, end: value.length, detectorId: 'slack-webhook-url', key: undefined });
    t.equal(shown, 'https://hooks.slack.com/services/****', team);
  }
  const workflow = 'https://hooks.slack.com/workflows/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';
  t.equal(previewOf({ value: workflow, start: 0, end: workflow.length, detectorId: 'slack-webhook-url', key: undefined }), 'https://hooks.slack.com/workflows/****');
});

// A Spark property's preview: its name as written, quoted in an OPTIONS clause (red team 103), never the value
t.test('a Spark property shows its name, quoted as written', async (t) => {
  const secret = 'Rk2Tq9ZmWv4Lp7Xc1Bn8Hs3Jd6Fg0YaEuQiOwPlK';
  const cases: { text: string; preview: string }[] = [
    { text: `spark.hadoop.fs.s3a.secret.key ${secret}`, preview: 'spark.hadoop.fs.s3a.secret.key ****' },
    { text: `OPTIONS (path 's3a://acme/x/', 'fs.s3a.secret.key' '${secret}')`, preview: "'fs.s3a.secret.key' '****'" },
    { text: `OPTIONS (fs.s3a.secret.key "${secret}")`, preview: 'fs.s3a.secret.key "****"' },
  ];
  for (const { text, preview } of cases) {
    const start = text.indexOf(secret);
    t.equal(previewOf({ value: text, start, end: start + secret.length, detectorId: 'spark-conf-line', key: undefined }), preview);
  }
});

// red team 119: an Azure SAS's preview was `****` alone; the storage endpoint it opens is what a reader looks for
t.test("an Azure SAS shows the storage endpoint it opens, else its parameter; never the signature", async (t) => {
  const sig = 'Qm9vZ3VzU2lnbmF0dXJlVmFsdWVGb3JUZXN0aW5nMTIzNDU2Nzg%3D';
  const shown = (text: string) => {
    const start = text.indexOf(sig);
    return previewOf({ value: text, start, end: start + sig.length, detectorId: 'azure-sas-token', key: undefined });
  };
  t.equal(shown(`https://acmelake.blob.core.windows.net/landing/x.parquet?sv=2022-11-02&sp=rl&sig=${sig}`), 'https://acmelake.blob.core.windows.net/****');
  t.equal(shown(`wasbs://acme.dfs.core.windows.net?sv=2022-11-02&sig=${sig}`), 'wasbs://acme.dfs.core.windows.net/****');
  // the query alone, or a URL before it that is another (a space between), or a host of no Azure storage's
  t.equal(shown(`sv=2022-11-02&sp=rl&sig=${sig}`), 'sig=****');
  t.equal(shown(`see https://acmelake.blob.core.windows.net/x then sv=2022-11-02&sig=${sig}`), 'sig=****');
  t.equal(shown(`https://files.acme.io/x?sv=2022-11-02&sig=${sig}`), 'sig=****');
});
