/** JUnit XML: one test case per enabled rule, one failure per finding (suppressed findings are skipped). */
import type { Finding } from '../types.js';
import { TOOL_NAME } from '../version.js';
import type { Formatter } from './types.js';
import { headline } from './summary.js';
import { fileAndPosition } from './locations.js';

export const formatJunit: Formatter = (result, context) => {
  const byRule = new Map<string, Finding[]>(context.rules.map(({ rule }) => [rule.id, []]));
  for (const f of result.findings) if (!f.suppressed) byRule.get(f.ruleId)?.push(f);
  const failures = [...byRule.values()].reduce((n, list) => n + (list.length > 0 ? 1 : 0), 0);
  const seconds = (result.summary.durationMs / 1000).toFixed(3);
  const cases = context.rules.map(({ rule }) => {
    const found = byRule.get(rule.id)!;
    const body = found
      .map((f) => {
        const where = fileAndPosition(f);
        const secret = f.secretId ? `secret: ${f.secretId} (${f.expired ? `expired ${f.expiresAt}` : f.lifetime}${f.expiresAt && !f.expired ? `, expires ${f.expiresAt}` : ''})` : '';
        const text = [`${where} ${f.jsonPath}`, f.uniqueId ? `node: ${f.uniqueId}${f.originalFilePath ? ` (${f.originalFilePath})` : ''}` : '', `preview: ${f.preview}`, secret, `fingerprint: ${f.fingerprint}`]
          .filter(Boolean)
          .join('\n');
        return `      <failure message="${attr(`${f.message} (${f.preview}) at ${where}`)}" type="${attr(`${f.ruleId}/${f.detectorId}`)}">${text_(text)}</failure>`;
      })
      .join('\n');
    const open = `    <testcase classname="${TOOL_NAME}" name="${attr(`${rule.id}: ${rule.title}`)}" time="0"`;
    return found.length === 0 ? `${open}/>` : `${open}>\n${body}\n    </testcase>`;
  });
  // an artifact that could not be read is an error, not a pass: one test case each, so that no test report is green
  const unread = (context.unreadable ?? []).map(
    (message) =>
      `    <testcase classname="${TOOL_NAME}" name="${attr(`read: ${message.split(': ')[0]}`)}" time="0">\n      <error message="${attr(message)}" type="unreadable"/>\n    </testcase>`,
  );
  cases.push(...unread);
  const tests = context.rules.length + unread.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${TOOL_NAME}" tests="${tests}" failures="${failures}" errors="${unread.length}" time="${seconds}">`,
    `  <testsuite name="${TOOL_NAME}" tests="${tests}" failures="${failures}" errors="${unread.length}" skipped="0" time="${seconds}">`,
    '    <properties>',
    `      <property name="summary" value="${attr(headline(result.findings).text)}"/>`,
    `      <property name="distinctSecrets" value="${result.summary.distinctSecrets}"/>`,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};

function attr(s: string): string {
  return text_(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

function text_(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(NOT_IN_XML, '\ufffd');
}

/**
 * What XML 1.0 allows in no document, escaped or not: control characters other than tab, newline and carriage
 * return, a surrogate without its pair, U+FFFE and U+FFFF (a JSON key can hold each as `\uXXXX`).
 */
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
