/**
 * Reads at least `bytes` bytes (or everything, if the stream is shorter) and hands back those bytes
 * together with the whole content as one stream, so a caller can look at a file's signature before
 * deciding to store it, without buffering the file.
 */
export async function headOfStream(
  content: AsyncIterable<Uint8Array>,
  bytes: number,
): Promise<{ head: Uint8Array; content: AsyncIterable<Uint8Array> }> {
  const iterator = content[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* whole(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head: head.subarray(0, bytes), content: whole() };
}
