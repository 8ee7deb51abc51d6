/**
 * Red team 96 (dbt 1.9–1.11 projects: unit tests, semantic models, functions): what its fixtures and metas held under
 * secrets' names that is no secret — a marker in capitals (`REDACTED_BY_SCRUBBER`, `SEE_VAULT`), a Fernet token (the
 * ciphertext a model writes after encrypting a secret) under `encrypted_secret` — beside the passwords that stay ones.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const FERNET = 'gAAAAABnR2xkQ3VtM2pYb0tYcVJ4c0Z2V2ZkY1N0eU1wS0ZvRkxHd0hYY2JxVjZ6aE9hSHlDa0x0dFJ6Q2VRbGxPQmR1UjVtUXdEd2VZcz0xZTZzUjN4V3Q1Tk5yZEJqRXc=';

t.test('words in capitals joined by underscores are a marker or a constant under any secret name, not a password', async (t) => {
  for (const name of ['password', 'api_key', 'client_secret', 'DB_PASSWORD']) {
    ruleProbe(name).findsNothing(t, 'config-meta', ['SEE_VAULT', 'REDACTED_BY_SCRUBBER', 'USE_SECRETS_MANAGER', 'SET_IN_CI', 'DEMO_KEY', 'YOUR_API_TOKEN']);
  }
  // a digit, a lower-case letter, another separator or one word alone keep the value a password to judge; so do random
  // capitals so joined and words that mark nothing (red team 99: `QDKR_RXXT_LSVL_PFTT` under sftp_password was lost)
  ruleProbe('password').finds(t, 'config-meta', [
    ['SEE_VAULT_2024', 'SEE_VAULT_2024'],
    ['Tiger_King_Roar', 'Tiger_King_Roar'],
    ['QDKR_RXXT_LSVL_PFTT', 'QDKR_RXXT_LSVL_PFTT'],
    ['LANTERN_NEBULA_PEBBLE_SPROCKET', 'LANTERN_NEBULA_PEBBLE_SPROCKET'],
    ['QDKR_ENV_LSVL', 'QDKR_ENV_LSVL'],
  ]);
});

t.test('a Fernet token is ciphertext; a name with encrypted before a secret\'s word still names one', async (t) => {
  for (const name of ['encrypted_secret', 'client_secret', 'api_token']) ruleProbe(name).findsNothing(t, 'config-meta', [FERNET]);
  // an AWS KMS ciphertext blob, what `aws kms encrypt` returns (red team 99)
  ruleProbe('encrypted_api_key').findsNothing(t, 'config-meta', ['AQICAHOs4wHXwrRUaoXRKP6zLGjyyzWqf10IgUvq0duSDTIyaLFgjCg6VhKlQmXr7vW2yPzT0sN4gB8cE1dJ5fA9=']);
  // the password of an encrypted key or file is a password (red team 99: Snowflake's encrypted_private_key_passphrase)
  for (const name of ['encrypted_private_key_passphrase', 'encrypted_zip_password', 'crypted_password']) ruleProbe(name).finds(t, 'config-meta', [['m9Ue54#q0lZm2O!h', 'm9Ue54#q0lZm2O!h']]);
  // the key the ciphertext is read with is the secret: a Fernet key (32 bytes in base64url) and an encryption key
  ruleProbe('fernet_key').finds(t, 'config-meta', [['Qm3xVt8KpL2wN9rZ4yH6jD1sFgB7cE5aXq0uR2tY7iE=', 'Qm3xVt8KpL2wN9rZ4yH6jD1sFgB7cE5aXq0uR2tY7iE=']]);
  ruleProbe('encryption_key').finds(t, 'config-meta', [['Xk29vLq7pR4tW8zN3c', 'Xk29vLq7pR4tW8zN3c']]);
  // too short for a Fernet token's fields, or another alphabet: judged as any value
  ruleProbe('client_secret').finds(t, 'config-meta', [['gAAAAABx9Kq2mV8pL4wR7zN3cY6bT1fJ5d', 'gAAAAABx9Kq2mV8pL4wR7zN3cY6bT1fJ5d']]);
});
