import { manifest } from '../helpers.js';
import { ruleTester } from './harness.js';
import { PASSWORD, SLACK_BOT } from './secrets.js';

const DAPI = 'dapi8f3e2d1c0b9a88776655443322110fed';

ruleTester('raw-code', {
  valid: [
    { name: 'env_var templates', artifact: manifest({ nodes: { 'model.a.b': { raw_code: "{{ config(materialized='table') }}\ncreate user x password '{{ env_var(\"DBT_ENV_SECRET_PW\") }}'" } } }) },
    {
      name: 'package macros with keyword traps',
      artifact: manifest({
        macros: {
          'macro.elementary.create_user': { macro_sql: '{% macro create_user() %}\n  {% set password = elementary.generate_password() %}\n  create user u PASSWORD = $elementary_password\n{% endmacro %}' },
          'macro.dbt.x': { macro_sql: '{% macro x(password=none) %}{{ return(password) }}{% endmacro %}' },
        },
      }),
    },
    {
      name: 'a macro that builds CREATE USER with Jinja concatenation (issue 18, class 3)',
      artifact: manifest({
        macros: {
          'macro.a.create_reporting_user': {
            macro_sql: `{% macro create_reporting_user() %}\n  {% set q = "create user reporting identified by '" ~ var('reporting_pw') ~ "'" %}\n  {% do run_query(q) %}\n  {% do run_query("alter user etl set password = '" ~ env_var('DBT_ENV_SECRET_ETL_PW') ~ "'") %}\n{% endmacro %}`,
          },
        },
      }),
    },
  ],
  invalid: [
    {
      name: 'identified by in a model',
      artifact: manifest({ nodes: { 'model.a.grants': { unique_id: 'model.a.grants', original_file_path: 'models/grants.sql', raw_code: `alter user bi identified by '${PASSWORD}'` } } }),
      secrets: [{ secret: PASSWORD, detector: 'sql-password', originalFilePath: 'models/grants.sql' }],
    },
    {
      name: 'a Databricks token in a macro',
      artifact: manifest({ macros: { 'macro.a.call_api': { unique_id: 'macro.a.call_api', original_file_path: 'macros/call_api.sql', macro_sql: `{% set token = '${DAPI}' %}` } } }),
      secrets: [{ secret: DAPI, originalFilePath: 'macros/call_api.sql' }],
    },
    {
      name: 'a post-hook',
      artifact: manifest({ nodes: { 'model.a.b': { config: { 'post-hook': [{ sql: `call notify('${SLACK_BOT}')`, transaction: true, index: null }] } } } }),
      secrets: [{ secret: SLACK_BOT }],
    },
    {
      // red team 96: a function's config and a disabled node's are a node's: their hooks are code, read as a model's are
      name: "a function's pre-hook and a disabled model's post-hook",
      artifact: manifest({
        functions: { 'function.a.geo': { unique_id: 'function.a.geo', config: { 'pre-hook': [{ sql: `create secret (type http, bearer_token '${DAPI}')`, transaction: true, index: null }] } } },
        disabled: { 'model.a.old': [{ unique_id: 'model.a.old', config: { enabled: false, 'post-hook': [{ sql: `call notify('${SLACK_BOT}')`, transaction: true, index: null }] } }] },
      }),
      secrets: [{ secret: DAPI, uniqueId: 'function.a.geo' }, { secret: SLACK_BOT, uniqueId: 'model.a.old' }],
    },
  ],
});
