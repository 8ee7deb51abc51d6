/**
 * Session 38's red-team round: a webhook's URL with no credential in it, under a webhook's name, was
 * reported as a secret. Each case names the exact secret, or none; labels never show one.
 */
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { checkDetector as check } from './detector-cases.js';

// under a webhook's name, the URL is a secret only where it carries one: a user part, a token-shaped path segment or query value, a key that holds one
check(secretKeyNameDetector, [
  { label: 'an endpoint of words under refresh_webhook stays silent', key: 'refresh_webhook', text: 'https://api.acme.io/hooks/refresh', secrets: [] },
  { label: 'an endpoint with a date and a harmless query stays silent', key: 'webhook_url', text: 'https://hooks.acme.io/dbt/refresh-orders-20240115?env=prod&async=true', secrets: [] },
  { label: 'a query token that is a word stays silent', key: 'alertWebhook', text: 'https://hooks.acme.io/dbt?token=refresh', secrets: [] },
  { label: "n8n's UUID path is the secret", key: 'alert_webhook', text: 'https://n8n.acme.io/webhook/3f2a9c1e-7b4d-4e8a-9c3f-1a2b3c4d5e6f', secrets: ['https://n8n.acme.io/webhook/3f2a9c1e-7b4d-4e8a-9c3f-1a2b3c4d5e6f'] },
  { label: "a self-hosted Mattermost hook's id is the secret", key: 'WEBHOOK_URL', text: 'https://chat.acme.io/hooks/x8k2m9p4q5w8r3t6y1u4i7o2p5', secrets: ['https://chat.acme.io/hooks/x8k2m9p4q5w8r3t6y1u4i7o2p5'] },
  { label: "an Azure Function's code in the query", key: 'refresh_webhook', text: 'https://acme-fn.azurewebsites.net/api/refresh?code=aBcD1234eFgH5678iJkL9012mNoP3456qRsT7890uVwX==', secrets: ['https://acme-fn.azurewebsites.net/api/refresh?code=aBcD1234eFgH5678iJkL9012mNoP3456qRsT7890uVwX=='] },
  { label: 'a short token under a token query key', key: 'webhook', text: 'https://jenkins.acme.io/job/dbt/build?token=Zq8kLm2vX', secrets: ['https://jenkins.acme.io/job/dbt/build?token=Zq8kLm2vX'] },
  { label: 'a password in the user part', key: 'webhook', text: 'https://svc:Zq8kLm2vX@hooks.acme.io/dbt', secrets: ['https://svc:Zq8kLm2vX@hooks.acme.io/dbt'] },
  { label: 'a value of another kind under a webhook name is judged as before', key: 'slack_webhook', text: 'Wh5nLx2QpR8vZt3KmY7cJd4FbS9eGa6U', secrets: ['Wh5nLx2QpR8vZt3KmY7cJd4FbS9eGa6U'] },
]);
