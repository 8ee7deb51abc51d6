/**
 * Red team 150 (a BigQuery shop's target, blind): a passphrase's words in quotes, given in its own clause after words
 * between its name and the verb (`The PGP passphrase for the monthly export is 'walrus tuxedo lantern fjord'`). A
 * sentence in quotes (`'the name of your first pet'`, `'stored in vault'`), a hint's, and a password's name (words alone
 * are no password) stay none.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

// made up for this test
const PHRASE = 'walrus tuxedo lantern fjord';

t.test("a passphrase's words in quotes after a phrase and a verb, in each place a note is written", async (t) => {
  for (const [key, rule] of [['description', 'free-text'], ['DBT_ENV_CUSTOM_ENV_NOTE', 'env-metadata'], ['compiled_code', 'compiled-code']] as const) {
    const probe = ruleProbe(key);
    probe.finds(t, rule, [
      [`The PGP passphrase for the monthly export is '${PHRASE}'; ask #data-platform.`, PHRASE],
      [`The key passphrase for the export is "${PHRASE}".`, PHRASE],
      [`-- passphrase for the nightly export is 'plum orbit canyon'`, 'plum orbit canyon'],
    ]);
    probe.findsNothing(t, rule, [
      "The PGP passphrase for the monthly export is 'the name of your first pet'.",
      "The PGP passphrase for the monthly export is 'stored in vault'.",
      `The passphrase hint for the export is '${PHRASE}'.`,
      `The password for the export is '${PHRASE}'.`,
      "The status of the export is 'waiting for approval'.",
    ]);
  }
});
