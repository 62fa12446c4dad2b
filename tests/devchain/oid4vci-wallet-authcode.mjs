// OID4VCI interop bridge, the peer as the wallet in the Authorization Code Flow: @openid4vc/openid4vci 0.4.6 (with
// @openid4vc/oauth2) resolves an offer with an authorization_code grant (issuer_state), builds the authorization request
// with PKCE (pushed when the server has a PAR endpoint), sends it, stops at the redirect back to the wallet, takes the
// code from its Location, redeems it with the code_verifier and gets a credential with a jwt proof (node's own crypto).
// The negative switches break one step on purpose and report the server's answer instead of throwing.
// authorizationDetails asks with authorization_details (through additionalRequestPayload: the client has no option for
// them) instead of scope; Openid4vciClient.retrieveCredentials then still sends credential_configuration_id (it cannot
// send a credential_identifier), so with credentialIdentifier the Credential Request goes through the library's
// Oauth2Client.resourceRequest with the first credential_identifier of the Token Response.
//   {offer, alg: "EdDSA"|"ES256", clientId, redirectUri, scope?, authorizationDetails?: bool, credentialIdentifier?: bool,
//    tokenRedirectUri?, wrongCodeVerifier?: bool, replayCode?: bool}
//   -> {credentialIssuer, pushed, authorizationRequestUrl, redirectLocation, tokenAuthorizationDetails, holderPublicJwk, credentials:[string]}
//      or {failedAt: "authorize"|"token"|"credential", status, error} when a step was refused
//      (replayCode adds replay: {status, error} and afterReplay: {status, error}, the first token used after the replay).
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { Oauth2Client, clientAuthenticationNone, setGlobalConfig } from '@openid4vc/oauth2';
import { readRequest } from './bridge-io.mjs';

const request = await readRequest();
setGlobalConfig({ allowInsecureUrls: true }); // the C# test serves the issuer on plain HTTP on loopback

const alg = request.alg ?? 'EdDSA';
const { privateKey, publicKey } = alg === 'EdDSA' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicJwk = publicKey.export({ format: 'jwk' });
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

const callbacks = {
  hash: (data, algorithm) => new Uint8Array(createHash(algorithm.replace('-', '').toLowerCase()).update(data).digest()),
  generateRandom: (length) => new Uint8Array(randomBytes(length)),
  clientAuthentication: clientAuthenticationNone({ clientId: request.clientId }),
  fetch: globalThis.fetch,
  signJwt: async (signer, { header, payload }) => {
    const input = `${b64(header)}.${b64(payload)}`;
    const signature = alg === 'EdDSA'
      ? sign(null, Buffer.from(input), privateKey)
      : sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    return { jwt: `${input}.${signature.toString('base64url')}`, signerJwk: publicJwk };
  },
};

// Writes the reply, then exits once it is flushed (a pipe is written asynchronously); never resolves.
const finish = (reply) => new Promise(() => { process.stdout.write(JSON.stringify(reply), () => process.exit(0)); });
// The library's errors for an error response: Oauth2ClientErrorResponseError (errorResponse, response: the fetch
// response) and Openid4vciRetrieveCredentialsError (response: {response, credentialErrorResponseResult}).
const refusal = (e) => {
  const status = e?.response?.status ?? e?.response?.response?.status ?? null;
  const error = e?.errorResponse?.error ?? e?.response?.credentialErrorResponseResult?.data?.error ?? null;
  if (status === null && error === null) throw e;
  return { status, error };
};

const client = new Openid4vciClient({ callbacks });
const credentialOffer = await client.resolveCredentialOffer(request.offer);
const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
const credentialConfigurationId = credentialOffer.credential_configuration_ids[0];

// The authorization request: PKCE S256 from the server's code_challenge_methods_supported, issuer_state from the offer,
// pushed to the PAR endpoint when the metadata names one (the library decides).
let authorization;
try {
  authorization = await client.createAuthorizationRequestUrlFromOffer({
    credentialOffer, issuerMetadata, clientId: request.clientId, redirectUri: request.redirectUri, scope: request.scope,
    additionalRequestPayload: request.authorizationDetails
      ? { authorization_details: [{ type: 'openid_credential', credential_configuration_id: credentialConfigurationId }] }
      : undefined,
  });
} catch (e) {
  await finish({ failedAt: 'authorize', ...refusal(e) });
}

