// OID4VCI interop bridge, the peer as the issuer: a small HTTP issuer built with @openid4vc/openid4vci 0.4.6
// (metadata, offer, nonce, credential request and jwt proof checks, credential response) and @openid4vc/oauth2 0.4.6
// (authorization server metadata, pre-authorized code token endpoint, access-token checks), on 127.0.0.1 and a free port.
// It signs an SD-JWT VC (@sd-jwt/sd-jwt-vc) as a did:jwk issuer, bound to the key the wallet proved.
//   stdin {vct, claims} -> first stdout line {offer, txCode, issuerDid, credentialIssuer}; then it serves until killed.
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { createServer } from 'node:http';
import { Openid4vciIssuer } from '@openid4vc/openid4vci';
import { Oauth2AuthorizationServer, Oauth2ResourceServer, setGlobalConfig } from '@openid4vc/oauth2';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { readRequest } from './bridge-io.mjs';

const request = await readRequest();
setGlobalConfig({ allowInsecureUrls: true }); // plain HTTP on loopback, for the test only

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicJwk = publicKey.export({ format: 'jwk' });
const issuerDid = `did:jwk:${Buffer.from(JSON.stringify(publicJwk)).toString('base64url')}`;
const kid = `${issuerDid}#0`;
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const signBytes = (input) => sign(null, Buffer.from(input), privateKey).toString('base64url');

const verifyWith = (jwk, alg, input, signature) => {
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return alg === 'EdDSA'
    ? verify(null, Buffer.from(input), key, signature)
    : verify('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }, signature);
};

const callbacks = {
  hash: (data, algorithm) => new Uint8Array(createHash(algorithm.replace('-', '').toLowerCase()).update(data).digest()),
  generateRandom: (length) => new Uint8Array(randomBytes(length)),
  signJwt: async (_signer, { header, payload }) => {
    const input = `${b64(header)}.${b64(payload)}`;
    return { jwt: `${input}.${signBytes(input)}`, signerJwk: publicJwk };
  },
  verifyJwt: async (signer, { header, compact }) => {
    const jwk = signer.publicJwk ?? (signer.method === 'jwk' ? signer.publicJwk : undefined) ?? publicJwk;
    const [h, p, s] = compact.split('.');
    const ok = verifyWith(jwk, header.alg, `${h}.${p}`, Buffer.from(s, 'base64url'));
    return ok ? { verified: true, signerJwk: jwk } : { verified: false };
  },
  clientAuthentication: () => {},
  fetch: globalThis.fetch,
};

const issuer = new Openid4vciIssuer({ callbacks });
const authorizationServer = new Oauth2AuthorizationServer({ callbacks });
const resourceServer = new Oauth2ResourceServer({ callbacks });
const sdJwtVc = new SDJwtVcInstance({
  signer: async (data) => signBytes(data),
  signAlg: 'EdDSA',
  hasher: digest,
  hashAlg: 'sha-256',
  saltGenerator: generateSalt,
});

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const credentialIssuerMetadata = issuer.createCredentialIssuerMetadata({
  credential_issuer: base,
  credential_endpoint: `${base}/credential`,
  nonce_endpoint: `${base}/nonce`,
  credential_configurations_supported: {
    Kyc: {
      format: 'dc+sd-jwt',
      vct: request.vct,
      cryptographic_binding_methods_supported: ['jwk'],
      credential_signing_alg_values_supported: ['EdDSA'],
      proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['EdDSA', 'ES256'] } },
    },
  },
});
const authorizationServerMetadata = authorizationServer.createAuthorizationServerMetadata({
  issuer: base,
  token_endpoint: `${base}/token`,
  jwks_uri: `${base}/jwks`,
  'pre-authorized_grant_anonymous_access_supported': true,
});
const issuerMetadata = {
  originalDraftVersion: 'v1',
  credentialIssuer: credentialIssuerMetadata,
  authorizationServers: [authorizationServerMetadata],
  knownCredentialConfigurations: issuer.getKnownCredentialConfigurationsSupported(credentialIssuerMetadata),
};

