/**
 * pgpass-line: a line of PostgreSQL's password file, `host:port:database:user:password`, with `*`
 * in any of the first four fields; times, IPv6 addresses, colon-joined ids and URLs are no such line.
 * Each case names the exact secret, or none; labels never show one.
 */
import { pgpassDetector } from '../../src/detectors/pgpass.js';
import { checkDetector as check } from './detector-cases.js';

check(pgpassDetector, [
  { label: 'a line in prose', text: 'To connect locally add this line to ~/.pgpass: db.example.com:5432:analytics:dbt_user:S3cr3t!pw', secrets: ['S3cr3t!pw'] },
  { label: 'wildcards in host, port and database', text: '~/.pgpass\n```\n*:*:*:dbt_user:Vx9qLm2Rt8\n```', secrets: ['Vx9qLm2Rt8'] },
  { label: "Redshift's port, a wildcard database", text: 'warehouse.acme.io:5439:*:etl:Kp4#zWq7Ln', secrets: ['Kp4#zWq7Ln'] },
  { label: 'an IPv4 host', text: '10.0.4.12:5432:dw:loader:Hq7!vLm2Zt', secrets: ['Hq7!vLm2Zt'] },
  { label: 'an escaped colon stays in the password', text: 'db:5432:dw:etl:Ab\\:9xQ#m2', secrets: ['Ab\\:9xQ#m2'] },
  { label: "a sentence's punctuation after the line", text: '(pgpass: db.acme.io:6432:*:loader:Zt8#Lq2Wv9).', secrets: ['Zt8#Lq2Wv9'] },
  { label: 'two lines', text: 'db1:5432:*:etl:Qw3#Lm8vTz\ndb2:5432:*:etl:Rt6!Xn2kPq', secrets: ['Qw3#Lm8vTz', 'Rt6!Xn2kPq'] },
  { label: 'a time', text: 'run at 12:30:45 daily', secrets: [] },
  { label: 'a time with fractions', text: '2024-01-01T12:30:45:123:456Z', secrets: [] },
  { label: 'an IPv6 address', text: 'host fe80::1ff:fe23:4567:890a is the replica', secrets: [] },
  { label: 'a MAC address', text: '00:11:22:33:44:55', secrets: [] },
  { label: 'a colon-joined id', text: 'id a:b:c:d:e and urn:li:dataset:snowflake:db', secrets: [] },
  { label: 'a URL', text: 'see https://docs.acme.io:443/a:b:c:d:e', secrets: [] },
  { label: 'an ARN', text: 'arn:aws:iam::123456789012:role/dbt', secrets: [] },
  { label: "the file's header comment", text: '# hostname:port:database:username:password', secrets: [] },
  { label: "a container's default", text: 'localhost:5432:postgres:postgres:postgres', secrets: [] },
  { label: 'a gap to fill', text: 'db:5432:dw:etl:<your password>', secrets: [] },
  { label: 'an environment variable', text: 'db:5432:dw:etl:${PGPASSWORD}', secrets: [] },
  { label: 'masked', text: 'db.example.com:5432:analytics:dbt_user:****', secrets: [] },
  { label: 'a wildcard password', text: 'db.example.com:5432:analytics:dbt_user:*', secrets: [] },
  { label: 'a port out of range', text: 'db.example.com:99999:analytics:dbt_user:Hq7!vLm2Zt', secrets: [] },
]);
