// W3C vc+sd-jwt / vp+sd-jwt interop bridge (VC-JOSE-COSE §3.2): the generic SD-JWT of @sd-jwt/core 0.19 with node's crypto.
//   {action:"issue", issuerPrivateJwk, alg, kid, credential, disclosureFrame} -> {token}   (typ vc+sd-jwt, cty vc)
//   {action:"verify-vp", presentation, holderPublicJwk, issuerPublicJwk, nonce}
//     -> {verified, header, payload, credentials:[{header, claims, kb}], error}
//   The presentation is verified as an SD-JWT signed by the holder's key; each enveloped vc+sd-jwt with the issuer's key
//   and, when it has cnf, its Key Binding JWT (nonce checked by the library).
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { SDJwtInstance } from '@sd-jwt/core';
import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { readRequest } from './bridge-io.mjs';

const PREFIX = 'data:application/vc+sd-jwt,';
const options = (alg) => (alg === 'EdDSA' ? undefined : { dsaEncoding: 'ieee-p1363' });
const hashOf = (alg) => (alg === 'EdDSA' ? null : 'sha256');
const algOfJwk = (jwk) => (jwk.kty === 'OKP' ? 'EdDSA' : jwk.crv === 'secp256k1' ? 'ES256K' : 'ES256');
const signerFor = (jwk, alg) => {
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  return async (data) => sign(hashOf(alg), Buffer.from(data), { key, ...options(alg) }).toString('base64url');
};
const verifierFor = (jwk) => {
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const alg = algOfJwk(jwk);
  return async (data, signature) => verify(hashOf(alg), Buffer.from(data), { key, ...options(alg) }, Buffer.from(signature, 'base64url'));
};

const request = await readRequest();
let reply;
switch (request.action) {
  case 'issue': {
    const sdjwt = new SDJwtInstance({ signer: signerFor(request.issuerPrivateJwk, request.alg), signAlg: request.alg, hasher: digest, hashAlg: 'sha-256', saltGenerator: generateSalt });
    reply = { token: await sdjwt.issue(request.credential, request.disclosureFrame, { header: { typ: 'vc+sd-jwt', cty: 'vc', kid: request.kid } }) };
    break;
  }
  case 'verify-vp': {
    try {
      const vp = await new SDJwtInstance({ hasher: digest, hashAlg: 'sha-256', verifier: verifierFor(request.holderPublicJwk) })
        .verify(request.presentation, { requireKeyBindings: false });
      const credentials = [];
      for (const entry of vp.payload.verifiableCredential) {
        if (entry.type !== 'EnvelopedVerifiableCredential' || !entry.id.startsWith(PREFIX)) {
          throw new Error('not an enveloped vc+sd-jwt');
        }
        const inner = new SDJwtInstance({
          hasher: digest,
          hashAlg: 'sha-256',
          verifier: verifierFor(request.issuerPublicJwk),
          kbVerifier: async (data, signature, payload) => verifierFor(payload.cnf.jwk)(data, signature),
        });
        const result = await inner.verify(entry.id.slice(PREFIX.length), { keyBindingNonce: request.nonce, requireKeyBindings: true });
        credentials.push({ header: result.header, claims: result.payload, kb: result.kb?.payload ?? null });
      }
      reply = { verified: true, header: vp.header, payload: vp.payload, credentials };
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
