/**
 * Red team 82: a bare password that holds a double quote (`password=Hk4wQ9"zLmP2xR7vB`, as a JSON-lines log's `\"`
 * decodes) was read up to the quote, and redact's copy kept the rest; with three characters before the quote it was not
 * found at all. Beside each, the quotes that still end a value: a string's end, a string's prefix, a name's operator.
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const log = ruleProbe('msg');
const sql = ruleProbe('compiled_code');

t.test('a double quote inside a bare value, a word going on after it, is part of the value', async (t) => {
  log.finds(t, 'run-messages', [
    ['connect password=Hk4wQ9"zLmP2xR7vB ok', 'Hk4wQ9"zLmP2xR7vB'],
    ['connect password=Tq8\\mN3pL"Xw7cV9kR2 ok', 'Tq8\\mN3pL"Xw7cV9kR2'],
    ['12:00:00 password=Zp3"Lk9Wq2Xv8Rt', 'Zp3"Lk9Wq2Xv8Rt'],
  ]);
});

t.test('a double quote that ends a string, opens one or comes before the next pair still ends the value', async (t) => {
  log.finds(t, 'run-messages', [
    ['{"dsn":"host=h password=Kq9xWm2Lp7","user":"u"}', 'Kq9xWm2Lp7'],
    ['{"password=Kq9xWm2Lp7":"x"}', 'Kq9xWm2Lp7'],
    ['host=h password=Kq9xWm2Lp7"user=u" ok', 'Kq9xWm2Lp7'],
    ['PGPASSWORD=Kq9xWm2Lp7"abc"def run', 'Kq9xWm2Lp7'],
    ['<a href="x?token=Kq9xWm2Lp7Zr8Tq">', 'Kq9xWm2Lp7Zr8Tq'],
  ]);
  sql.findsNothing(t, 'compiled-code', ['headers = {"Authorization": f"Bearer {token}"}', 'auth = token:"clm29679:AgencyIdentificationCodeContentType"']);
});
