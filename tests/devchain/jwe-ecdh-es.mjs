// Compact JWE with ECDH-ES (direct key agreement, RFC 7518 §4.6) on P-256 and A128GCM/A256GCM, with node's own crypto:
// the encryptJwe/decryptJwe callbacks the @openid4vc libraries leave to the application, for direct_post.jwt.
import { createCipheriv, createDecipheriv, createHash, createPublicKey, diffieHellman, generateKeyPairSync, randomBytes } from 'node:crypto';

const keyBits = { A128GCM: 128, A256GCM: 256 };
const b64u = (bytes) => Buffer.from(bytes).toString('base64url');
const lengthPrefixed = (bytes) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

// Concat KDF (NIST SP 800-56A, RFC 7518 §4.6.2): AlgorithmID = enc, PartyUInfo = apu, PartyVInfo = apv, one SHA-256 round.
function contentKey(z, enc, apu, apv) {
  const bits = keyBits[enc];
  if (!bits) throw new Error(`unsupported enc ${enc}`);
  const suppPubInfo = Buffer.alloc(4);
  suppPubInfo.writeUInt32BE(bits);
  const otherInfo = Buffer.concat([lengthPrefixed(Buffer.from(enc)), lengthPrefixed(apu), lengthPrefixed(apv), suppPubInfo]);
  return createHash('sha256').update(Buffer.from([0, 0, 0, 1])).update(z).update(otherInfo).digest().subarray(0, bits / 8);
}

/** Encrypts data to a public P-256 JWK; the header carries kid (the JWK's) and apu/apv when given (base64url strings). */
export function encryptJwe({ publicJwk, alg, enc, apu, apv }, data) {
  if (alg !== 'ECDH-ES') throw new Error(`unsupported alg ${alg}`);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  const header = { alg, enc, epk: { kty, crv, x, y }, ...(publicJwk.kid ? { kid: publicJwk.kid } : {}), ...(apu ? { apu } : {}), ...(apv ? { apv } : {}) };
  const recipient = createPublicKey({ key: { kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y }, format: 'jwk' });
  const key = contentKey(diffieHellman({ privateKey, publicKey: recipient }), enc,
    apu ? Buffer.from(apu, 'base64url') : Buffer.alloc(0), apv ? Buffer.from(apv, 'base64url') : Buffer.alloc(0));
  const protectedHeader = b64u(JSON.stringify(header));
  const iv = randomBytes(12);
  const cipher = createCipheriv(`aes-${keyBits[enc]}-gcm`, key, iv);
  cipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(Buffer.from(data, 'utf8')), cipher.final()]);
  return { jwe: `${protectedHeader}..${b64u(iv)}.${b64u(ciphertext)}.${b64u(cipher.getAuthTag())}`, encryptionJwk: publicJwk };
}

/** Decrypts a compact JWE with a private P-256 KeyObject; throws when it does not decrypt. */
export function decryptJwe(jwe, privateKey) {
  const [protectedHeader, encryptedKey, iv, ciphertext, tag] = jwe.split('.');
  if (tag === undefined || encryptedKey !== '') throw new Error('not a compact ECDH-ES JWE');
  const header = JSON.parse(Buffer.from(protectedHeader, 'base64url').toString('utf8'));
  if (header.alg !== 'ECDH-ES') throw new Error(`unsupported alg ${header.alg}`);
  const key = contentKey(diffieHellman({ privateKey, publicKey: createPublicKey({ key: header.epk, format: 'jwk' }) }), header.enc,
    Buffer.from(header.apu ?? '', 'base64url'), Buffer.from(header.apv ?? '', 'base64url'));
  const decipher = createDecipheriv(`aes-${keyBits[header.enc]}-gcm`, key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return { header, payload: Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8') };
}
