/**
 * Session 50: red team 60 (credentials in prose, with words between the credential's name and its value) found
 * 45 of 151. A phrase after the name, then a colon (`Password for the kiosk account: …`, `Kennwort des Kiosk-Kontos:
 * …`, French's spaced ` : `) or a verb (`The password of the reporting user is …`, `… lautet …`, `we reset the admin
 * password to …`, `-> …`), the value in a secret's shape; prose that says where the secret is, a policy, a hash's or a
 * count's description, a page's token are none. Each case names the exact secret found, or that nothing is.
 */
import t, { type Test } from 'tap';
import { compileRules } from '../../src/engine/compile.js';
import { detectValue } from '../../src/engine/walk.js';
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { anchorSteps } from '../../src/detectors/anchor-steps.js';

const rules = compileRules();
const setOf = (id: string) => rules.detectorSets[rules.rules.findIndex((r) => r.rule.id === id)]!;

/** What `rule` finds in `text` (its keyword search and anchors included): each match's text. */
function found(text: string, rule = 'free-text'): string[] {
  return (detectValue(rules, setOf(rule), text, () => ({ key: 'description' })) ?? []).map((m) => text.slice(m.start, m.end));
}

/** Each text's one secret is found, and nothing else. */
function finds(t: Test, cases: readonly (readonly [string, string])[]): void {
  for (const [text, secret] of cases) t.same(found(text), [secret], text);
}

/** Nothing is found in any of the texts. */
function findsNothing(t: Test, texts: readonly string[]): void {
  for (const text of texts) t.same(found(text), [], text);
}

t.test('a phrase between the name and a colon', async (t) => {
  finds(t, [
    ['Password for the kiosk account: Copper?Cactus29', 'Copper?Cactus29'],
    ['Kennwort des Kiosk-Kontos: Otter*Mango67', 'Otter*Mango67'],
    ['Passwort für den Kiosk: y=3B0eLe33E2wgS!', 'y=3B0eLe33E2wgS!'],
    ['mot de passe du compte kiosque : ^Pv+X-S6&cZ', '^Pv+X-S6&cZ'],
    ['contraseña de la cuenta: m1%B6!k!', 'm1%B6!k!'],
    ['wachtwoord van de gebruiker: 59#VI&M0Iwc#J', '59#VI&M0Iwc#J'],
    ['lösenord för kioskkontot: 50~u_^a?3~?d~*^9CX', '50~u_^a?3~?d~*^9CX'],
    ['kata sandi untuk akun kios: v8S?&m*C7*lL', 'v8S?&m*C7*lL'],
    ['Access key for the Mixpanel export job: f4e32f45a2b0de146b3f73f3ac550448', 'f4e32f45a2b0de146b3f73f3ac550448'],
    ['Secret for the webhook signature (HMAC-SHA256): &7*aw!KE4!&&', '&7*aw!KE4!&&'],
    ['Password used by the Looker service user (prod): uK=r&gTqq?@+DQc8BjD%%!mxd', 'uK=r&gTqq?@+DQc8BjD%%!mxd'],
    ['Token de acceso para la exportación nocturna: c3946b9ab0863d3be7ad2aa716f57b12', 'c3946b9ab0863d3be7ad2aa716f57b12'],
  ]);
});

t.test('a phrase between the name and a verb, an arrow, or `to`', async (t) => {
  finds(t, [
    ['The password of the reporting user is Un3!&e&@', 'Un3!&e&@'],
    ["the loader's password, for the record, is Copper-cobalt-63!RS", 'Copper-cobalt-63!RS'],
    ["Le mot de passe de l'entrepôt, pour mémoire, est UfLb!2pL~5ydf", 'UfLb!2pL~5ydf'],
    ['Das Passwort des Reporting-Benutzers lautet Grüße2024!Kiosk', 'Grüße2024!Kiosk'],
    ['Das Kennwort für den Staging-Server ist N=m+N1^OJ#F, bitte nicht weitergeben.', 'N=m+N1^OJ#F'],
    ['AWS secret access key for the export bucket (user s3-export) is 07Q7gnb9kSovY0rU4dhr9/Cse/H7cg1f6wDJZf43', '07Q7gnb9kSovY0rU4dhr9/Cse/H7cg1f6wDJZf43'],
    ['Fallback password if the vault is unreachable is Été#Paris77q', 'Été#Paris77q'],
    ['The client secret of the OAuth app registered for Tableau is bhBRZ1xN3UDktkkWlQqLzYkR--jqQPyEZI', 'bhBRZ1xN3UDktkkWlQqLzYkR--jqQPyEZI'],
    ['The API key we got from the vendor for their REST endpoint was %or-W$pi7+1G, valid until 2025.', '%or-W$pi7+1G'],
    ['Het wachtwoord voor de kiosk is Kp9!xR4vTq', 'Kp9!xR4vTq'],
    ['A senha do banco de staging é Pixel&Orbit93', 'Pixel&Orbit93'],
    ['Lösenordet till rapportanvändaren är BiCS?UZ0', 'BiCS?UZ0'],
    ['Bearer token for the internal metrics API is `8Rty7vnSNXrYT9uYoybZzSGWfm`', '8Rty7vnSNXrYT9uYoybZzSGWfm'],
    ['The shared password for the finance mailbox is **Nebula#Quartz87**.', 'Nebula#Quartz87'],
    ['After the incident we reset the admin password to t=uathLe182kO8w! and told nobody.', 't=uathLe182kO8w!'],
    ['Token used by the nightly export -> TB18V?S?W~UdBhU?^', 'TB18V?S?W~UdBhU?^'],
  ]);
  // in a model's SQL comment and a run's message too
  t.same(found('-- The password of the reporting user is Un3!&e&@\nselect 1', 'raw-code'), ['Un3!&e&@'], 'raw code');
  t.same(found('Database Error: the password for user loader is Xk9#vQ2mLp7 (rotated)', 'run-messages'), ['Xk9#vQ2mLp7'], 'a message');
});

