/** Issue 18, class 5: a dbt Python model's code, with exact positions as for SQL. */
import { manifest } from '../helpers.js';
import { ruleTester } from './harness.js';

const code = (body: string) => `import requests\n\ndef model(dbt, session):\n    dbt.config(materialized="table")\n${body}\n    return df\n`;
const pythonModel = (body: string) => ({ 'model.a.py_model': { unique_id: 'model.a.py_model', language: 'python', original_file_path: 'models/py_model.py', compiled_code: code(body) } });

ruleTester('compiled-code', {
  valid: [
    {
      name: 'secrets looked up at run time',
      artifact: manifest({
        nodes: pythonModel(
          '    key = dbutils.secrets.get(scope="kv-prod", key="storage-account-key")\n    spark.conf.set("fs.azure.account.key.acmelake.dfs.core.windows.net", key)\n    pw = os.getenv("SNOWFLAKE_PASSWORD", "")\n    df = session.table("raw.orders")',
        ),
      }),
    },
  ],
  invalid: [
    {
      name: 'spark.conf.set with a storage account key',
      artifact: manifest({ nodes: pythonModel('    spark.conf.set("fs.azure.account.key.acmelake.dfs.core.windows.net", "Zq8kLm2vX9PyAz+k/w1Yb3Nc5Vd7==")\n    df = spark.read.parquet("abfss://raw@acmelake.dfs.core.windows.net/o")') }),
      secrets: [{ secret: 'Zq8kLm2vX9PyAz+k/w1Yb3Nc5Vd7==', detector: 'code-secret-argument', originalFilePath: 'models/py_model.py' }],
    },
    {
      name: 'requests headers and a JDBC option',
      artifact: manifest({
        nodes: pythonModel('    r = requests.get("https://api.acme.io/v1/orders", headers={"X-API-Key": "Zq8kLm2vX9hdr7"})\n    df = spark.read.format("jdbc").option("password", "Zq8kLm2vX9opt7").load()'),
      }),
      secrets: [
        { secret: 'Zq8kLm2vX9hdr7', detector: 'password-assignment' },
        { secret: 'Zq8kLm2vX9opt7', detector: 'code-secret-argument' },
      ],
    },
  ],
});
