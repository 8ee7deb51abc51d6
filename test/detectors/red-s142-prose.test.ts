/**
 * Red team 142: passwords as team docs write them. A label in Markdown's bold or italics with its colon inside
 * (`**Password:** …`); a `!` that the sentence goes on after (`Use password Gr33n-Apple! for the kiosk`); a password
 * after its user's name listed before it (`user LOOKER_SVC, password …, role REPORTER`). What prose says of a password
 * stays none.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PASSWORD = 'Mkt9!Pepper-77';

t.test("a label in bold or italics with its colon inside, in each place a note is written", async (t) => {
  for (const [key, rule] of [['description', 'free-text'], ['DBT_ENV_CUSTOM_ENV_NOTE', 'env-metadata'], ['compiled_code', 'compiled-code']] as const) {
    const probe = ruleProbe(key);
    probe.finds(t, rule, [
      [`**Password:** ${PASSWORD}`, PASSWORD],
      [`*Password:* ${PASSWORD}`, PASSWORD],
      [`__Password:__ ${PASSWORD}`, PASSWORD],
      [`- **DB password:** ${PASSWORD}`, PASSWORD],
      ['**Token:** xq9Lm2Vz7pRt4Wb8Nc3Kd6Hf1Js5Ga0Y', 'xq9Lm2Vz7pRt4Wb8Nc3Kd6Hf1Js5Ga0Y'],
    ]);
    probe.findsNothing(t, rule, ['**Password:** Required.', '**Password:** see 1Password item "Snowflake prod"', '*Token:* stored in CI secrets', '**Password:**', '**API key:** `{{ env_var("API_KEY") }}`']);
  }
});

t.test("a `!` the sentence goes on after is the password's; a password after its user's name listed before it", async (t) => {
  const probe = ruleProbe('description');
  probe.finds(t, 'free-text', [
    ['Use password Gr33n-Apple! for the kiosk', 'Gr33n-Apple!'],
    ['user LOOKER_SVC, password Mkt9!Pepper12, role REPORTER', 'Mkt9!Pepper12'],
    ['login etl_loader password Harbor$Lights2023 (rotate yearly)', 'Harbor$Lights2023'],
  ]);
  probe.findsNothing(t, 'free-text', ['user LOOKER_SVC, password reset emails go to IT', 'login etl_loader password-protected since 2023', 'Change your password regularly! It matters.', 'user analytics, password policy PasswordPolicy2024 applies']);
});

t.test("a used password's `!` at its line's end, after an article; a label in HTML's bold (red team 143)", async (t) => {
  const probe = ruleProbe('description');
  probe.finds(t, 'free-text', [
    ['Use password Gr33n-Apple!', 'Gr33n-Apple!'],
    ['Use the password Gr33n-Apple! for the kiosk', 'Gr33n-Apple!'],
    [`<b>Password:</b> ${PASSWORD}`, PASSWORD],
    ['<strong>Token:</strong> xq9Lm2Vz7pRt4Wb8Nc3Kd6Hf1Js5Ga0Y', 'xq9Lm2Vz7pRt4Wb8Nc3Kd6Hf1Js5Ga0Y'],
  ]);
  probe.findsNothing(t, 'free-text', ['Change your password Now!', 'the password Reset-Policy#2 applies!', '<b>Password:</b> see 1Password', 'Use the password manager!']);
});
