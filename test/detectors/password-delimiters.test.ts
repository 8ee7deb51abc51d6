/**
 * Session 29's red-team round: passwords that hold a URL's or a connection string's own delimiters
 * (`#`, `;`, `@`, `%`-escapes) are found whole, and SQL Server's `host:port;property=…` list is no
 * `user:password@`; nor is a cloud region's name in a password's place. Each case names the exact
 * secret, or none; labels never show one.
 */
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { urlPasswordDetector } from '../../src/detectors/connection-strings.js';
import { checkDetector as check } from './detector-cases.js';

check(urlPasswordDetector, [
  { label: 'a raw @ and # in a URL password: up to the last @', text: 'jdbc:mysql://etl:Pq#7@z;Lm9@db.acme.io:3306/dw', secrets: ['Pq#7@z;Lm9'] },
  { label: 'a raw @ in a SQLAlchemy URL password', text: 'postgresql+psycopg2://loader:Wx4@Lm9-q@pg.internal:5432/raw', secrets: ['Wx4@Lm9-q'] },
  { label: 'a raw @ in an Easy Connect password', text: 'jdbc:oracle:thin:etl/Ks#9@x2Lq@//db.acme.io:1521/ORCL', secrets: ['Ks#9@x2Lq'] },
  { label: "SQL Server's property list after host:port is no userinfo", text: 'jdbc:sqlserver://db.acme.io:1433;databaseName=dw;user=etl;password=Pa#ss;w0rd@2x;encrypt=true', secrets: [] },
  { label: "SQL Server's braced password after host:port is no userinfo", text: 'jdbc:sqlserver://db:1433;databaseName=dw;user=etl;password={Ab;c#1@9Zq}', secrets: [] },
  { label: 'an @ in a path is past the authority', text: 'https://etl:Zq8-vLm2x@files.acme.io/exports/a@b.csv', secrets: ['Zq8-vLm2x'] },
  { label: 'an e-mail in the query is past the authority', text: 'https://reports.acme.io:8443/share?to=ops@acme.io', secrets: [] },
  { label: 'a port and a fragment before an @', text: 'http://docs.acme.io:8080#install@step-2', secrets: [] },
  { label: "Oracle's JDBC URL with host:port:SID", text: 'jdbc:oracle:thin:etl/Ks9-x2Lq7w@db.acme.io:1521:ORCL', secrets: ['Ks9-x2Lq7w'] },
  { label: "Oracle's JDBC URL with a TNS description", text: 'jdbc:oracle:thin:etl/Ks9#x2@Lq7w@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db)(PORT=1521)))', secrets: ['Ks9#x2@Lq7w'] },
  { label: "Oracle's JDBC URL with Easy Connect: found once", text: 'jdbc:oracle:thin:etl/Ks9-x2Lq7w@//db.acme.io:1521/ORCL', secrets: ['Ks9-x2Lq7w'] },
  { label: "Oracle's JDBC URL with the demo login", text: 'jdbc:oracle:thin:scott/tiger@localhost:1521:XE', secrets: [] },
  { label: "Oracle's JDBC URL with a placeholder", text: 'jdbc:oracle:thin:etl/<password>@db.acme.io:1521:ORCL', secrets: [] },
  { label: "Oracle's JDBC URL without a user", text: 'jdbc:oracle:thin:@db.acme.io:1521:ORCL', secrets: [] },
  { label: "an AWS region where the password would be (a bucket's region)", text: 's3://acme-lake:eu-west-1@s3.amazonaws.com/exports/orders.parquet', secrets: [] },
  { label: 'a GovCloud region', text: 's3://acme-lake:us-gov-east-1@s3.us-gov-east-1.amazonaws.com/raw', secrets: [] },
  { label: "a Google Cloud region", text: 'gs://acme-lake:europe-west1@storage.googleapis.com/raw', secrets: [] },
  { label: 'a password that only begins like a region', text: 's3://loader:eu-west-1Zq8vLm2x@minio.acme.io/raw', secrets: ['eu-west-1Zq8vLm2x'] },
  { label: 'a region-like word with a password after it', text: 'https://etl:us-east-2-Kq9vLm2xTz@files.acme.io/in', secrets: ['us-east-2-Kq9vLm2xTz'] },  // a user that is an e-mail address with its @ unencoded (red team 103: Starburst Galaxy's users, a role after a /)
  { label: 'an e-mail address as the user, its @ unencoded', text: '-- trino://alice@acme.com:Vq8rT2mXw9pL4kZs@acme-prod.trino.galaxy.starburst.io:443/hive', secrets: ['Vq8rT2mXw9pL4kZs'] },
  { label: "Starburst Galaxy's address and role as the user", text: 'trino://svc_dbt@acme.com/accountadmin:Vq8rT2mXw9pL4kZa@acme-prod.trino.galaxy.starburst.io:443', secrets: ['Vq8rT2mXw9pL4kZa'] },
  { label: 'an address with a + and a subdomain as the user', text: 'postgresql://dbt+prod@mail.acme.co.uk:Vq8r%40T2mXw9@db.acme.com:5432/x', secrets: ['Vq8r%40T2mXw9'] },
  { label: 'an address as the user, a placeholder password', text: 'trino://alice@acme.com:<password>@host.io:443', secrets: [] },
  { label: 'an address as the user, a template password', text: 'https://bob@acme.com:${PASS}@host.io', secrets: [] },
  { label: 'an address as the user, a port, an address in the query', text: 'https://alice@acme.com:8443/x?to=b@c.io', secrets: [] },
  { label: 'a port after the address, then an @', text: 'smtp://alerts@acme.com:587@relay.acme.com', secrets: [] },
  { label: 'a path after the host, then an @', text: 'ssh://git@github.com:acme/repo.git@v1.2', secrets: [] },
  { label: 'no dot in the domain: no address', text: 'trino://alice@localhost:Vq8rT2mXw9pL4kZs@x.io', secrets: [] },
  // red team 107: a raw @ in the password, after an address as the user (the rest was shown as the host), and decoys
  { label: 'an address as the user, a raw @ in the password: up to the last @', text: 'trino://alice@acme.com:Summer@2024xyzQ@trino.acme.io:443', secrets: ['Summer@2024xyzQ'] },
  { label: 'an address and a role as the user, a raw @ in the password', text: 'trino://svc@acme.com/accountadmin:Kq7@Wm2zPx9v@acme.trino.galaxy.starburst.io:443', secrets: ['Kq7@Wm2zPx9v'] },
  { label: 'an address as the user, a password with a raw @ and a short head', text: 'trino://alice@acme.com:P@ssw0rd!Zk9@trino.acme.io:443', secrets: ['P@ssw0rd!Zk9'] },
  { label: 'an address as the user, an address in the password', text: 'trino://alice@acme.com:Zx8@acme.com@trino.acme.io', secrets: ['Zx8@acme.com'] },
  { label: 'a version and a word after an address', text: 'pkg://dbt-labs@getdbt.com:1.9.0@pypi, pkg://dbt-labs@getdbt.com:latest@pypi', secrets: [] },
  { label: 'a chat room after an address', text: 'xmpp://support@acme.com:chat@conference.acme.com', secrets: [] },
  { label: "an environment variable's name after an address", text: 'trino://alice@acme.com:TRINO_PASSWORD@trino.acme.io', secrets: [] },
  { label: 'a list of addresses', text: 'https://alice@acme.com:bob@acme.com:carol@acme.com', secrets: [] },
]);

