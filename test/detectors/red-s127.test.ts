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
