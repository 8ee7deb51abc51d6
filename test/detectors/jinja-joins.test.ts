/**
 * Session 31's red-team round: a token split into string literals that Jinja joins with `~`
 * (`{% set key = 'sk_live_' ~ '…' %}`), in raw code that is never rendered into compiled code (a
 * macro), is found as Jinja renders it: the formats run on the joined literals, and a match that
 * crosses a literal is reported from its first character to its last. A prefix joined to an
 * expression (env_var(), var()) and a documented example split in two stay silent.
 */
import t from 'tap';
import { detectTokens } from '../../src/detectors/tokens.js';

/** Each match's detector and the text it spans. */
const found = (value: string) => detectTokens(value).map((m) => `${m.detectorId}: ${value.slice(m.start, m.end)}`);

t.test('a token joined from literals', async (t) => {
  t.same(found("{% set k = 'sk_live_' ~ '51HqLyjWDarjtT1zdp7dcQx9' %}"), ["stripe-secret-key: sk_live_' ~ '51HqLyjWDarjtT1zdp7dcQx9"]);
  t.same(found('{% set k = "AKIA" ~ "4HX7QWERTYZ2LM5N" %}'), ['aws-access-key-id: AKIA" ~ "4HX7QWERTYZ2LM5N']);
  // three pieces; the token begins inside the first
  t.same(found("{{ 'url=https://hooks.slack.com/services/' ~ 'T0IJQF7WLB/B05LKHA3D9D/' ~ 'dZH46OcCQxpyIuyxtrL2u57M' }}"), [
    "slack-webhook-url: https://hooks.slack.com/services/' ~ 'T0IJQF7WLB/B05LKHA3D9D/' ~ 'dZH46OcCQxpyIuyxtrL2u57M",
  ]);
  const [match] = detectTokens("{% set k = 'sk_live_' ~ '51HqLyjWDarjtT1zdp7dcQx9' %}");
  t.match(match?.description, /joined from string literals/);
});

t.test('a token in one literal is found once, as before', async (t) => {
  t.same(found("{% set k = 'sk_live_51HqLyjWDarjtT1zdp7dcQx9' ~ '' %}"), ['stripe-secret-key: sk_live_51HqLyjWDarjtT1zdp7dcQx9']);
});

t.test('joins that render no token stay silent', async (t) => {
  for (const value of [
    "{% set k = 'sk_live_' ~ env_var('DBT_ENV_SECRET_STRIPE_REST') %}",
    "{% set k = 'sk_live_' ~ var('rest') ~ '51HqLyjWDarjtT1zdp7dcQx9' %}",
    "{% set example = 'AKIA' ~ 'IOSFODNN7EXAMPLE' %}",
    "{% set t = 'stg_' ~ 'orders' %}",
    // a literal with an escape is not joined (its rendering is not the text)
    "{% set k = 'sk_live_\\\\' ~ '51HqLyjWDarjtT1zdp7dcQx9' %}",
  ]) {
    t.same(found(value), [], value);
  }
});
