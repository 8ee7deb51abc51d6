import { manifest } from '../helpers.js';
import { ruleTester } from './harness.js';

const SIG = 'Rk3Lm9Qp2Xz8Vt4Nw7Yc1Hd5Fg6Js0Pa8Ue2Tb4Mn%3D';
const TOKEN = 'Zt7Qm2Lp9Xv4Rk8Nw3Yc6Hd1';

ruleTester('locations-urls', {
  valid: [
    { name: 'bare storage locations', artifact: manifest({ sources: { 'source.a.raw.o': { external: { location: 'abfss://raw@acct.dfs.core.windows.net/orders/', file_format: 'parquet' } } } }) },
    {
      name: 'external options that name no secret',
      artifact: manifest({ sources: { 'source.a.raw.p': { external: { location: 's3://acme/raw/p/', options: { user: 'ro', header: 'true', password_column: 'pw_hash', secret_name: 'prod/raw' } } } } }),
    },
    { name: 'a dashboard link', artifact: manifest({ exposures: { 'exposure.a.d': { url: 'https://bi.acme.io/dashboards/42?tab=orders' } } }) },
  ],
  invalid: [
    {
      name: "a JDBC source's password in dbt-external-tables' options",
      artifact: manifest({ sources: { 'source.a.raw.c': { unique_id: 'source.a.raw.c', original_file_path: 'models/sources.yml', external: { location: 'jdbc:postgresql://pg:5432/crm', options: { user: 'ro', password: 'Tz4-Qw9kLm2pX' } } } } }),
      secrets: [{ secret: 'Tz4-Qw9kLm2pX', detector: 'secret-key-name', originalFilePath: 'models/sources.yml' }],
    },
    {
      name: 'an Azure SAS URL',
      artifact: manifest({ sources: { 'source.a.raw.o': { unique_id: 'source.a.raw.o', original_file_path: 'models/sources.yml', external: { location: `https://acct.blob.core.windows.net/raw/orders?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&spr=https&sig=${SIG}` } } } }),
      secrets: [{ secret: SIG, originalFilePath: 'models/sources.yml' }],
    },
    {
      name: 'a token in an exposure URL',
      artifact: manifest({ exposures: { 'exposure.a.d': { url: `https://bi.acme.io/d/42?access_token=${TOKEN}&theme=dark` } } }),
      secrets: [{ secret: TOKEN, detector: 'password-assignment' }],
    },
  ],
});
