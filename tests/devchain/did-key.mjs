// did:key in the peer implementations.
// {"action":"resolve","did":"did:key:..."} -> {"digitalbazaar": <DID document or null>, "keyDidResolver": <DID document or null>, "errors": {...}}
//   @digitalbazaar/did-method-key handles Ed25519 only here; key-did-resolver handles Ed25519, secp256k1 and P-256.
// {"action":"generate"} -> {"did", "didDocument"} from @digitalbazaar/did-method-key with a fresh Ed25519 key.
import * as DidKey from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Resolver } from 'did-resolver';
import KeyResolver from 'key-did-resolver';
import { readRequest } from './bridge-io.mjs';

const request = await readRequest();

const driver = DidKey.driver();
driver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });

if (request.action === 'generate') {
  const keyPair = await Ed25519Multikey.generate();
  const { didDocument } = await driver.fromKeyPair({ verificationKeyPair: keyPair });
  process.stdout.write(JSON.stringify({ did: didDocument.id, didDocument }));
} else if (request.action === 'resolve') {
  const result = { digitalbazaar: null, keyDidResolver: null, errors: {} };
  try {
    result.digitalbazaar = await driver.get({ did: request.did });
  } catch (error) {
    result.errors.digitalbazaar = String(error?.message ?? error);
  }
  const resolved = await new Resolver(KeyResolver.getResolver()).resolve(request.did);
  if (resolved.didDocument) result.keyDidResolver = resolved.didDocument;
  else result.errors.keyDidResolver = resolved.didResolutionMetadata?.error ?? 'unknown';
  process.stdout.write(JSON.stringify(result));
} else {
  process.stderr.write(`unknown action ${request.action}\n`);
  process.exit(2);
}
