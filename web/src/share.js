// Share links: the program in the URL fragment, as `#wat=` and the deflated UTF-8 text in
// base64url (the fragment never reaches a server). Decoding any fragment gives the text or an
// error message, never an exception: links get truncated, edited and pasted wrongly.

const PREFIX = "wat=";
/** Programs longer than this are refused when a link is opened (a damaged or hostile link). */
const MAX_TEXT = 1 << 20;

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Inflates `packed`, stopping (and answering null) past `limit` bytes: a small link may
 * inflate to gigabytes. */
async function inflateAtMost(packed, limit) {
  const reader = new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function toBase64Url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  try {
    const s = atob(b64);
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The fragment (without `#`) for `text`. */
export async function encodeShare(text) {
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream("deflate-raw"));
  return PREFIX + toBase64Url(packed);
}

/** `{text}` from a fragment (without `#`), or `{error}` saying what is wrong with it. */
export async function decodeShare(fragment) {
  if (!fragment.startsWith(PREFIX)) return { error: "it does not start with #wat=" };
  const packed = fromBase64Url(fragment.slice(PREFIX.length));
  if (!packed || !packed.length) return { error: "its program is not valid base64url" };
  let bytes;
  try {
    bytes = await inflateAtMost(packed, MAX_TEXT);
  } catch {
    return { error: "its program is damaged or cut short" };
  }
  if (!bytes) return { error: "its program is larger than 1 MiB" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { error: "its program is not UTF-8 text" };
  }
}
