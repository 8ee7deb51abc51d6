/**
 * Session 29's red-team round: `auth = <token>`, `auth: <token>` and a JSON key `auth` hold a
 * credential when the value reads as a token (base64 of user:password, Docker's config.json, is left
 * to the decoder);
 * `auth = 'oauth'`, `auth: none`, `authenticator = externalbrowser` and PascalCase method names stay
 * silent. Each case names the exact secret, or none; labels never show one.
 */
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { secretKeyNameDetector } from '../../src/detectors/key-names.js';
import { checkDetector as check } from './detector-cases.js';

check(assignmentDetector, [
  { label: 'a quoted token after auth = in a hook', text: "call load_api(endpoint => 'https://api.acme.io', auth = 'Zq8vLm2xRt9wKp4nBc7y')", secrets: ['Zq8vLm2xRt9wKp4nBc7y'] },
  { label: 'a YAML auth: in a description', text: 'Feed config:\n  url: https://feed.acme.io\n  auth: Zq8vLm2xRt9wKp4nBc7y\n', secrets: ['Zq8vLm2xRt9wKp4nBc7y'] },
  { label: 'a hex token under http_auth', text: 'http_auth: 9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c', secrets: ['9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c'] },
  // (base64 of user:password is the decoder's: encoded-credentials reports it when its password is real)
  { label: "a Docker config's auth, base64 of user:password, is left to the decoder", text: '{"auths":{"registry.acme.io":{"auth":"ZGVwbG95OlhxN3ZQbTJrUnQ5d0x6NG5COA=="}}}', secrets: [] },
  { label: "a Docker config's auth of the words username:password", text: '{"auths":{"registry.acme.io":{"auth":"dXNlcm5hbWU6cGFzc3dvcmQ="}}}', secrets: [] },
  { label: 'auth = oauth', text: "Feed config: auth = 'oauth'", secrets: [] },
  { label: 'auth: none', text: 'auth: none', secrets: [] },
  { label: 'authenticator = externalbrowser', text: 'authenticator = externalbrowser', secrets: [] },
  { label: 'auth: kebab-case method', text: 'auth: oauth2-client-credentials', secrets: [] },
  { label: 'auth: PascalCase method with a version', text: 'Set auth: OAuth2ClientCredentials for the connector', secrets: [] },
  { label: 'auth = a role path', text: 'auth = "role/AnalyticsReaderV2Role"', secrets: [] },
  { label: 'dbt_auth = a credential class', text: 'dbt_auth = "AzureDefaultCredential2024"', secrets: [] },
  { label: 'author is another word', text: 'author: Zq8vLm2xRt9wKp4nBc7y', secrets: [] },
  { label: 'oauth is another word', text: 'oauth: Zq8vLm2xRt9wKp4nBc7y', secrets: [] },
  { label: 'auth: a placeholder', text: 'auth: ${PARTNER_AUTH_TOKEN}', secrets: [] },
]);

check(secretKeyNameDetector, [
  { label: 'a token under the key auth', key: 'auth', text: 'Zq8vLm2xRt9wKp4nBc7y', secrets: ['Zq8vLm2xRt9wKp4nBc7y'] },
  { label: 'a token under PARTNER_AUTH', key: 'PARTNER_AUTH', text: 'Zq8vLm2xRt9wKp4nBc7y', secrets: ['Zq8vLm2xRt9wKp4nBc7y'] },
  { label: 'a method under auth', key: 'auth', text: 'ManagedIdentityV2Auth', secrets: [] },
  { label: 'a word under auth', key: 'auth', text: 'oauth', secrets: [] },
  { label: 'a token under oauth (another word)', key: 'oauth', text: 'Zq8vLm2xRt9wKp4nBc7y', secrets: [] },
  { label: 'a token under no_auth? a flag', key: 'no_auth', text: 'true', secrets: [] },
]);
