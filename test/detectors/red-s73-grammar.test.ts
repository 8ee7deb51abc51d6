/**
 * Red team 73 planted gitleaks' and trufflehog's own samples in dbt artifacts. Its misses of grammar: a declaration with
 * a type (`secret: str = …`, `var token string = …`), a bare value after Go's `:=`.
 * And a Facebook app token in a description, which compiled code's rule found and the free-text rule did not run; its
 * false positive: an XSD type's prefixed name read as a Telegram bot's token, and as the value of a name that says token.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const SECRET = 'R7kq2vL9mX4pZ8nT1wY6cB3dF5gH0jKs';
const GO_TOKEN = '27y2plehcoyithw69xv072stszot1c';
const code = (line: string) => `def model(dbt, session):\n    ${line}\n    return session.create_dataframe([])\n`;
const block = (line: string) => `Plaid loader config:\n\n\`\`\`\n${line}\n\`\`\`\n`;

t.test("a declaration's type between the name and its value: Python's, TypeScript's and Go's", async (t) => {
  ruleProbe('compiled_code').finds(t, 'compiled-code', [
    [code(`plaid_secret: str = "${SECRET}"`), SECRET],
    [code(`plaid_secret: Optional[str] = '${SECRET}'`), SECRET],
    [code(`plaid_secret: str | None = "${SECRET}"`), SECRET],
  ]);
  ruleProbe('description').finds(t, 'free-text', [
    [block(`var plaidToken string = "${GO_TOKEN}"`), GO_TOKEN],
    [block(`const plaidToken string = \`${GO_TOKEN}\``), GO_TOKEN],
    [block(`const plaidSecret: string = "${SECRET}";`), SECRET],
  ]);
  // an expression, a default of none, an empty string: no value
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', [code('plaid_secret: str = os.environ["X"]'), code('api_token: Optional[str] = None')]);
  ruleProbe('description').findsNothing(t, 'free-text', [block('var apiToken string = ""'), block('var apiToken string = cfg.Token')]);
  // a base64 value's padding is no `=` after a type
  ruleProbe('description').finds(t, 'free-text', [['secret: c2VjcmV0c2VjcmV0c2VjcmV0MTIzNDU2Nzg=\n', 'c2VjcmV0c2VjcmV0c2VjcmV0MTIzNDU2Nzg=']]);
});

t.test("a bare value after Go's `:=`, as after `=`", async (t) => {
  ruleProbe('description').finds(t, 'free-text', [
    [`\`\`\`\nbeSnappyToken := ${SECRET}\n\`\`\`\n`, SECRET],
    [`\`\`\`\nbeSnappyToken = ${SECRET}\n\`\`\`\n`, SECRET],
  ]);
  // a call, a field, another variable: expressions
  ruleProbe('description').findsNothing(t, 'free-text', [block('token := getToken()'), block('beSnappyToken := cfg.Token'), block('secretKey := os.Getenv("KEY")')]);
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', ['begin\n  v_token := p_token;\nend;\n', 'select my_udf(api_token => api_token) as x']);
});

t.test('a Facebook app token in a description, in a Graph API URL or beside the word', async (t) => {
  const token = '1477036645700765|wRPf2v3mt2JfMqCLK8n7oltrEmc';
  const secret = 'wRPf2v3mt2JfMqCLK8n7oltrEmc';
  ruleProbe('description').finds(t, 'free-text', [
    [`Loaded from the Graph API: https://graph.facebook.com/v19.0/me?access_token=${token}`, secret],
    [`Loaded from the Graph API: https://graph.facebook.com/v19.0/me?access_token=${token.replace('|', '%7C')}&fields=id`, secret],
    [`\`\`\`\nfacebook ${token}\n\`\`\`\n`, secret],
  ]);
  // an app id alone, or with a short second half
  ruleProbe('description').findsNothing(t, 'free-text', ['facebook app id 1477036645700765', 'facebook app id 184729305561823|short']);
});

t.test("an XSD type's prefixed name is no Telegram bot token; the bot's id after the API's `bot` is", async (t) => {
  const xsd = '<xsd:element name="AgencyIdentificationCode" type="clm78624:AgencyIdentificationCodeContentType"/>';
  ruleProbe('description').findsNothing(t, 'free-text', [`Telegram export schema: ${xsd}`, `Telegram export schema:\n\n\`\`\`\n${xsd}\n\`\`\`\n`]);
  ruleProbe('compiled_code').findsNothing(t, 'compiled-code', [`-- telegram feed: ${xsd}`]);
  const token = '5159565446:AA_zrFxf1McAz8z-l3KcZ2Jcph3GgNh-jP-';
  ruleProbe('description').finds(t, 'free-text', [
    [`Alerts go through https://api.telegram.org/bot${token}/sendMessage`, token],
    [`Telegram bot for alerts: ${token}`, token],
  ]);
});

t.test("an XSD element or type's prefixed name is no value of a token's name", async (t) => {
  const xsd = '<xsd:element name="AgencyIdentificationCode" type="clm78624:AgencyIdentificationCodeContentType"/>';
  ruleProbe('description').findsNothing(t, 'free-text', [`\`\`\`\ntelegram_api_token = "${xsd}"\n\`\`\`\n`, 'telegram token: clm78624:AgencyIdentificationCodeContentType']);
  ruleProbe('location').findsNothing(t, 'locations-urls', ['https://exports.example-cdn.net/orders.csv?telegram_token=token:"clm29679:AgencyIdentificationCodeContentType"']);
  // a password that begins with `<`, a user and a password: values
  ruleProbe('description').finds(t, 'free-text', [
    ['```\npassword = "<Xk2m9#Pq7Lw3R"\n```\n', '<Xk2m9#Pq7Lw3R'],
    ['```\napi_token: "svc:Xk2m9Pq7Lw3RtY8z"\n```\n', 'svc:Xk2m9Pq7Lw3RtY8z'],
  ]);
});
