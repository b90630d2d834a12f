// A random UUID v4, for Idempotency-Keys. Plain code with no imports: the quick-order page
// (no framework) uses it as well as the admin app and the portal.

type CryptoLike = Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string };

/** crypto.randomUUID, else the same shape built from crypto.getRandomValues (or Math.random). */
export function randomUuid(c: CryptoLike | undefined = globalThis.crypto): string {
  if (c && typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // Not a secure context: fall through.
    }
  }
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
