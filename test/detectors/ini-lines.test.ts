/**
 * Session 32's red team: an assignment that is its whole line, as INI, TOML and .env files write
 * one (`aws_secret_access_key = …` in ~/.aws/credentials pasted into a docs block), is found with
 * spaces around its `=`; in code, where `name = expression` is no literal, it stays silent. Each
 * case names the exact secret, or none.
 */
import { assignmentDetector } from '../../src/detectors/assignments.js';
import { checkDetector as check } from './detector-cases.js';

check(assignmentDetector, [
  { label: 'an AWS credentials profile', text: '[dbt-loader]\naws_secret_access_key = q7Rk2vLm9XcT4wZp8NbH3sJd6FgY1aUe5oKi0Cr+\nregion = eu-west-1\n', secrets: ['q7Rk2vLm9XcT4wZp8NbH3sJd6FgY1aUe5oKi0Cr+'] },
  { label: 'a line of its own, the whole text', text: 'db_password = Wint3rQ9xv!Lp2z', secrets: ['Wint3rQ9xv!Lp2z'] },
  { label: 'indented in a markdown code block, CRLF', text: 'Setup:\r\n\r\n    snowflake_password = Xk29fLq7Vz3Pm8Rt\r\n', secrets: ['Xk29fLq7Vz3Pm8Rt'] },
  { label: 'a tab before the = and trailing spaces', text: 'api_token\t= 9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6   \nnext = 1', secrets: ['9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6'] },
  { label: 'mid-line in prose: no assignment', text: 'the password = Wint3rQ9xvLp2z is the old one', secrets: [] },
  // (a generator's `!` or `#`, which no operand of code has, makes one mid-line too: red team 114)
  { label: "mid-line in prose, a generator's password", text: 'the password = Wint3rQ9xv!Lp2z is the old one', secrets: ['Wint3rQ9xv!Lp2z'] },
  { label: 'a value that does not end its line is an expression', text: 'credential_process = aws-vault export --format=json dbt-loader', secrets: [] },
  { label: 'a call in a Python model', text: 'def model(dbt, session):\n    api_key = get_secret2("stripe")\n    return dbt.ref("x")', secrets: [] },
  { label: 'a lookup in a Python model', text: "secret_key = os.environ['SECRET_KEY']", secrets: [] },
  { label: 'a variable in code', text: '    token = token_v2\n', secrets: [] },
  { label: "a where clause's comparison with a qualified column", text: 'select *\nfrom a\nwhere\n    token = s2.token\n', secrets: [] },
  { label: 'a T-SQL variable', text: 'password = @password', secrets: [] },
  { label: 'a shell variable without braces', text: 'PASSWORD = $DB_PASSWORD', secrets: [] },
  { label: 'a shell variable', text: 'password = ${SNOWFLAKE_PASSWORD}', secrets: [] },
  { label: 'a placeholder', text: 'password = <your password>', secrets: [] },
  { label: 'a mask', text: 'password = ********', secrets: [] },
  { label: 'indented too deep for a file line: code inside code', text: 'x:\n                  password = Wint3rQ9xvLp2z\n', secrets: [] },
]);
