/**
 * RFC 3986 percent-encoding as the OTC API gateway's signature check expects it: every byte of
 * the UTF-8 form except the unreserved characters `A-Z a-z 0-9 - . _ ~` becomes `%XX` (upper-case
 * hex). Unlike `encodeURIComponent`, it also encodes `! ' ( ) *`, and a space becomes `%20`.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Decodes `%XX` sequences; a malformed sequence is kept literally (so a path that was never
 * encoded, or contains a stray `%`, still signs deterministically).
 */
export function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/%([0-9A-Fa-f]{2})/g, (whole, hex: string) => {
      const code = parseInt(hex, 16);
      return code < 0x80 ? String.fromCharCode(code) : whole;
    });
  }
}
