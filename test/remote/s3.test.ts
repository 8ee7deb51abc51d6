/**
 * s3:// roots against a real S3 server (s3rver on 127.0.0.1 and a free port): the cases every store passes and those
 * of what the scan makes of the objects it reads (suite.ts). The 600 MB object and a server that dies
 * mid-stream are s3-large.test.ts's, a process of its own: in this file they made it the suite's last test by a
 * minute, with one core idle.
 */
import t from 'tap';
import { startS3Store } from './s3-store.js';
import { storeSuite, uploadRuns } from './suite.js';

t.setTimeout(600_000);
const { store } = await startS3Store(t, 'acme-dbt');
const between = await uploadRuns(store, 'acme-dbt');

storeSuite(t, store, 'acme-dbt', between, 'all');
