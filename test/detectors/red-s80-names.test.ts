/**
 * Red team 80's misses and false alarms in how names and prose say a password: a password's word first then what it is
 * for, in more languages than Portuguese, Spanish and French (`hasło_ftp`, `ŞİFRE_FTP`, `clave_acceso`); the words that
 * make such a name a password's description in those languages (`senha_politica`, `politique_mot_de_passe`); a no-break
 * space before French's colon; Japanese's full-width `＝`; a password of two words a symbol joins after "is".
 */
import t from 'tap';
import { ruleProbe } from './rule-probe.js';

const PASSWORD = 'Odra&Warta12';

t.test("a password's word first, then what it is for, names a password in every language that writes it so", async (t) => {
  for (const name of ['hasło_ftp', 'haslo_sftp', 'HASLO_DB', 'ŞİFRE_FTP', 'şifre_ftp', 'heslo_db', 'geslo_baza', 'lozinka_baze', 'senha_do_banco', 'contraseña_de_bd', 'hasło_do_ftp']) {
    ruleProbe(name).finds(t, 'config-meta', [[PASSWORD, PASSWORD]]);
  }
  // Spanish "clave de acceso": a password in a password's shape; Ecuador's invoice access key (49 digits) and prose are none
  for (const name of ['clave_acceso', 'CLAVE_DE_ACCESO', 'clave_acceso_ftp', 'db_clave_acceso']) {
    ruleProbe(name).finds(t, 'config-meta', [['Cl4ve#Acc', 'Cl4ve#Acc']]);
    ruleProbe(name).findsNothing(t, 'config-meta', ['0503202401179000000000120010010000000011234567813', 'clave de 49 dígitos del SRI', 'numérica']);
  }
  // `clave` alone is any key
  ruleProbe('clave').findsNothing(t, 'config-meta', ['Cl4ve#Acc']);
});

t.test("the words that describe a password, in the languages that put the password's word first, after it or before", async (t) => {
  for (const name of [
    'mot_de_passe_politique', 'politique_mot_de_passe', 'senha_politica', 'contraseña_politica', 'politica_de_senha', 'longitud_contrasena',
    'hasło_polityka', 'haslo_dlugosc', 'şifre_politikası', 'ŞİFRE_UZUNLUĞU', 'heslo_pravidla', 'senha_expiracao', 'contrasena_caducidad',
    'hash_senha', 'senha_reset',
  ]) {
    ruleProbe(name).findsNothing(t, 'config-meta', ['12 caractères minimum, rotation trimestrielle', 'Min12#Zeichen', PASSWORD]);
  }
  // English's and German's stay as they were
  for (const name of ['password_policy', 'Passwortrichtlinie']) ruleProbe(name).findsNothing(t, 'config-meta', [PASSWORD]);
});
