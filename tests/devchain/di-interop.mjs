// Data Integrity interop bridge: @digitalbazaar/vc 7 with eddsa-jcs-2022, did:key keys, an offline document loader;
// and Bitstring Status Lists with @digitalbazaar/vc-bitstring-status-list.
//   {action:"issue", credential, publicKeyMultibase, secretKeyMultibase}  -> {credential}
//   {action:"verify", credential}                                          -> {verified, error}
//   {action:"decodeList", encodedList, indexes:[...]}                      -> {length, bits:[...]}
//   {action:"encodeList", length, setIndexes:[...]}                        -> {encodedList}
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createSignCryptosuite, createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { driver } from '@digitalbazaar/did-method-key';
import { contexts as credentialContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import { createList, decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { readRequest } from './bridge-io.mjs';

const didKey = driver();
didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
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

const request = await readRequest();
let reply;
switch (request.action) {
  case 'issue': {
    const controller = `did:key:${request.publicKeyMultibase}`;
    const keyPair = await Ed25519Multikey.from({
      '@context': 'https://w3id.org/security/multikey/v1',
      type: 'Multikey',
      id: `${controller}#${request.publicKeyMultibase}`,
      controller,
      publicKeyMultibase: request.publicKeyMultibase,
      secretKeyMultibase: request.secretKeyMultibase,
    });
    const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: createSignCryptosuite() });
    reply = { credential: await vc.issue({ credential: { ...request.credential, issuer: controller }, suite, documentLoader }) };
    break;
  }
  case 'verify': {
    const suite = new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
    const result = await vc.verifyCredential({ credential: request.credential, suite, documentLoader });
    reply = { verified: result.verified, error: result.error ? String(result.error?.errors?.[0]?.message ?? result.error.message ?? result.error) : null };
    break;
  }
  case 'decodeList': {
    const list = await decodeList({ encodedList: request.encodedList });
    reply = { length: list.length, bits: request.indexes.map((i) => list.getStatus(i)) };
    break;
  }
  case 'encodeList': {
    const list = await createList({ length: request.length });
    for (const i of request.setIndexes) list.setStatus(i, true);
    reply = { encodedList: await list.encode() };
    break;
  }
  default:
    process.stderr.write(`unknown action ${request.action}\n`);
    process.exit(2);
}
process.stdout.write(JSON.stringify(reply));
