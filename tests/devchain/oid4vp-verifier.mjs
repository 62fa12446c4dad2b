// OID4VP interop bridge, the peer as the verifier: an OpenID4VP 1.0 verifier built with @openid4vc/openid4vp 0.4.6 on
// 127.0.0.1 and a free port. It creates an Authorization Request with a DCQL query for one dc+sd-jwt credential
// (response_mode direct_post, or direct_post.jwt with a P-256 key in client_metadata.jwks), either unsigned by value (client_id prefix redirect_uri) or as a Request Object signed
// by its did:jwk and served by reference (prefix decentralized_identifier). At its response_uri it parses and validates
// the Authorization Response with the library, then verifies each SD-JWT VC presentation with @sd-jwt/sd-jwt-vc
// (issuer signature, disclosures, key binding with the request's nonce and client_id as audience) and checks the
// disclosed claims against the query with the dcql package.
//   stdin {clientIdPrefix, responseMode?, issuerPublicJwk, vct, claims:[name], signWithOtherKey?} (signWithOtherKey: the Request Object is
//   signed with a key that is not its DID's, for the negative test)
//   -> first stdout line {authorizationRequest, clientId, verifierDid, nonce, state, responseUri}
//   -> after the first POST to the response_uri, a second line {accepted, encrypted, claims?, kb?, error?}; then it serves until killed.
import { createPublicKey, generateKeyPairSync, randomBytes, sign, verify, createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { Openid4vpVerifier } from '@openid4vc/openid4vp';
import { setGlobalConfig } from '@openid4vc/oauth2';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest } from '@sd-jwt/crypto-nodejs';
import { DcqlPresentationResult, DcqlQuery } from 'dcql';
import { readRequest } from './bridge-io.mjs';
import { decryptJwe } from './jwe-ecdh-es.mjs';

const request = await readRequest();
setGlobalConfig({ allowInsecureUrls: true }); // plain HTTP on loopback, for the test only

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const responseMode = request.responseMode ?? 'direct_post';
const encryptionKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const encryptionJwk = { ...encryptionKey.publicKey.export({ format: 'jwk' }), kid: 'response-encryption-1', use: 'enc', alg: 'ECDH-ES' };
const requestKey = request.signWithOtherKey ? generateKeyPairSync('ed25519').privateKey : privateKey;
const publicJwk = publicKey.export({ format: 'jwk' });
const verifierDid = `did:jwk:${Buffer.from(JSON.stringify(publicJwk)).toString('base64url')}`;
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const algOfJwk = (jwk) => (jwk.kty === 'OKP' ? 'EdDSA' : 'ES256');
const verifyWith = (jwk, input, signature) => {
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return algOfJwk(jwk) === 'EdDSA'
    ? verify(null, Buffer.from(input), key, signature)
    : verify('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }, signature);
};

let lastJweHeader;
const callbacks = {
  hash: (data, algorithm) => new Uint8Array(createHash(algorithm.replace('-', '').toLowerCase()).update(data).digest()),
  signJwt: async (_signer, { header, payload }) => {
    const input = `${b64(header)}.${b64(payload)}`;
    return { jwt: `${input}.${sign(null, Buffer.from(input), requestKey).toString('base64url')}`, signerJwk: publicJwk };
  },
  verifyJwt: async () => ({ verified: false }), // the responses are not signed: no JWT for the library to verify
  decryptJwe: async (jwe, options) => {
    if (options?.jwk?.kid !== encryptionJwk.kid) return { decrypted: false };
    const { header, payload } = decryptJwe(jwe, encryptionKey.privateKey);
    lastJweHeader = header;
    return { decrypted: true, decryptionJwk: encryptionJwk, payload };
  },
  fetch: globalThis.fetch,
};
const verifier = new Openid4vpVerifier({ callbacks });

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const responseUri = `${base}/response`;
const signed = request.clientIdPrefix === 'decentralized_identifier';
const clientId = signed ? `decentralized_identifier:${verifierDid}` : `redirect_uri:${responseUri}`;
const nonce = randomBytes(16).toString('base64url');
const state = randomBytes(16).toString('base64url');
const dcqlQuery = {
  credentials: [{
    id: 'kyc',
    format: 'dc+sd-jwt',
    meta: { vct_values: [request.vct] },
    claims: request.claims.map((name) => ({ path: [name] })),
  }],
};

const created = await verifier.createOpenId4vpAuthorizationRequest({
  authorizationRequestPayload: {
    response_type: 'vp_token',
    client_id: clientId,
    response_mode: responseMode,
    response_uri: responseUri,
    nonce,
    state,
    dcql_query: dcqlQuery,
    client_metadata: {
      vp_formats_supported: { 'dc+sd-jwt': { 'sd-jwt_alg_values': ['EdDSA', 'ES256'], 'kb-jwt_alg_values': ['EdDSA', 'ES256'] } },
      ...(responseMode === 'direct_post.jwt' ? { jwks: { keys: [encryptionJwk] }, encrypted_response_enc_values_supported: ['A256GCM'] } : {}),
    },
  },
  jar: signed ? { requestUri: `${base}/request`, jwtSigner: { method: 'did', didUrl: `${verifierDid}#0`, alg: 'EdDSA' } } : undefined,
});
const requestJwt = created.jar?.authorizationRequestJwt;
const requestPayload = created.authorizationRequestPayload;

const sdJwtVc = new SDJwtVcInstance({
  hasher: digest,
  hashAlg: 'sha-256',
  verifier: async (data, signature) => verifyWith(request.issuerPublicJwk, data, Buffer.from(signature, 'base64url')),
  kbVerifier: async (data, signature, payload) => verifyWith(payload.cnf.jwk, data, Buffer.from(signature, 'base64url')),
});

const readBody = (req) => new Promise((resolve) => { let data = ''; req.on('data', (c) => { data += c; }); req.on('end', () => resolve(data)); });
const send = (res, status, type, body) => { res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }); res.end(body); };
let reported = false;
const report = (outcome) => {
  if (!reported) {
    reported = true;
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
  }
};

