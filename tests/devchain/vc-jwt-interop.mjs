// VC-JWT interop bridge: did-jwt-vc 4 (with did-jwt 8) against did:key and did:ethr.
//   {action:"issue", privateKeyHex, alg:"EdDSA"|"ES256K", did, kid?, credential}        -> {jwt}
//   {action:"present", privateKeyHex, alg, did, kid?, credentials:[jwt], aud, nonce}   -> {jwt}
//   {action:"verify", jwt, ethr?:{rpcUrl, registry, chainId}}                            -> {verified, payload, error}
//   {action:"verifyPresentation", jwt, aud, nonce, ethr?}                                -> {verified, payload, error}
import { Resolver } from 'did-resolver';
import { getResolver as keyResolver } from 'key-did-resolver';
import { getResolver as ethrResolver } from 'ethr-did-resolver';
import { EdDSASigner, ES256KSigner } from 'did-jwt';
import { createVerifiableCredentialJwt, createVerifiablePresentationJwt, verifyCredential, verifyPresentation } from 'did-jwt-vc';
import { JsonRpcProvider, Network } from 'ethers';
import { readRequest } from './bridge-io.mjs';

const request = await readRequest();
let provider;
function resolver() {
  const methods = { ...keyResolver() };
  if (request.ethr) {
    const chainId = Number(request.ethr.chainId);
    provider = new JsonRpcProvider(request.ethr.rpcUrl, Network.from(chainId), { staticNetwork: true });
    Object.assign(methods, ethrResolver({ networks: [{ chainId, provider, registry: request.ethr.registry }] }));
  }
  return new Resolver(methods, { cache: false });
}
const signerOf = () => {
  const key = Buffer.from(request.privateKeyHex, 'hex');
  return request.alg === 'EdDSA' ? EdDSASigner(key) : ES256KSigner(key);
};
const issuer = () => ({ did: request.did, signer: signerOf(), alg: request.alg, ...(request.kid ? { kid: request.kid } : {}) });

let reply;
try {
  switch (request.action) {
    case 'issue':
      reply = { jwt: await createVerifiableCredentialJwt(request.credential, issuer(), request.kid ? { header: { kid: request.kid } } : {}) };
      break;
    case 'present':
      reply = {
        jwt: await createVerifiablePresentationJwt(
          { vp: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], verifiableCredential: request.credentials }, aud: request.aud, nonce: request.nonce },
          issuer(),
          request.kid ? { header: { kid: request.kid } } : {}),
      };
      break;
    case 'verify':
      try {
        const verified = await verifyCredential(request.jwt, resolver());
        reply = { verified: true, payload: verified.payload, issuer: verified.issuer };
      } catch (e) {
        reply = { verified: false, error: e?.message ?? String(e) };
      }
      break;
    case 'verifyPresentation':
      try {
        const verified = await verifyPresentation(request.jwt, resolver(), { challenge: request.nonce, domain: request.aud, audience: request.aud });
        const credentials = [];
        for (const vc of verified.payload.vp.verifiableCredential) {
          credentials.push((await verifyCredential(vc, resolver())).verified);
        }
        reply = { verified: credentials.every((c) => c), payload: verified.payload };
      } catch (e) {
        reply = { verified: false, error: e?.message ?? String(e) };
      }
      break;
    default:
      throw new Error(`unknown action ${request.action}`);
  }
} finally {
  provider?.destroy();
}
process.stdout.write(JSON.stringify(reply));
