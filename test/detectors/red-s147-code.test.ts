/**
 * Red team 147: clean SQL and Python that security and audit models write. An enum's constants after a secret's name in
 * a list (`in ('PASSWORD', 'RSA_KEYPAIR', …)`, `decode(f, 'PASSWORD', 'RSA_KEYPAIR')`, an IN list's items) are no
 * secret; a name inside a string literal that the quote after its `=` closes (`split_part(url,'token=',2)`,
 * `"…?access_token="+tok+"…"`) is followed by code. A literal given to a secret's name, and a quoted value after `=`,
 * stay found.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const SECRET = 'Xk9mQ2vL7pRz!q';

t.test("an enum's constants and an IN list's items after a secret's name", async (t) => {
  for (const [key, rule] of [['compiled_code', 'compiled-code'], ['raw_code', 'raw-code']] as const) {
    const probe = ruleProbe(key);
    probe.findsNothing(t, rule, [
      "select user_name from snowflake.account_usage.login_history where first_authentication_factor in ('PASSWORD', 'RSA_KEYPAIR', 'OAUTH_ACCESS_TOKEN', 'SAML2_ASSERTION')",
      "select * from okta.system_log where event_type in ('user.account.update_password','user.session.start')",
      "select * from gcp.audit where method_name in ('google.iam.admin.v1.CreateServiceAccountKey','google.iam.admin.v1.DeleteServiceAccountKey')",
      "{% set methods = ['PASSWORD','RSA_KEYPAIR','SAML2'] %}{{ return(methods) }}",
      "select decode(f, 'PASSWORD', 'RSA_KEYPAIR') from t",
      "select * from t where grant_type in ('PASSWORD', 'AUTHORIZATION_CODE')",
      "insert into ops.auth_methods values ('PASSWORD','deprecated_v2'),('RSA_KEYPAIR','preferred')",
    ]);
    probe.finds(t, rule, [
      [`select json_build_object('password', '${SECRET}')`, SECRET],
      [`select set_config('app.api_key', '${SECRET}', false)`, SECRET],
      [`insert into creds values ('svc_loader', 'password', '${SECRET}')`, SECRET],
    ]);
  }
});

t.test('a name inside a literal that the quote after its `=` closes', async (t) => {
  for (const [key, rule] of [['compiled_code', 'compiled-code'], ['raw_code', 'raw-code']] as const) {
    const probe = ruleProbe(key);
    probe.findsNothing(t, rule, [
      "select nullif(split_part(split_part(page_url,'token=',2),'&',1),'') as t from p",
      "select nullif(split(split(page_url,'access_token=')[safe_offset(1)],'&')[safe_offset(0)],'') as t from p",
      "select concat('https://api.x.com/v1?access_token=',token_col,'&limit=100') from p",
      "select instr(u,'token='),instr(u,'&') from p",
      'url = "https://graph.facebook.com/v19.0/me?access_token="+tok+"&fields=id"',
    ]);
    probe.finds(t, rule, [
      [`conn = "host=db user=etl password='${SECRET}'"`, SECRET],
      [`-- password='${SECRET}'`, SECRET],
      ["select 'https://api.x.com/v1?access_token=Zq7Hk2pLm9XwRt4Yb8Nc3Vd6' as u", 'Zq7Hk2pLm9XwRt4Yb8Nc3Vd6'],
    ]);
  }
});
