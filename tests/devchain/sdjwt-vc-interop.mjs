// SD-JWT VC interop bridge: @sd-jwt/sd-jwt-vc 0.19 with node's own crypto for EdDSA, ES256 and ES256K.
//   {action:"issue", issuerPrivateJwk, alg, claims, disclosureFrame} -> {token}
//   {action:"present", token, presentationFrame, holderPrivateJwk?, holderAlg?, aud, nonce, iat} -> {presentation}
//   {action:"verify", token, issuerPublicJwk, alg, requireKeyBinding, nonce?} -> {verified, claims, kb, error}
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { readRequest } from './bridge-io.mjs';

const options = (alg) => (alg === 'EdDSA' ? undefined : { dsaEncoding: 'ieee-p1363' });
const hashOf = (alg) => (alg === 'EdDSA' ? null : 'sha256');
const signerFor = (jwk, alg) => {
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  return async (data) => sign(hashOf(alg), Buffer.from(data), { key, ...options(alg) }).toString('base64url');
};
const verifierFor = (jwk, alg) => {
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return async (data, signature) => verify(hashOf(alg), Buffer.from(data), { key, ...options(alg) }, Buffer.from(signature, 'base64url'));
};
const algOfJwk = (jwk) => (jwk.kty === 'OKP' ? 'EdDSA' : jwk.crv === 'secp256k1' ? 'ES256K' : 'ES256');

const request = await readRequest();
let reply;
switch (request.action) {
  case 'issue': {
    const sdjwt = new SDJwtVcInstance({ signer: signerFor(request.issuerPrivateJwk, request.alg), signAlg: request.alg, hasher: digest, hashAlg: 'sha-256', saltGenerator: generateSalt });
    reply = { token: await sdjwt.issue(request.claims, request.disclosureFrame) };
    break;
  }
  case 'present': {
    const config = { hasher: digest, hashAlg: 'sha-256', saltGenerator: generateSalt };
    if (request.holderPrivateJwk) {
      config.kbSigner = signerFor(request.holderPrivateJwk, request.holderAlg);
      config.kbSignAlg = request.holderAlg;
    }
    const sdjwt = new SDJwtVcInstance(config);
    const kb = request.holderPrivateJwk ? { kb: { payload: { aud: request.aud, nonce: request.nonce, iat: request.iat } } } : undefined;
    reply = { presentation: await sdjwt.present(request.token, request.presentationFrame, kb) };
    break;
  }
  case 'verify': {
    const sdjwt = new SDJwtVcInstance({
      hasher: digest,
      hashAlg: 'sha-256',
      verifier: verifierFor(request.issuerPublicJwk, request.alg),
      kbVerifier: async (data, signature, payload) => verifierFor(payload.cnf.jwk, algOfJwk(payload.cnf.jwk))(data, signature),
    });
    try {
      const result = await sdjwt.verify(request.token, { keyBindingNonce: request.nonce, requireKeyBindings: request.requireKeyBinding });
      reply = { verified: true, claims: result.payload, kb: result.kb?.payload ?? null };
    } catch (e) {
      reply = { verified: false, error: e?.message ?? String(e) };
    }
    break;
  }
  default:
    process.stderr.write(`unknown action ${request.action}\n`);
    process.exit(2);
}
process.stdout.write(JSON.stringify(reply));
