/**
 * The MessagePack reader: what it decodes (every format of the spec, JSON's values kept, binary
 * and extension values skipped), where it finds strings again, and hostile bytes (truncation,
 * lengths past the end, deep nesting, huge counts) refused with a MsgpackError, never a crash.
 */
import t from 'tap';
import { decodeMsgpack, locateMsgpackScalars, MsgpackError } from '../../src/artifacts/msgpack.js';
import { encodeMsgpack, MsgpackExt } from '../../scripts/fixtures/msgpack-encode.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

t.test('decodes what JSON holds, in every width the spec has', async (t) => {
  const doc = {
    nodes: { 'model.shop.orders': { raw_code: 'select 1 -- café ☕ 🚀', config: { enabled: true, meta: {} }, tags: ['a', 'b'], version: null } },
    ints: [0, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 2 ** 40, -1, -32, -33, -128, -129, -32768, -32769, -(2 ** 31), -(2 ** 31) - 1, -(2 ** 40)],
    floats: [0.5, -1.25e-7, 1.7976931348623157e308],
    long: 'x'.repeat(300),
    longer: 'y'.repeat(70_000),
    many: Array.from({ length: 20 }, (_, i) => i),
    wide: Object.fromEntries(Array.from({ length: 70_000 }, (_, i) => [`k${i}`, i])),
  };
  t.same(decodeMsgpack(encodeMsgpack(doc)), doc);
  t.equal(decodeMsgpack(hex('ca 3f c0 00 00')), 1.5, 'float32');
  t.equal(decodeMsgpack(hex('cf 00 00 00 01 00 00 00 00')), 2 ** 32, 'uint64');
  t.equal(decodeMsgpack(hex('d3 ff ff ff ff ff ff ff fe')), -2, 'int64');
  t.same(decodeMsgpack(hex('82 a1 61 c0 a1 62 c2')), { a: null, b: false });
});

t.test('binary and extension values are skipped, keys that are not names skip their entry', async (t) => {
  const doc = {
    created_at: new MsgpackExt(-1, Buffer.alloc(8, 1)),
    blob: Buffer.from('secret bytes'),
    ext8: new MsgpackExt(5, Buffer.alloc(3)),
    ext16: new MsgpackExt(5, Buffer.alloc(300)),
    list: ['a', Buffer.alloc(2), new MsgpackExt(1, Buffer.alloc(1)), 'b'],
    kept: 'yes',
  };
  t.same(decodeMsgpack(encodeMsgpack(doc)), { list: ['a', null, null, 'b'], kept: 'yes' });
  // {1: "one", [1]: "list key", nil: "nil key", "x": "y"}
  const keys = hex('84 01 a3 6f 6e 65 91 01 a8 6c 69 73 74 20 6b 65 79 c0 a7 6e 69 6c 20 6b 65 79 a1 78 a1 79');
  t.same(decodeMsgpack(keys), { 1: 'one', x: 'y' });
  t.same(locateMsgpackScalars(keys, [['1'], ['x']]), [{ start: 3, end: 6, isString: true }, { start: 29, end: 30, isString: true }]);
  const proto = decodeMsgpack(encodeMsgpack(JSON.parse('{"__proto__": {"polluted": "yes"}}'))) as Record<string, unknown>;
  t.same(Object.keys(proto), ['__proto__'], '__proto__ is an own key, as JSON.parse makes it');
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype is touched');
});

t.test('locates strings by path at their byte offsets, in one pass', async (t) => {
  const doc = { env_vars: { DBT_TARGET: 'prod', SNOWFLAKE_PASSWORD: 'pässwörd' }, nodes: { m: { tags: ['x', 'y'], raw_code: 'é'.repeat(40) } }, skipped: [[{ a: 'b' }]], version: 65536 };
  const buf = encodeMsgpack(doc);
  const paths = [['env_vars', 'SNOWFLAKE_PASSWORD'], ['nodes', 'm', 'tags', 1], ['nodes', 'm', 'raw_code'], ['nodes', 'missing'], ['nodes', 'm']];
  const spans = locateMsgpackScalars(buf, [...paths, ['version']]);
  const text = (i: number) => buf.toString('utf8', spans[i]!.start, spans[i]!.end);
  t.equal(text(0), 'pässwörd');
  t.equal(text(1), 'y');
  t.equal(text(2), 'é'.repeat(40));
  t.same(spans.slice(3, 5), [undefined, undefined], 'a missing path and a container are no scalar');
  t.same(spans[5], { start: buf.length - 5, end: buf.length, isString: false }, 'a number: its whole encoding');
});

t.test('hostile bytes are refused with a MsgpackError that names an offset, not the bytes', async (t) => {
  const secret = 'hunter2-Zq8vLw3';
  const whole = encodeMsgpack({ env_vars: { DB_PASSWORD: secret }, list: [1, 2.5, 'x'.repeat(300), new MsgpackExt(-1, Buffer.alloc(12))] });
  for (let n = 0; n < whole.length; n++) {
    const error = catchError(() => decodeMsgpack(whole.subarray(0, n)));
    if (!(error instanceof MsgpackError)) {
      t.fail(`a file cut at ${n} bytes: ${String(error)}`);
      break;
    }
    t.notMatch(error.message, /hunter2/);
  }
  const cases: [string, Buffer, RegExp][] = [
    ['str32 of 4 GiB', hex('db ff ff ff ff 61'), /declared length of 4294967295 bytes runs past the end/],
    ['bin32 of 4 GiB', hex('c6 ff ff ff ff'), /declared length/],
    ['ext32 of 4 GiB', hex('c9 ff ff ff ff 01'), /declared length/],
    ['array32 of 4 G entries', hex('dd ff ff ff ff c0'), /declared count of 4294967295 entries/],
    ['map32 of 4 G entries', hex('df ff ff ff ff c0 c0'), /declared count/],
    ['0xc1', hex('91 c1'), /0xc1 is not a MessagePack value at byte offset 1/],
    ['trailing bytes', hex('c0 c0'), /more bytes follow the first value at byte offset 1/],
    ['invalid UTF-8', hex('a2 c3 28'), /not valid UTF-8 at byte offset 1/],
    ['a key twice', encodeMsgpack([{ a: 1 }]).subarray(0, 0), /ends where a value should start/],
    ['empty', Buffer.alloc(0), /ends where a value should start at byte offset 0/],
  ];
  cases[8]![1] = hex('91 82 a1 61 01 a1 61 02');
  cases[8]![2] = /same key twice/;
  for (const [what, bytes, message] of cases) {
    const error = catchError(() => decodeMsgpack(bytes));
    t.type(error, MsgpackError, what);
    t.match((error as Error).message, message, what);
  }
});

t.test('a million levels of nesting decode and locate without recursion', async (t) => {
  const depth = 1_000_000;
  const buf = Buffer.alloc(depth + 2, 0x91); // [[[…["deep"]…]]]
  buf[depth] = 0xa1;
  buf[depth + 1] = 0x64;
  let v = decodeMsgpack(buf);
  let levels = 0;
  while (Array.isArray(v)) {
    v = v[0];
    levels++;
  }
  t.equal(levels, depth);
  t.equal(v, 'd');
  t.same(locateMsgpackScalars(buf, [Array.from({ length: depth }, () => 0)]), [{ start: depth + 1, end: depth + 2, isString: true }]);
});

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}