t.test("another language's API key: the word for key with API after it, or API- before it", async (t) => {
  finds(t, [
    ['La clé API du flux partenaire est a825f8d44d362fc3412eea22beb34652.', 'a825f8d44d362fc3412eea22beb34652'],
    ["clé d'API : Xk9vQ2mLp7RtZ8", 'Xk9vQ2mLp7RtZ8'],
    ['La clave de la API del proveedor es 5SkNtdlB0KAm2fTF9wTAEU183gXXeuf7qLjw/a3o', '5SkNtdlB0KAm2fTF9wTAEU183gXXeuf7qLjw/a3o'],
    ['chiave API del fornitore: u-%N!?C^-1Q?ae5q!%y!EbI-', 'u-%N!?C^-1Q?ae5q!%y!EbI-'],
    ['chave da API do parceiro: `U^T$*z@r%!*K9oD8@`', 'U^T$*z@r%!*K9oD8@'],
    ['klucz API: eFfEwutpib97F2rtKSs/I8eGIqw5jy2csGIZRYjG', 'eFfEwutpib97F2rtKSs/I8eGIqw5jy2csGIZRYjG'],
    ['API-sleutel voor de partnerfeed: b4161c67495002be58d261464289c318', 'b4161c67495002be58d261464289c318'],
    ['Der API-Schlüssel für den Partner-Feed ist hIw3aXVomn3uR3O5VzugZ9pr--Kck0ScNi', 'hIw3aXVomn3uR3O5VzugZ9pr--Kck0ScNi'],
    ['API-nyckeln för partnerflödet är DKl9Y_-@7!56Ac@CGhs&KU_k@l!KT', 'DKl9Y_-@7!56Ac@CGhs&KU_k@l!KT'],
  ]);
  findsNothing(t, [
    'clave primaria: id_cliente_2024X',
    'La clave primaria de la tabla es Cliente2024Id',
    'Primärschlüssel: Kunde2024Id',
    'clave: Xk9vQ2mLp7RtZ8',
    "clé API : à demander à l'équipe",
    'chiave API: ${API_KEY}',
    'API-Schlüssel: siehe Vault',
    'Nitro enclave attestation is Xk9vQ2mLp7RtZ8',
    'Nitro enclave API: Xk9vQ2mLp7RtZ8',
  ]);
});

t.test('prose that holds no secret after such a phrase', async (t) => {
  findsNothing(t, [
    'Password for the API: rotate quarterly',
    'The password of the service user is stored in Vault',
    'Passwort für den Kiosk: siehe 1Password',
    "mot de passe du compte : à demander à l'équipe data",
    'Password for the warehouse: <redacted>',
    'the token for the export is the one in GitHub secrets',
    'Password for user `loader`: ${DBT_PASSWORD}',
    "Password for user loader: {{ env_var('DBT_PASSWORD') }}",
    'password policy for the kiosk account: 12 characters minimum',
    'Password hash for the account: bcrypt',
    'token count for the message: integer',
    'Key column for the join: CustomerId2',
    'The primary key of the table is OrderId2024',
    'The surrogate key of this model is generated by dbt_utils.generate_surrogate_key',
    'The key to the customers table is customer_id',
    'The token for pagination is eyJwYWdlIjoyfQ2x',
    'Next page token for the API: CgoxMjM0NTY3ODkwEhA3',
    'one row per pass of the draw; the ratio is limited to 1.5x',
    'The password for the kiosk account is changed every 90 days.',
    'キオスクアカウントのパスワード: 1Passwordを参照してください',
  ]);
});

t.test("the verbs are keywords whose anchor reads a word with a digit or a symbol, as steps only; no other alternative reads them", async (t) => {
  const anchor = assignmentDetector.anchor!;
  for (const verb of [' is', ' to', ' was', ' lautet', ' ->']) {
    const steps = anchorSteps(anchor.source, anchor.flags, verb);
    t.ok(steps && steps.length > 0 && steps.every((s) => s.complete), `${JSON.stringify(verb)}: complete steps`);
  }
  const at = (text: string) => ((anchor.lastIndex = 0), anchor.test(text));
  t.equal(at(' is calculated from the impressions'), false, 'a word without a digit or a symbol');
  t.equal(at(' is Un3!&e&@'), true);
  t.equal(at(' is `8Rty7vnSNXrYT9`'), true, 'in backticks');
});