check(assignmentDetector, [
  { label: "a raw # in a URL query's password", text: 'jdbc:snowflake://acme.snowflakecomputing.com/?user=etl&password=Zx9#Kp2@Lw5%25q&db=dw', secrets: ['Zx9#Kp2@Lw5%25q'] },
  { label: 'percent-escapes in a query password stay in the span', text: 'jdbc:postgresql://db.acme.io:5432/dw?user=etl&password=Xy%23z9%40Lm2q&ssl=true', secrets: ['Xy%23z9%40Lm2q'] },
  { label: "SQL Server's property list: the password up to its ;", text: 'jdbc:sqlserver://db.acme.io:1433;databaseName=dw;user=etl;password=Pa#ss;encrypt=true', secrets: ['Pa#ss'] },
  { label: 'lower-case words joined by # name a page and its section', text: 'see token=setup#tokens in the runbook', secrets: [] },
  { label: 'the same in a URL query', text: 'https://wiki.acme.io/page?token=setup#tokens', secrets: [] },
  { label: 'a # in a value with digits or capitals is still found', text: 'token=Zq8vLm2xRt9w#frag and password=pa#ss9word', secrets: ['Zq8vLm2xRt9w#frag', 'pa#ss9word'] },
  { label: "SQL Server's braced password, whole", text: 'jdbc:sqlserver://db:1433;databaseName=dw;user=etl;password={Ab;c#1@9Zq}', secrets: ['Ab;c#1@9Zq'] },
  { label: 'an ODBC braced password, whole', text: 'Driver={ODBC Driver 18 for SQL Server};Server=db;Uid=etl;Pwd={Pa;ss#w0rd@x9};Encrypt=yes', secrets: ['Pa;ss#w0rd@x9'] },
  { label: "an unbraced password with a ;: the part a driver reads, though short alone", text: 'Driver={ODBC Driver 18 for SQL Server};Server=erp;Uid=etl;Password=Lm8;Tz4#rQ;Encrypt=yes', secrets: ['Lm8'] },
  { label: 'the same in a property list ending at the fragment', text: 'Data Source=sql01;User ID=etl;Pwd=Rt5;Wq8x', secrets: ['Rt5'] },
  { label: "a placeholder's part before the ;", text: 'Server=sql01;Uid=etl;Pwd=xxx;yyy;Database=dw', secrets: [] },
  { label: 'lower-case settings joined by ;', text: 'Server=sql01;Password=required;optional;Database=dw', secrets: [] },
  { label: 'a short value before the next property', text: 'Server=sql01;Uid=etl;Pwd=abc;Database=dw', secrets: [] },
  { label: 'a short value before prose', text: 'Server=sql01;Uid=etl;Password=abc; then restart', secrets: [] },
  { label: 'not a password key', text: 'sort key=id;name;email', secrets: [] },
  // red team 101: a query's `&` in a password; what follows it up to the next `&` is no parameter (no `=`)
  { label: "an unencoded & in a query password: the part a driver reads, judged with its rest", text: 'jdbc:snowflake://acme.snowflakecomputing.com/?user=dbt&password=Cobalt&Copper88&warehouse=TRANSFORMING', secrets: ['Cobalt'] },
  { label: 'the same at the query\'s end', text: 'postgresql://db.acme.io/dw?user=etl&password=Harbor&Lights-77', secrets: ['Harbor'] },
  // red team 100: a word of letters alone is the password where the URL's user is beside it (isDriverPassword)
  { label: "a word before the next parameter, the user's beside it in a JDBC URL", text: 'jdbc:snowflake://acme.snowflakecomputing.com/?user=dbt&password=Cobalt&warehouse=TRANSFORMING', secrets: ['Cobalt'] },
  { label: 'a word before the next parameter, no user beside it', text: 'jdbc:snowflake://acme.snowflakecomputing.com/?password=Cobalt&warehouse=TRANSFORMING', secrets: [] },
  { label: 'a lower-case flag with no value after a word', text: 'jdbc:postgresql://db.acme.io/dw?user=etl&password=changeme&ssl&sslmode=require', secrets: [] },
  { label: 'a placeholder before a fragment of capitals', text: 'https://db.acme.io/?user=etl&password=xxx&YYY', secrets: [] },
  { label: 'a query placeholder with a fragment after it', text: 'https://api.acme.io/v1/export?token=${EXPORT_TOKEN}#rows', secrets: [] },
]);
