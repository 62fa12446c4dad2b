// Imports JWKs with Node's own crypto (createPublicKey / createPrivateKey, format 'jwk') and reports what Node saw.
// Request on stdin: {"jwks":[{...}, ...]}; response on stdout: {"results":[{ok, type, namedCurve, publicJwk, error}]}.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readRequest } from './bridge-io.mjs';

const request = await readRequest();

const results = request.jwks.map((jwk) => {
  try {
    const key = jwk.d ? createPrivateKey({ key: jwk, format: 'jwk' }) : createPublicKey({ key: jwk, format: 'jwk' });
    const publicKey = jwk.d ? createPublicKey(key) : key;
    return {
      ok: true,
      type: key.type,
      asymmetricKeyType: key.asymmetricKeyType,
      namedCurve: key.asymmetricKeyDetails?.namedCurve ?? null,
      publicJwk: publicKey.export({ format: 'jwk' }),
    };
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
});
process.stdout.write(JSON.stringify({ results }));
