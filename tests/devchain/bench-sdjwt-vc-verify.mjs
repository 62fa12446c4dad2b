// Throughput of @sd-jwt/sd-jwt-vc 0.19 verifying SD-JWT VC presentations with key binding, for the C# side's
// comparison in the same run (tests/DidSdk.Benchmarks, `throughput` mode).
//   {presentations:[...], issuerPublicJwk, alg, nonce, seconds} -> {verified, failed, elapsedMs, perSecond}
// The issuer key is imported once, as a long-running verifier would; the holder key comes from each cnf.jwk.
import { createPublicKey, verify } from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest } from '@sd-jwt/crypto-nodejs';
import { readRequest } from './bridge-io.mjs';

const options = (alg) => (alg === 'EdDSA' ? {} : { dsaEncoding: 'ieee-p1363' });
const hashOf = (alg) => (alg === 'EdDSA' ? null : 'sha256');
const algOfJwk = (jwk) => (jwk.kty === 'OKP' ? 'EdDSA' : 'ES256');

const request = await readRequest();
const issuerKey = createPublicKey({ key: request.issuerPublicJwk, format: 'jwk' });
const sdjwt = new SDJwtVcInstance({
  hasher: digest,
  hashAlg: 'sha-256',
  verifier: async (data, signature) =>
    verify(hashOf(request.alg), Buffer.from(data), { key: issuerKey, ...options(request.alg) }, Buffer.from(signature, 'base64url')),
  kbVerifier: async (data, signature, payload) => {
    const alg = algOfJwk(payload.cnf.jwk);
    const key = createPublicKey({ key: payload.cnf.jwk, format: 'jwk' });
    return verify(hashOf(alg), Buffer.from(data), { key, ...options(alg) }, Buffer.from(signature, 'base64url'));
  },
});

let verified = 0;
let failed = 0;
const run = async (count) => {
  for (let i = 0; i < count; i++) {
    try {
      await sdjwt.verify(request.presentations[i % request.presentations.length], { keyBindingNonce: request.nonce, requireKeyBindings: true });
      verified++;
    } catch {
      failed++;
    }
  }
};

await run(Math.min(200, request.presentations.length)); // warm-up
verified = 0;
failed = 0;
const start = process.hrtime.bigint();
const deadline = start + BigInt(Math.round(request.seconds * 1e9));
while (process.hrtime.bigint() < deadline) {
  await run(request.presentations.length);
}
const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ verified, failed, elapsedMs, perSecond: (verified * 1000) / elapsedMs }));
