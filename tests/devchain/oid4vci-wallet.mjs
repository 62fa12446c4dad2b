// OID4VCI interop bridge, the peer as the wallet: @openid4vc/openid4vci 0.4.6 (with @openid4vc/oauth2) runs the
// pre-authorized code flow against an issuer over HTTP, with node's own crypto for the holder key.
//   {offer, txCode?, alg: "EdDSA"|"ES256"} -> {credentialIssuer, credentialConfigurationId, holderPublicJwk, credentials:[string], notificationId?}
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { clientAuthenticationNone, setGlobalConfig } from '@openid4vc/oauth2';
import { readRequest } from './bridge-io.mjs';

const request = await readRequest();

// The C# test serves the issuer on plain HTTP on loopback, so the peer's development switch is needed too.
setGlobalConfig({ allowInsecureUrls: true });

const alg = request.alg ?? 'EdDSA';
const { privateKey, publicKey } = alg === 'EdDSA' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicJwk = publicKey.export({ format: 'jwk' });
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

const callbacks = {
  hash: (data, algorithm) => new Uint8Array(createHash(algorithm.replace('-', '').toLowerCase()).update(data).digest()),
  generateRandom: (length) => new Uint8Array(randomBytes(length)),
  clientAuthentication: clientAuthenticationNone({ clientId: 'didsdk-interop-wallet' }),
  signJwt: async (signer, { header, payload }) => {
    const input = `${b64(header)}.${b64(payload)}`;
    const signature = alg === 'EdDSA'
      ? sign(null, Buffer.from(input), privateKey)
      : sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    return { jwt: `${input}.${signature.toString('base64url')}`, signerJwk: publicJwk };
  },
};

const client = new Openid4vciClient({ callbacks });
const offer = await client.resolveCredentialOffer(request.offer);
const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
const credentialConfigurationId = offer.credential_configuration_ids[0];
const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer: offer, issuerMetadata, txCode: request.txCode });
const { c_nonce: nonce } = await client.requestNonce({ issuerMetadata });
const { jwt } = await client.createCredentialRequestJwtProof({
  issuerMetadata,
  credentialConfigurationId,
  nonce,
  signer: { method: 'jwk', alg, publicJwk },
});
const response = await client.retrieveCredentials({
  issuerMetadata,
  accessToken: accessTokenResponse.access_token,
  credentialConfigurationId,
  proofs: { jwt: [jwt] },
});
const body = response.credentialResponse;
process.stdout.write(JSON.stringify({
  credentialIssuer: offer.credential_issuer,
  credentialConfigurationId,
  holderPublicJwk: publicJwk,
  credentials: (body.credentials ?? []).map((c) => c.credential),
  notificationId: body.notification_id ?? null,
}));
