/**
 * Session 38's red-team round: a webhook's URL with no credential in it, under a webhook's name, was
 * reported as a secret; an API key as a URL's `appid` (or `user_key`, `authkey`) query parameter was
 * not, nor a password quoted right after its name in prose (`mot de passe \`…\``, `senha \`…\``). Each case names the exact secret, or none; labels never show one.
 */
import { assignmentDetector } from '../../src/detectors/assignments.js';
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

// an API key as a URL's query parameter under a name with no secret word: found when its value reads as a token
check(assignmentDetector, [
  { label: "OpenWeather's appid in an HTTPError's URL", text: 'HTTPError: 401 Client Error: Unauthorized for url: https://api.openweathermap.org/data/2.5/onecall?lat=52.52&lon=13.40&appid=Qm4vTz8LxWn2Kp5RbYc7HdJfAa11Bb22', secrets: ['Qm4vTz8LxWn2Kp5RbYc7HdJfAa11Bb22'] },
  { label: "3scale's user_key first in a query", text: 'GET https://gw.acme.io/v1/orders?user_key=9f3ac07e1d5b48a2c6e0f1b7d4a93e58&page=2', secrets: ['9f3ac07e1d5b48a2c6e0f1b7d4a93e58'] },
  { label: "an SMS gateway's authkey", text: 'curl "https://api.sms.acme.io/send?authkey=Qm4vTz8LxWn2Kp5RbYc7&to=4712345678"', secrets: ['Qm4vTz8LxWn2Kp5RbYc7'] },
  { label: "an APPKEY in upper case", text: 'https://api.acme.cn/v2/query?APPKEY=Xk9mP2qL7vR4tN8wZ3yB6cD1&city=sh', secrets: ['Xk9mP2qL7vR4tN8wZ3yB6cD1'] },
  { label: "a WeChat app's public id stays silent", text: 'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1234567890abcdef&redirect_uri=x', secrets: [] },
  { label: 'an appid that is a GUID stays silent', text: 'https://login.acme.io/start?appid=3f2a9c1e-7b4d-4e8a-9c3f-1a2b3c4d5e6f', secrets: [] },
  { label: 'an appid that is a name stays silent', text: 'https://api.acme.io/x?appid=jaffle_shop_prod&key=orders', secrets: [] },
  { label: 'appid outside a query stays silent', text: 'appid=Qm4vTz8LxWn2Kp5RbYc7HdJfAa11Bb22', secrets: [] },
  { label: 'a placeholder appid stays silent', text: 'https://api.openweathermap.org/data/2.5/weather?q=Oslo&appid={{ env_var("OWM_KEY") }}', secrets: [] },
  { label: 'SQL over an appid column stays silent', text: 'select appid, key from apps where appid = 12', secrets: [] },
]);

// a password quoted right after its name and one space, in prose: found in a password's or a token's shape
check(assignmentDetector, [
  { label: 'French: mot de passe and a backticked value', text: "Accès temporaire pour l'audit : utilisateur `AUDIT_RO`, mot de passe `Falconmeadow29$` (valable 48h).", secrets: ['Falconmeadow29$'] },
  { label: 'Portuguese: senha and a backticked value', text: 'Acesso ao banco de réplica: usuário `replica_ro`, senha `Falconriver21!`.', secrets: ['Falconriver21!'] },
  { label: 'Dutch: wachtwoord and a backticked value', text: 'Inloggegevens voor de testomgeving: gebruiker `test_ro`, wachtwoord `Summerfield98%`.', secrets: ['Summerfield98%'] },
  { label: 'English: the password and a double-quoted value', text: 'Log in as svc_etl with the password "Tr0ub4dor-Xq7" and rotate it.', secrets: ['Tr0ub4dor-Xq7'] },
  { label: 'the API key and a backticked token', text: 'the API key `Zx9kQ2mLp4Rt8vW1nB6c` is for staging', secrets: ['Zx9kQ2mLp4Rt8vW1nB6c'] },
  { label: 'a column named in backticks stays silent', text: 'the password `column` is hashed with bcrypt', secrets: [] },
  { label: 'a name made of words stays silent', text: 'the password `PasswordPolicyV2` applies to every user', secrets: [] },
  { label: 'a variable name stays silent', text: 'the password `PGPASSWORD` variable is read by psql', secrets: [] },
  { label: 'a template stays silent', text: 'the password "{{ env_var(\'DBT_ENV_SECRET_PG\') }}" is rendered at run time', secrets: [] },
  { label: 'a paging token stays silent', text: 'the next page token `Zx9kQ2mLp4Rt8vW1` continues the listing', secrets: [] },
  { label: 'a placeholder stays silent', text: 'the password `<your-password>` goes here', secrets: [] },
  { label: 'a word with digits and no capital or symbol stays silent', text: 'the password `summer2024` was rejected', secrets: [] },
]);
