/**
 * Red team 127 (the names teams store secrets under: 1,211 of 1,365 plantings found, 0 of 715 decoys reported): a password
 * ending in `+` or `~` in a description's fenced YAML was read as a template's seam with the fence's backticks on the next
 * line (`… +\n\`\`\``), and dropped.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test("a password ending in + or ~ before a code fence's closing line: the password", async (t) => {
  for (const end of ['+', '~']) {
    const password = `Summer-Tundra-2016${end}`;
    ruleProbe('description').finds(t, 'free-text', [[`Loader config:\n\n\`\`\`yaml\nloader:\n  password: ${password}\n\`\`\`\n`, password]]);
  }
  // a seam on its own line is still one: a bare value cut where a literal is joined to it
  ruleProbe('description').findsNothing(t, 'free-text', ['password: base+ "x"']);
});

t.test('"secret" and "token" in German and French, "API key" and "access token" with the noun first', async (t) => {
  const secret = 'Xk9mPq2vLr7wNs4tZZ8aQ2b7';
  for (const key of ['geheim', 'GEHEIMNIS', 'jeton', 'clave_api', 'chave_api', 'clé_api', 'token_acceso']) ruleProbe(key).finds(t, 'config-meta', [[secret, secret]]);
  // a count, a word, a type under them are none
  ruleProbe('jeton').findsNothing(t, 'config-meta', ['5']);
  ruleProbe('geheim').findsNothing(t, 'config-meta', ['ja']);
  ruleProbe('jeton_type').findsNothing(t, 'config-meta', ['bearer']);
});

t.test("Rails' SECRET_KEY_BASE; a surrogate key's `_sk` is none, a Stripe dimension's too (red team 131)", async (t) => {
  const secret = 'Qv3nLx8KmR2pZt7WbY4cHd9J';
  for (const key of ['SECRET_KEY_BASE', 'secret_key_base', 'RAILS_SECRET_KEY_BASE']) ruleProbe(key).finds(t, 'config-meta', [[secret, secret]]);
  // (Stripe's own keys are found by their format under any name)
  ruleProbe('STRIPE_SK').findsNothing(t, 'config-meta', ['3f9a1c2b4d5e6f708192a3b4c5d6e7f8']);
  ruleProbe('STRIPE_SK').finds(t, 'config-meta', [['sk_live_51Qv3nLx8KmR2pZt7WbY4cHd9JfUa5Gs6E', 'sk_live_51Qv3nLx8KmR2pZt7WbY4cHd9JfUa5Gs6E']]);
  // Rails' own: 128 hex digits, which under most names reads as a digest
  const base = 'a3f9c1e27b8d4f6a9c0e1b2d3f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9012345678a3f9c1e27b8d4f6a9c0e1b2d3f4a5b6c7d8e9f0a1b2c3d4e5';
  ruleProbe('SECRET_KEY_BASE').finds(t, 'env-metadata', [[base, base]]);
  for (const key of ['customer_sk', 'order_sk', 'key_base', 'secret_key_base_path']) ruleProbe(key).findsNothing(t, 'config-meta', [secret]);
});
