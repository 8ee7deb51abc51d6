import { createRule } from './create-rule.js';

export default createRule({
  id: 'stale-artifacts',
  title: 'Artifacts from different dbt invocations',
  description: 'manifest.json and run_results.json in one target folder come from different dbt invocations: stale or partial artifacts.',
  // a note, not a warning: it says nothing of a secret, and the default gate (--fail-on warning) would
  // stop on it in a fifth of the target folders public repositories commit (24 of 120 in a sweep)
  severity: 'note',
  scope: 'artifacts',
  selectors: [],
  detectors: [],
  securitySeverity: 3.0,
  precision: 'very-high',
  remediation: `Every dbt command rewrites some artifacts and leaves others: \`dbt parse\` rewrites manifest.json but
not the run_results.json of the last \`dbt build\` (\`dbt docs generate\` rewrites both, with its own compile
results); a failed or cancelled run can leave a partial set.
Artifacts from different invocations may describe different code, so a secret fixed in the manifest
can still sit in an older run_results.json next to it — and a scan of one folder is not a scan of one run.
In a folder that keeps several runs' manifests, a run_results.json is compared with them only when they are all of one
invocation: otherwise which one it ran beside is not known (and one of its own invocation is no stale pair).

**Fix:** scan (and upload) the artifacts of one invocation: run the linter right after the dbt command
that wrote them, clean \`target/\` between jobs (\`dbt clean\`), or keep each run's artifacts in a folder
of its own and scan them all with a glob.`,
});
