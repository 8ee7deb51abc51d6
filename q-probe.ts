import { ruleProbe } from './test/detectors/rule-probe.js';
const p = ruleProbe('block_contents');
for (const t of ['Our Okta token for SCIM used to be 00NzTmYPd1vO9AaHjezLcF_PZ6gLfs7oJvbw-wmDXP (rotated).', 'OKTA_API_TOKEN=00NzTmYPd1vO9AaHjezLcF_PZ6gLfs7oJvbw-wmDXP', 'Okta token: 00NzTmYPd1vO9AaHjezLcF_PZ6gLfs7oJvbw-wmDXP', 'The okta token is 00NzTmYPd1vO9AaHjezLcF_PZ6gLfs7oJvbw-wmDXP'])
  console.log(JSON.stringify(t), p.found(t, 'free-text'));
