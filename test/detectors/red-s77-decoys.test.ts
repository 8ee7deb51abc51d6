/**
 * Red team 77's decoys: values that look like secrets where a secret could stand, but say what they are. A label under
 * an environment variable's name that says it holds one (`JOB_NAME=Nightly#42-Prod`); in a secret column's
 * description, public material and identifiers (a public key's or a certificate's body, a commit's SHA, a run's, a
 * request's or a message's id, a JOSE header alone, the RFC's Basic example), and the column names that say hashed or
 * encrypted in other languages. Beside each, a real secret in the same place is still found.
 */
import t from 'tap';
import { columnSampleDetector, namesSecretColumn } from '../../src/detectors/column-samples.js';
import { ruleProbe } from './rule-probe.js';

t.test("a label under a name that says it holds one is no password; a password under a name that says nothing is", async (t) => {
  for (const [name, label] of [
    ['JOB_NAME', 'Nightly#42-Prod'],
    ['BUILD_LABEL', 'Release#2024Q3-RC1'],
    ['COST_CENTER', 'CC#4411-DataPlatform'],
    ['WORKFLOW', 'dbt-Build&Test2'],
    ['DBT_CLOUD_JOB_NAME', 'Prod-Daily#2'],
    ['RELEASE', 'v2.3.1-Hotfix#2'],
    ['SPRINT', 'Sprint#42-Auth'],
    ['DBT_ENV_CUSTOM_ENV_RELEASE_TITLE_2', 'Autumn!Launch2024'],
  ] as const) ruleProbe(name).findsNothing(t, 'env-metadata', [label]);
  for (const [name, password] of [
    ['DBT_ENV_CUSTOM_ENV_X', 'Kx7#qmN9pL4'],
    ['DBT_ENV_CUSTOM_ENV_PG', 'Summer2020!Warehouse'],
    // a label's word inside a name, not its last, says nothing
    ['DBT_ENV_CUSTOM_ENV_JOB_PG', 'KTNPfpOAE8*vI9zu'],
    ['NAMESPACE', 'Kx7#qmN9pL4'],
  ] as const) ruleProbe(name).finds(t, 'env-metadata', [[password, password]]);
});

/** The secrets column-sample-value finds in a column's description. */
function samples(column: string, text: string): string[] {
  return columnSampleDetector.detect(text, { key: 'description', parent: column }).map((m) => text.slice(m.start, m.end));
}

t.test('hashed, encrypted and masked in other languages say a column is derived; the secret alone does not', async (t) => {
  const derived = [
    'mot_de_passe_hache', 'motDePasseHaché', 'cle_api_chiffree', 'mot_de_passe_chiffre', 'mot_de_passe_masque', 'contrasena_cifrada',
    'contrasenas_cifradas', 'contrasena_encriptada', 'senha_criptografada', 'senha_cifrada', 'token_cifrado', 'password_cifrata',
    'password_crittografata', 'passwort_verschluesselt', 'passwort_verschluesselte', 'kennwort_verschlüsselt', 'wachtwoord_versleuteld',
    'losenord_krypterat', 'passord_kryptert', 'haslo_zaszyfrowane', 'heslo_sifrovane',
  ];
  t.same(derived.filter((c) => namesSecretColumn(c)), [], 'derived');
  const secret = ['mot_de_passe', 'senha', 'contrasena', 'passwort', 'client_secret', 'api_key', 'mot_de_passe_sftp'];
  t.same(secret.filter((c) => !namesSecretColumn(c)), [], 'secret');
  const value = 'Ejemplo: q7Lm2Xv9Rk4Nw8Yc3Hd6aQzP1sT5uV8wX0yZ2bC4dE6fG';
  t.same(samples('contrasena_cifrada', value), [], 'cifrada');
  t.same(samples('contrasena', value), ['q7Lm2Xv9Rk4Nw8Yc3Hd6aQzP1sT5uV8wX0yZ2bC4dE6fG'], 'contrasena');
});
