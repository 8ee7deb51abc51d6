import { runResults } from '../helpers.js';
import { ruleTester } from './harness.js';
import { PASSWORD, STRIPE } from './secrets.js';

const file = 'run_results.json';

ruleTester('cli-vars', {
  valid: [
    { name: 'harmless vars', file, artifact: runResults({ args: { vars: { start_date: '2024-01-01', limit: 10 }, which: 'run' } }) },
    { name: 'dbt-scrubbed secret var', file, artifact: runResults({ args: { vars: { DBT_ENV_SECRET_TOKEN: '*****' }, invocation_command: "dbt run --vars '{\"DBT_ENV_SECRET_TOKEN\": \"*****\"}'" } }) },
    { name: 'paths and targets', file, artifact: runResults({ args: { profiles_dir: '/Users/ana/.dbt', target: 'prod', select: ['tag:nightly'] } }) },
  ],
  invalid: [
    { name: 'a password in the vars dict', file, artifact: runResults({ args: { vars: { db_password: PASSWORD } } }), secrets: [{ secret: PASSWORD, detector: 'secret-key-name' }] },
    {
      name: 'a token on the command line',
      file,
      artifact: runResults({ args: { invocation_command: `dbt run --vars '{"api_key": "${STRIPE}"}' --target prod` } }),
      secrets: [{ secret: STRIPE, detector: 'stripe-secret-key' }],
    },
    { name: 'vars as a YAML string', file, artifact: runResults({ args: { vars: `{db_password: ${PASSWORD}}` } }), secrets: [{ secret: PASSWORD, detector: 'password-assignment' }] },
    { name: 'run-operation args', file, artifact: runResults({ args: { args: { role: 'loader', password: PASSWORD } } }), secrets: [{ secret: PASSWORD, detector: 'secret-key-name' }] },
  ],
});
