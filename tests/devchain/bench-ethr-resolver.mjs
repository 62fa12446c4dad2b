// Baseline for the did:ethr resolution benchmark: the reference resolver (ethr-did-resolver + ethers v6) resolving
// one DID repeatedly against the same node. Its provider gets a static network so it does not spend calls on
// network detection: the best-configured reference, not a handicapped one.
//   {rpcUrl, registry, chainId, did, iterations, warmup} -> {iterations, meanMs, medianMs, didDocument}
import { Resolver } from 'did-resolver';
import { getResolver } from 'ethr-did-resolver';
import { JsonRpcProvider, Network } from 'ethers';
import { readRequest } from './bridge-io.mjs';

const request = await readRequest();
const chainId = Number(request.chainId);
const provider = new JsonRpcProvider(request.rpcUrl, Network.from(chainId), { staticNetwork: true });
const resolver = new Resolver(getResolver({ networks: [{ chainId, provider, registry: request.registry }] }), { cache: false });

let document = null;
for (let i = 0; i < (request.warmup ?? 1); i++) {
  document = (await resolver.resolve(request.did)).didDocument;
}

const times = [];
for (let i = 0; i < (request.iterations ?? 10); i++) {
  const start = process.hrtime.bigint();
  const result = await resolver.resolve(request.did);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (result.didResolutionMetadata?.error) {
    process.stderr.write(`resolution failed: ${JSON.stringify(result.didResolutionMetadata)}\n`);
    process.exit(1);
  }
}

times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({
  iterations: times.length,
  meanMs: times.reduce((a, b) => a + b, 0) / times.length,
  medianMs: times[Math.floor(times.length / 2)],
  didDocument: document,
}));
provider.destroy();
