// did:ethr interop bridge, write side: the reference writer (ethr-did 3) against a given chain and registry.
//   stdin {rpcUrl, registry, chainId, identityPrivateKey, relayerPrivateKey?, ops:[...]} -> stdout {results:[{op, hash, blockNumber, status}]}
//     ops: {op:"setAttribute", key, value, expiresIn, signed?} | {op:"revokeAttribute", key, value, signed?}
//          {op:"addDelegate", delegate, delegateType, expiresIn, signed?} | {op:"revokeDelegate", delegate, delegateType, signed?}
//          {op:"changeOwner", newOwner, signed?} (newOwner 0x0000000000000000000000000000000000000000 deactivates)
//     With signed:true the identity key signs the meta-transaction and the relayer sends it (the *Signed functions).
import { EthrDID } from 'ethr-did';
import { JsonRpcProvider, Network, NonceManager, SigningKey, Wallet, computeAddress } from 'ethers';
import { readRequest } from './bridge-io.mjs';

const request = await readRequest();
const chainId = Number(request.chainId);
const provider = new JsonRpcProvider(request.rpcUrl, Network.from(chainId), { staticNetwork: true, pollingInterval: 50 });

async function write() {
  const identityKey = new SigningKey(request.identityPrivateKey);
  const address = computeAddress(identityKey.publicKey);
  // Local nonce counting: on a busy node "pending" can lag between back-to-back sends.
  const owner = new NonceManager(new Wallet(request.identityPrivateKey, provider));
  const relayer = request.relayerPrivateKey ? new NonceManager(new Wallet(request.relayerPrivateKey, provider)) : owner;
  const direct = new EthrDID({ identifier: address, chainNameOrId: chainId, provider, registry: request.registry, txSigner: owner });
  const relayed = new EthrDID({ identifier: address, chainNameOrId: chainId, provider, registry: request.registry, txSigner: relayer });
  const sign = (hash) => { const s = identityKey.sign(hash); return { sigV: s.v, sigR: s.r, sigS: s.s }; };
  const results = [];
  for (const op of request.ops) {
    let hash;
    switch (op.op) {
      case 'setAttribute':
        hash = op.signed
          ? await relayed.setAttributeSigned(op.key, op.value, op.expiresIn, sign(await relayed.createSetAttributeHash(op.key, op.value, op.expiresIn)))
          : await direct.setAttribute(op.key, op.value, op.expiresIn);
        break;
      case 'revokeAttribute':
        hash = op.signed
          ? await relayed.revokeAttributeSigned(op.key, op.value, sign(await relayed.createRevokeAttributeHash(op.key, op.value)))
          : await direct.revokeAttribute(op.key, op.value);
        break;
      case 'addDelegate':
        hash = op.signed
          ? await relayed.addDelegateSigned(op.delegate, sign(await relayed.createAddDelegateHash(op.delegateType, op.delegate, op.expiresIn)), { delegateType: op.delegateType, expiresIn: op.expiresIn })
          : await direct.addDelegate(op.delegate, { delegateType: op.delegateType, expiresIn: op.expiresIn });
        break;
      case 'revokeDelegate':
        hash = op.signed
          ? await relayed.revokeDelegateSigned(op.delegate, op.delegateType, sign(await relayed.createRevokeDelegateHash(op.delegateType, op.delegate)))
          : await direct.revokeDelegate(op.delegate, op.delegateType);
        break;
      case 'changeOwner':
        hash = op.signed
          ? await relayed.changeOwnerSigned(op.newOwner, sign(await relayed.createChangeOwnerHash(op.newOwner)))
          : await direct.changeOwner(op.newOwner);
        break;
      default:
        throw new Error(`unknown op ${op.op}`);
    }
    const receipt = await provider.waitForTransaction(hash);
    results.push({ op: op.op, hash, blockNumber: receipt.blockNumber, status: receipt.status });
  }
  return { results };
}

try {
  process.stdout.write(JSON.stringify(await write()));
} finally {
  provider.destroy();
}