const preAuthorizedCode = randomBytes(24).toString('base64url');
const txCode = String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0');
const { credentialOffer, credentialOfferObject } = await issuer.createCredentialOffer({
  issuerMetadata,
  credentialConfigurationIds: ['Kyc'],
  grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': preAuthorizedCode, tx_code: { input_mode: 'numeric', length: 6 } } },
  credentialOfferUri: `${base}/offer`,
});
let codeUsed = false;
const nonces = new Set();

const readBody = (req) => new Promise((resolve) => { let data = ''; req.on('data', (c) => { data += c; }); req.on('end', () => resolve(data)); });
const requestLike = (req) => ({ method: req.method, url: `${base}${req.url}`, headers: new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)])) });
const send = (res, status, body) => { res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }); res.end(JSON.stringify(body)); };

server.on('request', async (req, res) => {
  try {
    const path = req.url.split('?')[0];
    if (req.method === 'GET' && path === '/.well-known/openid-credential-issuer') return send(res, 200, credentialIssuerMetadata);
    if (req.method === 'GET' && path === '/.well-known/oauth-authorization-server') return send(res, 200, authorizationServerMetadata);
    if (req.method === 'GET' && path === '/jwks') return send(res, 200, { keys: [{ ...publicJwk, kid: 'access-token-key' }] });
    if (req.method === 'GET' && path === '/offer') return send(res, 200, credentialOfferObject);
    if (req.method === 'POST' && path === '/token') {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      const parsed = authorizationServer.parseAccessTokenRequest({ request: requestLike(req), accessTokenRequest: form });
      if (codeUsed) return send(res, 400, { error: 'invalid_grant' });
      await authorizationServer.verifyPreAuthorizedCodeAccessTokenRequest({
        authorizationServerMetadata, grant: parsed.grant, accessTokenRequest: parsed.accessTokenRequest, request: requestLike(req),
        expectedPreAuthorizedCode: preAuthorizedCode, expectedTxCode: txCode,
      });
      codeUsed = true;
      return send(res, 200, await authorizationServer.createAccessTokenResponse({
        audience: base, authorizationServer: base, expiresInSeconds: 300, subject: 'customer-42',
        signer: { method: 'jwk', alg: 'EdDSA', publicJwk: { ...publicJwk, kid: 'access-token-key' } },
      }));
    }
    if (req.method === 'POST' && path === '/nonce') {
      const cNonce = randomBytes(16).toString('base64url');
      nonces.add(cNonce);
      return send(res, 200, issuer.createNonceResponse({ cNonce, cNonceExpiresIn: 300 }));
    }
    if (req.method === 'POST' && path === '/credential') {
      const body = JSON.parse(await readBody(req));
      await resourceServer.verifyResourceRequest({ authorizationServers: [authorizationServerMetadata], resourceServer: base, request: requestLike(req) });
      const parsed = issuer.parseCredentialRequest({ issuerMetadata, credentialRequest: body });
      const jwt = parsed.proofs?.jwt?.[0];
      const nonce = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url')).nonce;
      if (!nonces.delete(nonce)) return send(res, 400, { error: 'invalid_nonce' });
      const { header } = await issuer.verifyCredentialRequestJwtProof({ issuerMetadata, jwt, expectedNonce: nonce });
      const credential = await sdJwtVc.issue(
        { iss: issuerDid, vct: request.vct, iat: Math.floor(Date.now() / 1000), cnf: { jwk: header.jwk }, ...request.claims },
        { _sd: Object.keys(request.claims) },
        { header: { kid } },
      );
      return send(res, 200, issuer.createCredentialResponse({ credentialRequest: parsed, credentials: [{ credential }], notificationId: randomBytes(8).toString('hex') }));
    }
    return send(res, 404, { error: 'not_found' });
  } catch (e) {
    process.stderr.write(`${req.method} ${req.url}: ${e?.message ?? e}\n`);
    const error = e?.errorResponse ?? { error: 'invalid_request', error_description: String(e?.message ?? e) };
    return send(res, e?.status ?? 400, error);
  }
});

process.stdout.write(`${JSON.stringify({ offer: credentialOffer, txCode, issuerDid, credentialIssuer: base })}\n`);
