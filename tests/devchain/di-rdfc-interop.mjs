// RDFC Data Integrity interop bridge: @digitalbazaar/vc 7 with ecdsa-rdfc-2019 (P-256, P-384; @digitalbazaar/ecdsa-multikey)
// and eddsa-rdfc-2022 (@digitalbazaar/ed25519-multikey), did:key keys, an offline document loader.
//   {action:"issue", cryptosuite, credential, publicKeyMultibase, secretKeyMultibase} -> {credential}
//   {action:"verify", cryptosuite, credential}                                         -> {verified, error}
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { driver } from '@digitalbazaar/did-method-key';
import { contexts as credentialContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import { readRequest } from './bridge-io.mjs';

const didKey = driver();
didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
didKey.use({ multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from });
didKey.use({ multibaseMultikeyHeader: 'z82L', fromMultibase: EcdsaMultikey.from });
const offline = new Map([...credentialContexts, ...dataIntegrityContext.contexts, ...multikeyContext.contexts]);

async function documentLoader(url) {
  if (offline.has(url)) {
    return { contextUrl: null, documentUrl: url, document: offline.get(url) };
  }
  if (url.startsWith('did:key:')) {
    return { contextUrl: null, documentUrl: url, document: await didKey.get({ url }) };
  }
  throw new Error(`document loader is offline: ${url}`);
}

const suites = { 'ecdsa-rdfc-2019': [ecdsaRdfc2019, EcdsaMultikey], 'eddsa-rdfc-2022': [eddsaRdfc2022, Ed25519Multikey] };
const request = await readRequest();
const [cryptosuite, multikey] = suites[request.cryptosuite] ?? [];
if (!cryptosuite) {
  process.stderr.write(`unknown cryptosuite ${request.cryptosuite}\n`);
  process.exit(2);
}

let reply;
switch (request.action) {
  case 'issue': {
    const controller = `did:key:${request.publicKeyMultibase}`;
    const keyPair = await multikey.from({
      '@context': 'https://w3id.org/security/multikey/v1',
      type: 'Multikey',
      id: `${controller}#${request.publicKeyMultibase}`,
      controller,
      publicKeyMultibase: request.publicKeyMultibase,
      secretKeyMultibase: request.secretKeyMultibase,
    });
    const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite });
    reply = { credential: await vc.issue({ credential: { ...request.credential, issuer: controller }, suite, documentLoader }) };
    break;
  }
  case 'verify': {
    const suite = new DataIntegrityProof({ cryptosuite });
    const result = await vc.verifyCredential({ credential: request.credential, suite, documentLoader });
    reply = { verified: result.verified, error: result.error ? String(result.error?.errors?.[0]?.message ?? result.error.message ?? result.error) : null };
    break;
  }
  default:
    process.stderr.write(`unknown action ${request.action}\n`);
    process.exit(2);
}
process.stdout.write(JSON.stringify(reply));
