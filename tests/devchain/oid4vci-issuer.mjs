// OID4VCI interop bridge, the peer as the issuer: a small HTTP issuer built with @openid4vc/openid4vci 0.4.6
// (metadata, offer, nonce, credential request and jwt proof checks, credential response) and @openid4vc/oauth2 0.4.6
// (authorization server metadata, pre-authorized code token endpoint, access-token checks), on 127.0.0.1 and a free port.
// It signs an SD-JWT VC (@sd-jwt/sd-jwt-vc) as a did:jwk issuer, bound to the key the wallet proved.
// With grant "authorization_code" it is the Authorization Code Flow's server instead: the offer carries issuer_state,
// pushed authorization requests are required (the library's parse/verify PAR and createPushedAuthorizationResponse),
// /authorize logs in a fixed customer and redirects to the wallet with code, state and iss (the library has no
// authorization endpoint helper: that front channel is the application's), and the token endpoint redeems the code
// once with the library's verifyAuthorizationCodeAccessTokenRequest (PKCE S256); client_id, redirect_uri and single
// use are checked here, because the library leaves them to the application. authorization_details of type
// openid_credential get credential_identifiers in the Token Response.
//   stdin {vct, claims, grant?: "pre-authorized_code"|"authorization_code", clientId?, redirectUris?: [string]}
//   -> first stdout line {offer, txCode, issuerState, issuerDid, credentialIssuer}; then it serves until killed.
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { createServer } from 'node:http';
import { Openid4vciIssuer } from '@openid4vc/openid4vci';
import { Oauth2AuthorizationServer, Oauth2ResourceServer, parsePushedAuthorizationRequestUriReferenceValue, setGlobalConfig } from '@openid4vc/oauth2';
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
const authorizationCodeFlow = request.grant === 'authorization_code';
const authorizationServerMetadata = authorizationServer.createAuthorizationServerMetadata({
  issuer: base,
  token_endpoint: `${base}/token`,
  jwks_uri: `${base}/jwks`,
  ...(authorizationCodeFlow
    ? {
      authorization_endpoint: `${base}/authorize`,
      pushed_authorization_request_endpoint: `${base}/par`,
      require_pushed_authorization_requests: true,
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
      grant_types_supported: ['authorization_code'],
    }
    : { 'pre-authorized_grant_anonymous_access_supported': true }),
});
const issuerMetadata = {
  originalDraftVersion: 'v1',
  credentialIssuer: credentialIssuerMetadata,
  authorizationServers: [authorizationServerMetadata],
  knownCredentialConfigurations: issuer.getKnownCredentialConfigurationsSupported(credentialIssuerMetadata),
};

