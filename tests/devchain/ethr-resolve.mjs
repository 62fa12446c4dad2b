// did:ethr interop bridge, read side: the reference resolver (ethr-did-resolver 11) against a given chain and registry.
//   stdin {did, rpcUrl, registry, chainId, versionId?} -> stdout: the DID resolution result (didDocument, metadata)
import { Resolver } from 'did-resolver';
import { getResolver } from 'ethr-did-resolver';
import { JsonRpcProvider, Network } from 'ethers';
import { readRequest } from './bridge-io.mjs';

const request = await readRequest();
const chainId = Number(request.chainId);
const provider = new JsonRpcProvider(request.rpcUrl, Network.from(chainId), { staticNetwork: true, pollingInterval: 50 });

async function resolve() {
  const resolver = new Resolver(getResolver({ networks: [{ chainId, provider, registry: request.registry }] }), { cache: false });
  const did = request.versionId ? `${request.did}?versionId=${request.versionId}` : request.did;
  return resolver.resolve(did);
}

try {
  process.stdout.write(JSON.stringify(await resolve()));
} finally {
  provider.destroy();
}