// The Authorization Response as the verifier must check it; throws with a reason when refused.
async function check(form) {
  // The class method passes its options through as they are (0.4.6 does not add its own callbacks), so they go here.
  const parsed = await verifier.parseOpenid4vpAuthorizationResponse({ authorizationResponse: form, authorizationRequestPayload: requestPayload, callbacks });
  if (parsed.type !== 'dcql') throw new Error('not a DCQL response');
  if (responseMode === 'direct_post.jwt' && parsed.jarm?.type !== 'Encrypted') throw new Error('the response is not encrypted');
  if (parsed.authorizationResponsePayload.state !== state) throw new Error('state mismatch');
  const presentations = parsed.dcql.presentations;
  const verified = {};
  let claims;
  let kb;
  for (const [queryId, entries] of Object.entries(presentations)) {
    if (queryId !== 'kyc' || entries.length !== 1 || typeof entries[0] !== 'string') throw new Error(`unexpected presentation for ${queryId}`);
    const result = await sdJwtVc.verify(entries[0], { keyBindingNonce: parsed.expectedNonce, requireKeyBindings: true });
    if (result.kb?.payload?.aud !== clientId) throw new Error(`key binding audience ${result.kb?.payload?.aud} is not the client_id`);
    if (result.kb.payload.nonce !== nonce) throw new Error('key binding nonce mismatch');
    if (result.payload.vct !== request.vct) throw new Error('vct mismatch');
    claims = result.payload;
    kb = result.kb.payload;
    verified[queryId] = [{ credential_format: 'dc+sd-jwt', vct: result.payload.vct, claims: result.payload, cryptographic_holder_binding: true }];
  }
  const query = DcqlQuery.parse(parsed.dcql.query);
  DcqlQuery.validate(query);
  const dcqlResult = DcqlPresentationResult.fromDcqlPresentation(verified, { dcqlQuery: query });
  if (!dcqlResult.can_be_satisfied) throw new Error('the presentations do not satisfy the DCQL query');
  return { claims, kb, encrypted: parsed.jarm?.type === 'Encrypted', enc: lastJweHeader?.enc ?? null };
}

server.on('request', async (req, res) => {
  const path = req.url.split('?')[0];
  try {
    if (req.method === 'GET' && path === '/request' && requestJwt) return send(res, 200, 'application/oauth-authz-req+jwt', requestJwt);
    if (req.method === 'POST' && path === '/response') {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      try {
        report({ accepted: true, ...(await check(form)) });
        return send(res, 200, 'application/json', '{}');
      } catch (e) {
        report({ accepted: false, error: String(e?.message ?? e).slice(0, 500) });
        return send(res, 400, 'application/json', JSON.stringify({ error: 'invalid_request', error_description: 'The presentation was refused.' }));
      }
    }
    return send(res, 404, 'application/json', JSON.stringify({ error: 'not_found' }));
  } catch (e) {
    process.stderr.write(`${req.method} ${req.url}: ${e?.message ?? e}\n`);
    return send(res, 500, 'application/json', JSON.stringify({ error: 'server_error' }));
  }
});

process.stdout.write(`${JSON.stringify({ authorizationRequest: created.authorizationRequest, clientId, verifierDid, nonce, state, responseUri })}\n`);
