/**
 * Red team 157 (a multi-adapter shop's target): ClickHouse's remote() and remoteSecure() take `db.table` as one argument
 * quoted as well as bare (`remoteSecure('host:9440', 'dims.customers', 'reader', '…')`): the user and the password are
 * then one place earlier. A database's name alone (`'analytics'`) has no dot: the five-argument form stays as it was.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PASSWORD = 'Xw3kR8pQ2mN6vB1z';
const SYMBOLS = 'Vq7#pLm2xR9!tK4w';

t.test("remote()'s password after a quoted db.table", async (t) => {
  const probe = ruleProbe('compiled_code');
  probe.finds(t, 'compiled-code', [
    [`select * from remoteSecure('ch-prod-01.acme-analytics.io:9440', 'dims.customers', 'reader', '${PASSWORD}')`, PASSWORD],
    [`select * from remote('ch-prod-01.acme-analytics.io:9000', 'dims.customers', 'reader', '${SYMBOLS}')`, SYMBOLS],
    [`select * from remote('ch-1:9000', 'dims.customers', 'reader', '${PASSWORD}', rand())`, PASSWORD],
    // the five-argument form as before, a quoted database's name with a dot too (review 161)
    [`select * from remote('ch-1:9000', 'dims', 'customers', 'reader', '${PASSWORD}')`, PASSWORD],
    [`select * from remote('ch-1:9000', 'my.db', 'customers', 'reader', '${PASSWORD}')`, PASSWORD],
  ]);
  probe.findsNothing(t, 'compiled-code', [
    // the user's name is not a password, nor a table's name
    `select * from remote('ch-1:9000', 'dims.customers', 'reader')`,
    `select * from remote('ch-1:9000', 'dims.customers', 'reader', '')`,
    `select * from remote('ch-1:9000', 'dims', 'customers', 'reader')`,
  ]);
});