const { authorizationRequestUrl, pkce } = authorization;
const authorizationServerMetadata = issuerMetadata.authorizationServers.find((as) => as.issuer === authorization.authorizationServer);
const pushed = new URL(authorizationRequestUrl).searchParams.has('request_uri');

// The user agent: the issuer's authorization handler logs the user in without a page, so the answer is the redirect.
const answer = await fetch(authorizationRequestUrl, { redirect: 'manual' });
const location = answer.headers.get('location');
if (answer.status < 300 || answer.status > 399 || !location) {
  const body = await answer.json().catch(() => ({}));
  await finish({ failedAt: 'authorize', status: answer.status, error: body.error ?? null });
}

const authorizationResponse = client.parseAndVerifyAuthorizationResponseRedirectUrl({ url: location, authorizationServerMetadata });
if (authorizationResponse.error) await finish({ failedAt: 'authorize', status: answer.status, error: authorizationResponse.error });

const redeem = (verifier, redirectUri) => client.retrieveAuthorizationCodeAccessTokenFromOffer({
  credentialOffer, issuerMetadata, authorizationCode: authorizationResponse.code, pkceCodeVerifier: verifier, redirectUri,
});

const verifier = request.wrongCodeVerifier ? randomBytes(32).toString('base64url') : pkce.codeVerifier;
let accessTokenResponse;
try {
  ({ accessTokenResponse } = await redeem(verifier, request.tokenRedirectUri ?? request.redirectUri));
} catch (e) {
  await finish({ failedAt: 'token', ...refusal(e) });
}

const credentialIdentifier = (accessTokenResponse.authorization_details ?? [])
  .find((d) => d.type === 'openid_credential' && d.credential_configuration_id === credentialConfigurationId)?.credential_identifiers?.[0];
const credentialRequest = async (accessToken) => {
  const { c_nonce: nonce } = await client.requestNonce({ issuerMetadata });
  const { jwt } = await client.createCredentialRequestJwtProof({ issuerMetadata, credentialConfigurationId, nonce, signer: { method: 'jwk', alg, publicJwk } });
  if (!request.credentialIdentifier) {
    return client.retrieveCredentials({ issuerMetadata, accessToken, credentialConfigurationId, proofs: { jwt: [jwt] } });
  }
  // resourceRequest passes its options on as they are, so it needs the callbacks too.
  const { ok, response } = await new Oauth2Client({ callbacks }).resourceRequest({
    callbacks,
    accessToken,
    url: issuerMetadata.credentialIssuer.credential_endpoint,
    requestOptions: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential_identifier: credentialIdentifier, proofs: { jwt: [jwt] } }) },
  });
  const body = await response.json();
  if (!ok) throw Object.assign(new Error('credential request refused'), { errorResponse: body, response });
  return { credentialResponse: body };
};

if (request.replayCode) {
  // RFC 6749 §4.1.2: the code is single-use, and the server should revoke what it issued for a replayed code.
  let replay;
  try {
    await redeem(pkce.codeVerifier, request.redirectUri);
    replay = { status: 200, error: null };
  } catch (e) {
    replay = refusal(e);
  }
  let afterReplay;
  try {
    await credentialRequest(accessTokenResponse.access_token);
    afterReplay = { status: 200, error: null };
  } catch (e) {
    afterReplay = refusal(e);
  }
  await finish({ replay, afterReplay });
}

let response;
try {
  response = await credentialRequest(accessTokenResponse.access_token);
} catch (e) {
  await finish({ failedAt: 'credential', ...refusal(e) });
}

await finish({
  credentialIssuer: credentialOffer.credential_issuer,
  credentialConfigurationId,
  pushed,
  authorizationRequestUrl,
  redirectLocation: location,
  tokenAuthorizationDetails: accessTokenResponse.authorization_details ?? null,
  holderPublicJwk: publicJwk,
  credentials: (response.credentialResponse.credentials ?? []).map((c) => c.credential),
});
