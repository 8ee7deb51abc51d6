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

t.test("a vendor's prefix with its body filled in by hand is a placeholder under a secret's name", async (t) => {
  ruleProbe('SLACK_BOT_TOKEN').findsNothing(t, 'env-metadata', ['xoxb-xxx', 'xoxb-12345-abcd234', 'xoxb-abcdef-abcdef']);
  ruleProbe('SLACK_CONFIG_ACCESS_TOKEN').findsNothing(t, 'env-metadata', ['xoxe.xoxp-1-RANDOMSTRINGHERE', 'xoxe.xoxp-1-initial']);
  ruleProbe('SLACK_LEGACY_BOT_TOKEN').findsNothing(t, 'env-metadata', ['xoxb-Slack_BOT_TOKEN']);
  ruleProbe('VAULT_TOKEN').findsNothing(t, 'env-metadata', ['s.THISSTRINGISALLUPPERCASE', 's.thisstringisalllowercase']);
  ruleProbe('DEEPSEEK_API_KEY').findsNothing(t, 'env-metadata', ['sk-abc123invalid']);
  ruleProbe('description').findsNothing(t, 'free-text', ["```\ntwitchaccesstoken_token = '1a2b3c4d'\ndeepseek.key = sk-abc123invalid\n```\n"]);
  // real tokens beside them: random bodies
  ruleProbe('SLACK_BOT_TOKEN').finds(t, 'env-metadata', [['xoxb-2748193650-4829163750284-Rk3Lm9Qp2Xz8Vt4Nw7Yc1Hd5', 'xoxb-2748193650-4829163750284-Rk3Lm9Qp2Xz8Vt4Nw7Yc1Hd5']]);
  ruleProbe('VAULT_TOKEN').finds(t, 'env-metadata', [['s.AdStUWO1M07Kewkve5ldgD6f', 's.AdStUWO1M07Kewkve5ldgD6f'], ['hvs.Q3nV8kTz0LmWc5RpYx2BdGf7', 'hvs.Q3nV8kTz0LmWc5RpYx2BdGf7']]);
  ruleProbe('GITLAB_TOKEN').finds(t, 'env-metadata', [['glpat-a8k2m9x7q3w5e1r4t6y0', 'glpat-a8k2m9x7q3w5e1r4t6y0']]);
  ruleProbe('description').finds(t, 'free-text', [["```\ntwitchaccesstoken_token = 'q8x2k9m4v7n1'\n```\n", 'q8x2k9m4v7n1']]);
  ruleProbe('SNOWFLAKE_PASSWORD').finds(t, 'env-metadata', [['Falcon#meadow29', 'Falcon#meadow29']]);
});

t.test("a backtick command substitution after `=` is the command that reads the secret, as `$(…)` is", async (t) => {
  const code = (line: string) => `/*\ndocker run -e ${line} collector\n*/\nselect 1 as id`;
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', [code('SUMO_ACCESS_KEY=`etcdctl get /sumologic_secret`'), code('SUMO_ACCESS_KEY=$(etcdctl get /sumologic_secret)'), code('DB_PASSWORD=`cat /run/secrets/pw`')]);
  ruleProbe('compiled_code').finds(t, 'compiled-code', [[code('SUMO_ACCESS_KEY=Kx7vLq2mW9pR4tZ8'), 'Kx7vLq2mW9pR4tZ8']]);
  // Markdown's inline code after a colon is a value
  ruleProbe('description').finds(t, 'free-text', [['The loader signs in with password: `Kx7#vLq2!mW9`.', 'Kx7#vLq2!mW9']]);
});

t.test('a value in no credential\'s shape under a secret\'s name is not reported', async (t) => {
  const decoys: [string, string][] = [
    ['SLACK_USER_TOKEN', 'https://docs.google.com/document/d/1W7KCxOxP-1Fy5EyF2lbJGE2WuKmu5v0suYqoHas1jRM'],
    ['INFRACOST_API_TOKEN', 'https://explosivelab.notion.site/Pianificazione-Nerdz-Ng-pubblico-1bc826ecc0994dd8915be97fc3489cde?pvs=74'],
    ['AZURE_AD_CLIENT_SECRET', '.ui.visible.right.sidebar~.ui.visible.left.sidebar~.pusher{transform:translate3d(0,0,0)}'],
    ['AZURE_AD_CLIENT_SECRET', 'buf.WriteString("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\\n\\n::\\n\\n")'],
    ['TELEGRAM_BOT_API_TOKEN', '<xsd:element name="AgencyIdentificationCode" type="clm76738872:AgencyIdentificationCodeContentType"/>'],
    ['ATLASSIAN_API_TOKEN', 'getPagesInConfluenceSpace,searchConfluenceUsingCql'],
    ['HUGGINGFACE_ACCESS_TOKEN', 'amazon.de#@#div[data-cel-widget="desktop-rhf_SponsoredProductsRemoteRHFSearchEXPSubsK2ClickPagination"]'],
    ['HUGGINGFACE_ORG_API_TOKEN', 'API_ORG_CREATE("https://qyapi.weixin.qq.com/cgi-bin/department/create?access_token=ACCESS_TOKEN"),'],
    ['AWS_ACCESS_TOKEN', 'TODAYINASIAASACKOFRICEFELLOVER'],
    ['SQUARE_ACCESS_TOKEN', 'aws-cli@sha256:eaaa7b11777babe28e6133a8b19ff71cea687e0d7f05158dee95a71f76ce3d00'],
  ];
  for (const [name, value] of decoys) ruleProbe(name).findsNothing(t, 'env-metadata', [value]);
  // a URL as the value of a token's query key names a page, not a token
  ruleProbe('location').findsNothing(t, 'locations-urls', ['https://exports.example-cdn.net/acme/orders.csv?octopus_token=https://fog-ringer-f42.notion.site/API-BD80F56CDC1441E6BF6011AB6D852875']);
  // secrets beside them: a password of words and punctuation, a URL with a credential, a token in a call or a query
  ruleProbe('DB_PASSWORD').finds(t, 'env-metadata', [['Falcon#meadow29', 'Falcon#meadow29'], ['correct horse battery staple 9', 'correct horse battery staple 9'], ['Falcon,meadow29', 'Falcon,meadow29']]);
  ruleProbe('DATABASE_URL').finds(t, 'env-metadata', [['postgres://etl:Xk29fJs83jdK2@db.acme.io/prod', 'Xk29fJs83jdK2']]);
  ruleProbe('API_TOKEN').finds(t, 'env-metadata', [['https://api.acme.io/v1?token=Xk29fJs83jdK2LmQp7Rt4Wz9', 'Xk29fJs83jdK2LmQp7Rt4Wz9'], ['login("Kx7#vLq2!mW9")', 'login("Kx7#vLq2!mW9")']]);
  // a webhook's URL is its secret under a webhook's name, its token in the path
  const hook = 'https://hooks.acme.io/services/T0123ABCD/B0456EFGH/Xk29fJs83jdK2LmQp7Rt4Wz9';
  ruleProbe('ALERT_WEBHOOK_URL').finds(t, 'env-metadata', [[hook, hook]]);
  ruleProbe('AWS_SECRET_ACCESS_KEY').finds(t, 'env-metadata', [['wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ3xLpK9vM', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ3xLpK9vM']]);
  ruleProbe('location').finds(t, 'locations-urls', [['https://exports.example-cdn.net/acme/orders.csv?octopus_token=API-BD80F56CDC1441E6BF6011AB6D852875', 'API-BD80F56CDC1441E6BF6011AB6D852875']]);
});
