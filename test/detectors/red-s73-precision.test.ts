/**
 * Session 73: red team 73 planted gitleaks' and trufflehog's own false-positive samples in dbt artifacts. Under secret
 * names, placeholders were reported (`xoxb-xxx`, `s.THISSTRINGISALLUPPERCASE`), and the same placeholder was quiet under
 * `SLACK_CONFIG_REFRESH_TOKEN` but reported under `SLACK_CONFIG_REFRESH_TOKEN_2`.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

t.test("a suffix after a token's name does not change what its value is judged by", async (t) => {
  for (const name of ['SLACK_CONFIG_REFRESH_TOKEN', 'SLACK_CONFIG_REFRESH_TOKEN_2', 'SLACK_REFRESH_TOKEN_PROD']) {
    ruleProbe(name).findsNothing(t, 'env-metadata', ['xoxe-1-xxx', 'claude-3-opus-20240229', '1670914139']);
    ruleProbe(name).finds(t, 'env-metadata', [['xoxe-1-A7fK29xQm4LpZ8vR3nT6wY1c', 'xoxe-1-A7fK29xQm4LpZ8vR3nT6wY1c']]);
  }
  // `"token1": "xoxp-1234567890"` in a docs block: a counting fill under a numbered token's name
  ruleProbe('description').findsNothing(t, 'free-text', ['```\n"token1": "xoxp-1234567890"\n```\n']);
});
