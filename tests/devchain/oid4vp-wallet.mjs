// OID4VP interop bridge, the peer as the wallet: @openid4vc/openid4vp 0.4.6 parses and resolves an Authorization
// Request (by value, or by request_uri with the Request Object's signature checked against the verifier's did:jwk),
// the dcql package evaluates its DCQL query over the one SD-JWT VC held, @sd-jwt/sd-jwt-vc presents it with the
// queried claims disclosed and a KB-JWT (aud = client_id, nonce = the request's), and the library posts the
// Authorization Response to the response_uri: direct_post, or for direct_post.jwt encrypted (ECDH-ES, the enc the
// verifier lists) to the key in its client_metadata.jwks.
//   stdin {authorizationRequest, credential, holderPrivateJwk, nonceOverride?, audienceOverride?} (the overrides go into
//   the KB-JWT instead of the request's values, for the negative tests)
//   -> {clientId, clientPrefix, signed, responseUri, canBeSatisfied, disclosed:[name], status, body}
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { Openid4vpClient } from '@openid4vc/openid4vp';
import { setGlobalConfig } from '@openid4vc/oauth2';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { DcqlQuery } from 'dcql';
import { readRequest } from './bridge-io.mjs';
import { encryptJwe } from './jwe-ecdh-es.mjs';

const request = await readRequest();
setGlobalConfig({ allowInsecureUrls: true }); // plain HTTP on loopback, for the test only

const algOfJwk = (jwk) => (jwk.kty === 'OKP' ? 'EdDSA' : 'ES256');
const verifyWith = (jwk, input, signature) => {
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return algOfJwk(jwk) === 'EdDSA'
    ? verify(null, Buffer.from(input), key, signature)
    : verify('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }, signature);
};
// did:jwk is resolved by decoding it; the key is its single verification method #0.
const resolveDidJwk = (didUrl) => {
  const [did, fragment] = didUrl.split('#');
  if (!did.startsWith('did:jwk:') || fragment !== '0') throw new Error(`cannot resolve ${didUrl}`);
  return JSON.parse(Buffer.from(did.slice('did:jwk:'.length), 'base64url').toString('utf8'));
};

const callbacks = {
  hash: (data, algorithm) => new Uint8Array(createHash(algorithm.replace('-', '').toLowerCase()).update(data).digest()),
  verifyJwt: async (signer, { compact }) => {
    if (signer.method !== 'did') return { verified: false };
    const jwk = resolveDidJwk(signer.didUrl);
    const [h, p, s] = compact.split('.');
    return verifyWith(jwk, `${h}.${p}`, Buffer.from(s, 'base64url')) ? { verified: true, signerJwk: jwk } : { verified: false };
  },
  encryptJwe: async (encryptor, data) => encryptJwe(encryptor, data),
  fetch: globalThis.fetch,
};
const client = new Openid4vpClient({ callbacks });

const parsed = client.parseOpenid4vpAuthorizationRequest({ authorizationRequest: request.authorizationRequest });
const resolved = await client.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params });
const payload = resolved.authorizationRequestPayload;
if (!resolved.dcql) throw new Error('the request has no DCQL query');

// What the wallet holds, as DCQL sees it.
const holderKey = createPrivateKey({ key: request.holderPrivateJwk, format: 'jwk' });
const holderAlg = algOfJwk(request.holderPrivateJwk);
const sdJwtVc = new SDJwtVcInstance({
  hasher: digest,
  hashAlg: 'sha-256',
  saltGenerator: generateSalt,
  kbSigner: async (data) => sign(holderAlg === 'EdDSA' ? null : 'sha256', Buffer.from(data), holderAlg === 'EdDSA' ? holderKey : { key: holderKey, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
  kbSignAlg: holderAlg,
});
const held = await sdJwtVc.getClaims(request.credential);
const query = DcqlQuery.parse(resolved.dcql.query);
DcqlQuery.validate(query);
const result = DcqlQuery.query(query, [{ credential_format: 'dc+sd-jwt', vct: held.vct, claims: held, cryptographic_holder_binding: true }]);
if (!result.can_be_satisfied) {
  process.stdout.write(JSON.stringify({ clientId: payload.client_id, canBeSatisfied: false }));
  process.exit(0);
}

// Disclose exactly the queried top-level claims of the one matching credential.
const credentialQuery = query.credentials[0];
const disclosed = (credentialQuery.claims ?? []).map((claim) => claim.path[0]);
const frame = Object.fromEntries(disclosed.map((name) => [name, true]));
const presentation = await sdJwtVc.present(request.credential, frame, {
  kb: { payload: { aud: request.audienceOverride ?? payload.client_id, nonce: request.nonceOverride ?? payload.nonce, iat: Math.floor(Date.now() / 1000) } },
});

const response = await client.createOpenid4vpAuthorizationResponse({
  authorizationRequestPayload: payload,
  authorizationResponsePayload: { vp_token: { [credentialQuery.id]: [presentation] } },
  jarm: payload.response_mode === 'direct_post.jwt'
    ? { encryption: {}, serverMetadata: { authorization_signing_alg_values_supported: [], authorization_encryption_alg_values_supported: ['ECDH-ES'], authorization_encryption_enc_values_supported: ['A128GCM', 'A256GCM'] } }
    : undefined,
});
const submitted = await client.submitOpenid4vpAuthorizationResponse({
  authorizationRequestPayload: payload,
  authorizationResponsePayload: response.authorizationResponsePayload,
  jarm: response.jarm ? { responseJwt: response.jarm.responseJwt } : undefined,
});
const body = await submitted.response.text();
process.stdout.write(JSON.stringify({
  clientId: payload.client_id,
  clientPrefix: resolved.client.prefix,
  signed: resolved.jar !== undefined,
  responseUri: payload.response_uri,
  responseMode: submitted.responseMode,
  encryptedTo: response.jarm?.encryptionJwk?.kid ?? null,
  canBeSatisfied: true,
  disclosed,
  status: submitted.response.status,
  body,
}));
