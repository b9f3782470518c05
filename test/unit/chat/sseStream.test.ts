import assert from 'node:assert/strict';
import { decodeSse } from '../../../src/core/chat/sseStream';

async function* chunksOf(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    yield bytes.subarray(start, cut);
    start = cut;
  }
}

async function decodeAll(bytes: Uint8Array, cuts: number[] = []): Promise<string[]> {
  const out: string[] = [];
  for await (const data of decodeSse(chunksOf(bytes, cuts))) out.push(data);
  return out;
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('decodeSse', () => {
  const expected = ['{"t":"héllo — 日本"}', '{"t":"🎌"}', '[DONE]'];
  const body = (le: string): string =>
    `: keep-alive${le}${le}data: {"t":"héllo — 日本"}${le}${le}: ping${le}data: {"t":"🎌"}${le}${le}data: [DONE]${le}${le}`;

  for (const le of ['\n', '\r\n', '\r']) {
    const bytes = encode(body(le));

    it(`reads data payloads and drops comments (${JSON.stringify(le)})`, async () => {
      assert.deepEqual(await decodeAll(bytes), expected);
    });

    it(`gives the same payloads for every cut and every pair of cuts (${JSON.stringify(le)})`, async () => {
      for (let a = 1; a < bytes.length; a++) {
        assert.deepEqual(await decodeAll(bytes, [a]), expected, `cut at ${a}`);
        for (let b = a + 1; b < bytes.length; b++) {
          assert.deepEqual(await decodeAll(bytes, [a, b]), expected, `cuts at ${a}, ${b}`);
        }
      }
    });
  }

  it('dispatches a last event whose closing blank line never came', async () => {
    assert.deepEqual(await decodeAll(encode('data: {"a":1}\n\ndata: {"b":2}')), ['{"a":1}', '{"b":2}']);
  });

  it('joins multi-line data with newlines and ignores event, id, retry and unknown fields', async () => {
    const text = 'event: message\nid: 7\nretry: 100\nfoo: bar\ndata: line1\ndata: line2\n\n';
    assert.deepEqual(await decodeAll(encode(text)), ['line1\nline2']);
  });

  it('strips a UTF-8 byte-order mark at the start', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('data: x\n\n')]);
    assert.deepEqual(await decodeAll(bytes), ['x']);
  });

  it('yields each payload as soon as its blank line arrives', async () => {
    let released = false;
    async function* slow(): AsyncGenerator<Uint8Array> {
      yield encode('data: first\n\n');
      released = true;
      yield encode('data: second\n\n');
    }
    const iterator = decodeSse(slow());
    assert.deepEqual(await iterator.next(), { value: 'first', done: false });
    assert.equal(released, false, 'the first payload must not wait for more bytes');
    await iterator.return(undefined);
  });
});