const preAuthorizedCode = randomBytes(24).toString('base64url');
const txCode = authorizationCodeFlow ? null : String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0');
const issuerState = authorizationCodeFlow ? randomBytes(24).toString('base64url') : null;
const { credentialOffer, credentialOfferObject } = await issuer.createCredentialOffer({
  issuerMetadata,
  credentialConfigurationIds: ['Kyc'],
  grants: authorizationCodeFlow
    ? { authorization_code: { issuer_state: issuerState } }
    : { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': preAuthorizedCode, tx_code: { input_mode: 'numeric', length: 6 } } },
  credentialOfferUri: `${base}/offer`,
});
let codeUsed = false;
const nonces = new Set();
const clients = new Map(authorizationCodeFlow ? [[request.clientId, request.redirectUris ?? []]] : []);
const pushedRequests = new Map(); // request_uri reference value -> {authorizationRequest, expiresAt}
const codes = new Map(); // code -> what the authorization request bound it to
const credentialIdentifiers = new Map(); // credential_identifier -> credential_configuration_id
const lifetimeMs = 60_000;

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
    if (authorizationCodeFlow && req.method === 'POST' && path === '/par') {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      const { authorizationRequest } = await authorizationServer.parsePushedAuthorizationRequest({ request: requestLike(req), authorizationRequest: form });
      await authorizationServer.verifyPushedAuthorizationRequest({ authorizationRequest, authorizationServerMetadata, request: requestLike(req) });
      const refuse = (status, error, errorDescription) => send(res, status, authorizationServer.createPushedAuthorizationErrorResponse({ error, errorDescription }));
      const redirectUris = clients.get(authorizationRequest.client_id);
      if (!redirectUris) return refuse(401, 'invalid_client', 'unknown client');
      if (!redirectUris.includes(authorizationRequest.redirect_uri)) return refuse(400, 'invalid_request', 'redirect_uri is not registered');
      if (authorizationRequest.response_type !== 'code') return refuse(400, 'unsupported_response_type', 'response_type must be code');
      if (!authorizationRequest.code_challenge || authorizationRequest.code_challenge_method !== 'S256') return refuse(400, 'invalid_request', 'PKCE S256 is required');
      if (authorizationRequest.issuer_state !== issuerState) return refuse(400, 'invalid_request', 'unknown issuer_state');
      let authorizationDetails = [];
      if (authorizationRequest.authorization_details !== undefined) {
        authorizationDetails = typeof authorizationRequest.authorization_details === 'string' ? JSON.parse(authorizationRequest.authorization_details) : authorizationRequest.authorization_details;
        if (!Array.isArray(authorizationDetails) || authorizationDetails.some((d) => d?.type !== 'openid_credential' || !credentialIssuerMetadata.credential_configurations_supported[d.credential_configuration_id])) {
          return refuse(400, 'invalid_authorization_details', 'unknown credential configuration');
        }
      }
      const reference = randomBytes(24).toString('base64url');
      pushedRequests.set(reference, { authorizationRequest, authorizationDetails, expiresAt: Date.now() + lifetimeMs });
      const { pushedAuthorizationResponse } = authorizationServer.createPushedAuthorizationResponse({ requestUri: `urn:ietf:params:oauth:request_uri:${reference}`, expiresInSeconds: lifetimeMs / 1000 });
      return send(res, 201, pushedAuthorizationResponse);
    }
    if (authorizationCodeFlow && req.method === 'GET' && path === '/authorize') {
      const params = new URL(`${base}${req.url}`).searchParams;
      const reference = parsePushedAuthorizationRequestUriReferenceValue({ uri: params.get('request_uri') ?? '' });
      const pushed = pushedRequests.get(reference);
      pushedRequests.delete(reference);
      if (!pushed || pushed.expiresAt < Date.now() || pushed.authorizationRequest.client_id !== params.get('client_id')) {
        return send(res, 400, { error: 'invalid_request', error_description: 'unknown or expired request_uri' });
      }
      // The bank's login: the customer is already authenticated and consents.
      const { authorizationRequest, authorizationDetails } = pushed;
      const code = randomBytes(24).toString('base64url');
      codes.set(code, {
        clientId: authorizationRequest.client_id,
        redirectUri: authorizationRequest.redirect_uri,
        codeChallenge: authorizationRequest.code_challenge,
        codeChallengeMethod: authorizationRequest.code_challenge_method,
        authorizationDetails,
        expiresAt: new Date(Date.now() + lifetimeMs),
      });
      const location = new URL(authorizationRequest.redirect_uri);
      location.searchParams.set('code', code);
      if (authorizationRequest.state !== undefined) location.searchParams.set('state', authorizationRequest.state);
      location.searchParams.set('iss', base);
      res.writeHead(303, { location: location.toString(), 'cache-control': 'no-store' });
      return res.end();
    }
    if (authorizationCodeFlow && req.method === 'POST' && path === '/token') {
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      const parsed = authorizationServer.parseAccessTokenRequest({ request: requestLike(req), accessTokenRequest: form });
      if (parsed.grant.grantType !== 'authorization_code') return send(res, 400, { error: 'unsupported_grant_type' });
      // Single use: the code is gone whatever happens next (RFC 6749 §4.1.2).
      const issued = codes.get(parsed.grant.code);
      codes.delete(parsed.grant.code);
      if (!issued) return send(res, 400, { error: 'invalid_grant', error_description: 'unknown or used code' });
      if (form.client_id !== issued.clientId) return send(res, 400, { error: 'invalid_grant', error_description: 'code issued to another client' });
      if (form.redirect_uri !== issued.redirectUri) return send(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri differs from the authorization request' });
      await authorizationServer.verifyAuthorizationCodeAccessTokenRequest({
        authorizationServerMetadata, grant: parsed.grant, accessTokenRequest: parsed.accessTokenRequest, request: requestLike(req),
        expectedCode: parsed.grant.code, codeExpiresAt: issued.expiresAt,
        pkce: { codeVerifier: parsed.pkceCodeVerifier, codeChallenge: issued.codeChallenge, codeChallengeMethod: issued.codeChallengeMethod },
      });
      const details = issued.authorizationDetails.map((d) => {
        const identifier = randomBytes(12).toString('base64url');
        credentialIdentifiers.set(identifier, d.credential_configuration_id);
        return { type: 'openid_credential', credential_configuration_id: d.credential_configuration_id, credential_identifiers: [identifier] };
      });
      return send(res, 200, await authorizationServer.createAccessTokenResponse({
        audience: base, authorizationServer: base, expiresInSeconds: 300, subject: 'customer-42', clientId: issued.clientId,
        signer: { method: 'jwk', alg: 'EdDSA', publicJwk: { ...publicJwk, kid: 'access-token-key' } },
        ...(details.length > 0 ? { additionalAccessTokenResponsePayload: { authorization_details: details } } : {}),
      }));
    }
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
      if (parsed.credentialIdentifier !== undefined && credentialIdentifiers.get(parsed.credentialIdentifier) !== 'Kyc') {
        return send(res, 400, { error: 'unknown_credential_identifier' });
      }
      // OpenID4VCI 1.0 §8.2: once the Token Response named credential_identifiers, credential_configuration_id must not be used.
      if (parsed.credentialIdentifier === undefined && credentialIdentifiers.size > 0) {
        return send(res, 400, { error: 'invalid_credential_request', error_description: 'use a credential_identifier from the Token Response' });
      }
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

process.stdout.write(`${JSON.stringify({ offer: credentialOffer, txCode, issuerState, issuerDid, credentialIssuer: base })}\n`);
