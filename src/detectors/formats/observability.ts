/** Token formats: observability. */
import { assigned, type FormatFamily, MD5, plant, SHA256 } from './define.js';

export const OBSERVABILITY: FormatFamily = {
  id: 'observability',
  title: 'Observability',
  formats: [
    {
      id: 'datadog-api-key',
      title: 'Datadog API key',
      keywords: ['dd_api_key', 'dd-api-key', 'datadog'],
      pattern: assigned('dd[_-]api[_-]key|datadog[_.-]?api[_.-]?key', '[a-f0-9]{32}', '(?![A-Za-z0-9_])'),
      confidence: 'medium',
      truePositives: [
        plant('DD_API_KEY=%s dbt run', '64c04571c40b557afa5a495bc273bcc7'),
        plant("select http_post(url, headers => {'DD-API-KEY': '%s'})", '07717046e34cd99954986bdbaf35c00f'),
        plant('{"datadog_api_key": "%s"}', 'f8733b5308ae1a48c5ca4a973fe7b0c1'),
      ],
      falsePositives: [MD5, `unique_id: ${MD5}`, 'DD_API_KEY={{ env_var("DD_API_KEY") }}', `datadog_api_key_id = ${MD5}`],
    },
    {
      id: 'datadog-app-key',
      title: 'Datadog application key',
      keywords: ['dd_app', 'dd-app', 'datadog'],
      pattern: assigned('dd[_-]app(?:lication)?[_-]key|datadog[_.-]?app(?:lication)?[_.-]?key', '[a-f0-9]{40}', '(?![A-Za-z0-9_])'),
      confidence: 'medium',
      truePositives: [
        plant('DD_APP_KEY=%s', '34a0d308261b450d7a94f1bde5e2d65a1f2780da'),
        plant('DD-APPLICATION-KEY: %s', 'c3f076824232aee0edc6a4352706315b1b4375a5'),
        plant('datadog: {application_key: x, datadog_app_key: "%s"}', '284f1e58adc2c2dafe5ed092355d72d956509a25'),
      ],
      falsePositives: ['260337081d41ea980033191294c06a886b81afdd', 'dd_app_key_rotation_days = 90'],
    },
    {
      id: 'grafana-cloud-token',
      title: 'Grafana Cloud access policy token',
      keywords: ['glc_'],
      pattern: /(?<![A-Za-z0-9_])glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=_])/,
      confidence: 'high',
      truePositives: [
        plant(
          'GRAFANA_CLOUD_TOKEN=%s',
          'glc_eyJvIjoiOTE3MDg5IiwibiI6InN0YWNrLTkxMjM2NS1ldGwtd3JpdGUiLCJrIjoiOVVrRkhWZFZnNlVqZkJjZ1dHUzZFbXpzIiwibSI6eyJyIjoicHJvZC1ldS13ZXN0LTIifX0=',
        ),
      ],
      falsePositives: ['glc_account_balance', 'stg_glc_eyJvIjoiOTE3MDg5IiwibiI6InN0YWNrLTkxMjM2NS1ldGwtd3JpdGUiLCJr'],
    },
    {
      id: 'grafana-service-account-token',
      title: 'Grafana service account token',
      keywords: ['glsa_'],
      pattern: /(?<![A-Za-z0-9_])glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Za-z0-9_])/,
      confidence: 'high',
      truePositives: [plant('Authorization: Bearer %s', 'glsa_sFm1f1Exqa0ZqAoJgMAO0tMsL4mdynmO_2c3f8041')],
      falsePositives: ['glsa_sFm1f1Exqa0ZqAoJgMAO0tMsL4mdynmO', 'glsa_sFm1f1Exqa0ZqAoJgMAO0tMsL4mdynmO_2c3f804'],
    },
    {
      id: 'new-relic-user-api-key',
      title: 'New Relic user API key',
      keywords: ['nrak-'],
      pattern: /(?<![A-Za-z0-9_-])NRAK-[A-Z0-9]{27}(?![A-Za-z0-9_-])/,
      confidence: 'high',
      truePositives: [plant('API-Key: %s', 'NRAK-88DHE5WIPIS4KONRCPG12N36JVN')],
      falsePositives: ['NRAK-88DHE5WIPIS4KONRCPG12N36JV', 'NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    },
    {
      id: 'new-relic-insert-key',
      title: 'New Relic insert key',
      keywords: ['nrii-'],
      pattern: /(?<![A-Za-z0-9_-])NRII-[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/,
      confidence: 'high',
      truePositives: [
        plant('X-Insert-Key: %s', 'NRII-tBUi-fjv8m319d-G-A-Wmqkvf_v9rhHn'),
        plant('{"insert_key": "%s"}', 'NRII-47QplZIOuPPIqO6q_N5fop4aY2FHdUhH'),
      ],
      falsePositives: ['NRII-tBUi-fjv8m319d-G-A-Wmqkvf_v9rhH'],
    },
    {
      id: 'sentry-org-token',
      title: 'Sentry organization auth token',
      keywords: ['sntrys_'],
      pattern: /(?<![A-Za-z0-9_])sntrys_eyJ[A-Za-z0-9+/=]{30,1000}_[A-Za-z0-9+/]{43}(?![A-Za-z0-9+/=_])/,
      confidence: 'high',
      truePositives: [
        plant(
          'SENTRY_AUTH_TOKEN=%s',
          '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',
        ),
      ],
      falsePositives: ['sntrys_eyJpYXQiOjE3MTUwMDAwMDAuNSwidXJsIjoiaHR0cHM6Ly9zZW50cnkuaW8i', 'sntrys_token'],
    },
    {
      id: 'sentry-user-token',
      title: 'Sentry user auth token',
      keywords: ['sntryu_'],
      pattern: /(?<![A-Za-z0-9_])sntryu_[a-f0-9]{64}(?![A-Za-z0-9_])/,
      confidence: 'high',
      truePositives: [plant('sentry-cli --auth-token %s releases new 1.2.0', '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')],
      falsePositives: [`sntryu_${SHA256.slice(4)}`, SHA256],
    },
    {
      id: 'sentry-dsn-secret',
      title: 'Sentry DSN with secret key',
      keywords: ['sentry'],
      // Modern DSNs carry only the public key (meant for clients); the legacy public:secret form does not.
      pattern: /https?:\/\/[0-9a-f]{32}:(?<secret>[0-9a-f]{32})@[A-Za-z0-9.-]{1,100}(?::\d{1,5})?\/\d{1,12}(?![0-9])/,
      confidence: 'high',
      truePositives: [plant('SENTRY_DSN=https://0b2276624fa9d501dc4642a75daf007a:%s@sentry.acme.io/42', '0136d26fdabb29d8c7f27476b0e06800')],
      falsePositives: ['SENTRY_DSN=https://0b2276624fa9d501dc4642a75daf007a@o4507.ingest.us.sentry.io/4507000000000', `sentry release ${MD5}:${MD5}`],
    },
  ],
};
